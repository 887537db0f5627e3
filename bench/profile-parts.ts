// How bench:profile reads a V8 .cpuprofile: each sample's time goes to the part of the server
// its frame belongs to (a package, a Node subsystem, Marquee's code, GC). A module of its own so
// a saved profile can be read again without running the load.
import path from 'node:path';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The part of the server a sampled frame belongs to. */
export function partOf(frame: ProfileNode['callFrame']): string {
  const { functionName: fn, url } = frame;
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(idle)') return 'idle';
  if (fn === '(program)') return 'V8/native (outside JS)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes('/dist/main/')) return `marquee`;
  const node = /^node:(?:internal\/)?([a-z_]+)/.exec(url);
  if (node) {
    const mod = node[1]!.replace(/^_/, '');
    if (mod.startsWith('tls')) return 'node tls';
    if (mod.startsWith('http')) return 'node http';
    if (mod === 'stream' || mod === 'streams') return 'node streams';
    if (mod === 'net' || mod === 'stream_base_commons') return 'node net';
    return `node ${mod}`;
  }
  if (url === '') return 'native';
  return 'other';
}

export interface Breakdown {
  busyUs: number;
  parts: [string, number][];
  /**
   * Samples (not time) by what they were spent for (PURPOSES), as the table asks. A
   * sample's time is wall time since the previous one: when the machine is busy a thread that
   * lost its core in a system call (a socket write that woke the database) is charged all the
   * wait at once. The sampler ticks while the thread runs, so counts follow CPU time.
   */
  purposes: [string, number][];
  functions: [string, number][];
}

/**
 * What a sample's time was spent for, decided by the innermost frame of its stack that one of
 * these rules claims (so a token lookup's mysql2 work is "mysql2", its hashing "auth"); a stack
 * none claims goes by the part of its innermost JavaScript frame (GENERAL_PURPOSES). The names
 * are those of the built bundle (esbuild keeps function names).
 */
const PURPOSES: [string, (fn: string, url: string) => boolean][] = [
  ['logging (pino, marquee.log)', (_fn, url) => /node_modules\/(pino|@pinojs|rotating-file-stream|sonic-boom|thread-stream)\//.test(url)],
  ['metrics (prom-client)', (_fn, url) => url.includes('node_modules/prom-client/')],
  ['rate limit', (_fn, url) => url.includes('node_modules/@fastify/rate-limit/')],
  ['mysql2 (encode, decode, its socket)', (_fn, url) => url.includes('node_modules/mysql2/') || url.includes('node_modules/lru.min/')],
  ['auth (token check and cache)', (fn, url) => url.includes('/dist/main/') && /^(verifyToken|sharedLookUp|lookUp|hashToken|authenticate|rateLimitKey|bearerToken|looksLikeToken)$/.test(fn)],
  ['input validation (zod, show times)', (fn, url) => url.includes('node_modules/zod/') || (url.includes('/dist/main/') && /^(parseInput|checkCall|parseShowTime|instantOf|readLocalTime)$/.test(fn))],
  ['JSON body parse', (_fn, url) => url.includes('node_modules/secure-json-parse/')],
  ['JSON serialise', (fn, url) => url === '' && fn === 'stringify'],
  ['idempotency key (hash, reference)', (fn, url) => url.includes('/dist/main/') && /^(requestHash|idempotencyRef|validIdempotencyKey|canonical\w*)$/.test(fn)],
];
const GENERAL_PURPOSES: Record<string, string> = {
  'node net': 'TLS and sockets (encrypt, decrypt, send)',
  'node tls': 'TLS and sockets (encrypt, decrypt, send)',
  'node streams': 'TLS and sockets (encrypt, decrypt, send)',
  'node http': 'HTTP parse and response (node:http)',
  fastify: 'Fastify routing and hooks',
  'find-my-way': 'Fastify routing and hooks',
  avvio: 'Fastify routing and hooks',
  marquee: 'operation and hooks (Marquee code)',
  GC: 'GC',
  'node modules': 'start-up: loading modules (not per request)',
  'node bootstrap': 'start-up: loading modules (not per request)',
  'V8/native (outside JS)': 'V8 (compiler, runtime)',
};

function purposeOf(stack: ProfileNode[], leafPart: string): string {
  for (const node of stack) {
    const rule = PURPOSES.find(([, claims]) => claims(node.callFrame.functionName, node.callFrame.url));
    if (rule) return rule[0];
  }
  return GENERAL_PURPOSES[leafPart] ?? 'Node event loop, promises, timers, other';
}

export function breakdown(profile: CpuProfile): Breakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  // Native code called from JavaScript (a socket write, a string decode) counts as the part
  // that called it: "node net" then includes the TLS encryption and the send of each write.
  const callerOf = (node: ProfileNode): ProfileNode => {
    let cur: ProfileNode | undefined = node;
    while (cur && cur.callFrame.url === '' && !cur.callFrame.functionName.startsWith('(')) cur = byId.get(parentOf.get(cur.id) ?? -1);
    return cur ?? node;
  };
  const parts = new Map<string, number>();
  const purposes = new Map<string, number>();
  const functions = new Map<string, number>();
  const stackOf = (node: ProfileNode): ProfileNode[] => {
    const stack: ProfileNode[] = [];
    for (let cur: ProfileNode | undefined = node; cur; cur = byId.get(parentOf.get(cur.id) ?? -1)) stack.push(cur);
    return stack;
  };
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const us = profile.timeDeltas[i] ?? 0;
    const caller = callerOf(node);
    const part = partOf(caller.callFrame);
    if (part === 'idle') return;
    busyUs += us;
    parts.set(part, (parts.get(part) ?? 0) + us);
    const purpose = purposeOf(stackOf(node), part);
    purposes.set(purpose, (purposes.get(purpose) ?? 0) + 1);
    const frame = caller.callFrame;
    const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
    const native = caller === node ? '' : `${node.callFrame.functionName || 'native'} in `;
    const key = `${native}${frame.functionName || '(anonymous)'} ${where} [${part}]`;
    functions.set(key, (functions.get(key) ?? 0) + us);
  });
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { busyUs, parts: sorted(parts), purposes: sorted(purposes), functions: sorted(functions) };
}
