// Node flags `marquee serve` runs with, wherever it is started from (npm start's headless
// fallback, the benchmark, tests; `npx marquee` and `npm run serve` go through the shebang of
// bin/marquee.js, which names the same flag). V8 grows its young generation to 3 × 16 MB under
// load and keeps the pages; the server's requests allocate little that lives, so an 8 MB
// semi-space costs a few more, cheap scavenges and a lower peak (issue 14; at 4 MB more is promoted
// and the peak rises).
export const SERVE_NODE_ARGS = ['--max-semi-space-size=8'];
