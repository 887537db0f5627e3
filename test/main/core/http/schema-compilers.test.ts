// Fastify's schema compilers are loaded only when a route declares a schema (issue 14): a
// process that builds the app without one never loads Ajv, and a route that declares one is
// still validated and serialised by the usual compilers.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { expect, test } from 'vitest';
import { lazySchemaCompilers } from '../../../../main/core/http/schema-compilers';

const run = promisify(execFile);

test('a Fastify app without schemas never loads Ajv or fast-json-stringify', async () => {
  const script = `
    import { createRequire } from 'node:module';
    import Fastify from 'fastify';
    import { lazySchemaCompilers } from './main/core/http/schema-compilers.ts';
    const app = Fastify({ schemaController: { compilersFactory: lazySchemaCompilers() } });
    app.post('/x', async () => ({ ok: true }));
    await app.ready();
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify({
      ajv: loaded.some((f) => f.includes('/node_modules/ajv/')),
      stringify: loaded.some((f) => f.includes('/node_modules/fast-json-stringify/index.js')),
      fastify: loaded.some((f) => f.includes('/node_modules/fastify/fastify.js')),
    }));
    await app.close();`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd() });
  expect(JSON.parse(stdout)).toEqual({ ajv: false, stringify: false, fastify: true });
});

test('a route that declares a schema is validated and serialised as usual', async () => {
  const app = Fastify({ schemaController: { compilersFactory: lazySchemaCompilers() } });
  app.post('/echo', {
    schema: {
      body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
      response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
    },
  }, async (request) => ({ n: (request.body as { n: number }).n, secret: 'not in the schema' }));
  try {
    const ok = await app.inject({ method: 'POST', url: '/echo', payload: { n: 3 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ n: 3 });
    const bad = await app.inject({ method: 'POST', url: '/echo', payload: { n: 'three' } });
    expect(bad.statusCode).toBe(400);
  } finally {
    await app.close();
  }
});
