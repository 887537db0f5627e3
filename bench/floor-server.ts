// The HTTPS floor `npm run bench` compares Marquee against: a bare Fastify route on this
// machine that parses a JSON body and answers JSON, with the same certificate and TLS settings
// as `marquee serve` and nothing else (no auth, limits, validation, logging or database).
// Run as its own process, as serve is: `node --import tsx bench/floor-server.ts <tls dir>`;
// prints "Listening on https://127.0.0.1:<port>".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { tlsServerOptions } from '../main/core/http/connections';

const tlsDir = process.argv[2];
if (!tlsDir) throw new Error('usage: floor-server.ts <tls dir with server.pem and server-key.pem>');
const app = Fastify({
  https: { key: readFileSync(path.join(tlsDir, 'server-key.pem')), cert: readFileSync(path.join(tlsDir, 'server.pem')), ...tlsServerOptions() },
  logger: false,
});
app.post('/floor', async (request) => {
  const body = request.body as { showTime?: unknown };
  return { showTime: body.showTime ?? null, ok: true };
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(`Listening on https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
