// Fastify's JSON-schema compilers (Ajv for validation, fast-json-stringify for serialisation),
// loaded only if a route ever declares a schema. Marquee's routes validate with zod in the core
// (common/schemas.ts) and declare none, yet Fastify loads both packages and their dependencies
// when it starts: about 1.3 MB of heap that `serve` keeps for nothing (issue 14). Should a route
// or plugin declare a schema, the same default compilers are loaded then and behave as usual.
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
/** Each package exports a function that makes Fastify's factory; both are passed through as is. */
type Factory = (...args: unknown[]) => unknown;

const requireFromHere = createRequire(import.meta.url);

export function lazySchemaCompilers(): CompilersFactory {
  let validator: Factory | undefined;
  let serializer: Factory | undefined;
  const buildValidator: Factory = (...args) => {
    validator ??= (requireFromHere('@fastify/ajv-compiler') as () => Factory)();
    return validator(...args);
  };
  const buildSerializer: Factory = (...args) => {
    serializer ??= (requireFromHere('@fastify/fast-json-stringify-compiler') as () => Factory)();
    return serializer(...args);
  };
  return { buildValidator, buildSerializer } as CompilersFactory;
}
