// How `marquee serve` is started, wherever it is started from (npm start's headless fallback,
// the benchmark, tests; `npx marquee` and `npm run serve` go through the shebang of
// bin/marquee.js, which names the same settings; a CLI test keeps them equal). Issue 14, memory:
//
// --max-semi-space-size=8: V8 grows its young generation to 3 × 16 MB under load and keeps the
//   pages; the server's requests allocate little that lives, so an 8 MB semi-space costs a few
//   more, cheap scavenges and a lower peak. (4 MB: about 6 MB lower still, for twice the
//   scavenges and 12-20% more CPU per booking; issue 25's bench:memory.)
// --heap-growing-percent=30: after a full collection V8 lets the old generation grow to up to
//   4 × what survived on a machine with plenty of memory, before collecting again; serve keeps
//   about 20 MB alive, so under load its old space swung between 50 and 120 MB of mostly dead
//   objects. 1.3 × (or V8's minimum step of 8 MB) keeps it under 30 MB, for one full collection
//   every few thousand requests (a pause of about 10 ms; most of the marking runs beside it).
export const SERVE_NODE_ARGS = ['--max-semi-space-size=8', '--heap-growing-percent=30'];

// MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (V8's compiler and GC helpers,
// libuv's pool) an arena of its own and keeps what was freed in each; two arenas hold about 6 MB
// less under the bench's load.
// MALLOC_MMAP_THRESHOLD_=32768: blocks of 32 KB and more (V8's compiler zones, libuv's 64 KB
// socket reads) get pages of their own, given back to the system when freed. Otherwise glibc
// carves them out of the arena (it raises its threshold to the size of any such block freed,
// about 2 MB here) and the arena keeps the freed space: under the bench's load the main arena
// held 18-22 MB with 8-12 MB in use. Set, it holds about 6 MB less, for one mmap/munmap pair
// every 13 requests.
// glibc reads both at start-up, so they are set in the environment the process starts with; the
// embedded database server serve starts does not inherit them.
export const SERVE_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '32768' };
