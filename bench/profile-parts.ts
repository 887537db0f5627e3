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
  functions: [string, number][];
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
  const functions = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const us = profile.timeDeltas[i] ?? 0;
    const caller = callerOf(node);
    const part = partOf(caller.callFrame);
    if (part === 'idle') return;
    busyUs += us;
    parts.set(part, (parts.get(part) ?? 0) + us);
    const frame = caller.callFrame;
    const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
    const native = caller === node ? '' : `${node.callFrame.functionName || 'native'} in `;
    const key = `${native}${frame.functionName || '(anonymous)'} ${where} [${part}]`;
    functions.set(key, (functions.get(key) ?? 0) + us);
  });
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { busyUs, parts: sorted(parts), functions: sorted(functions) };
}
