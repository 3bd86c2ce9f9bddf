// Validates a value against one component schema of a spec, through openapi-backend, using a tiny
// document that holds only that schema and what it references. Initialises in milliseconds, so
// the suite can compare the published and the patched spec on the exact schemas a gap touches.
import OpenAPIBackend from 'openapi-backend';
import { isJsonObject, type JsonObject, schemaNamed } from './specJson';
import { FORMATS } from './specValidator';

const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)/;

/** `name` and every component schema it references, transitively. */
function schemaClosure(spec: JsonObject, name: string): JsonObject {
  const collected: JsonObject = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isJsonObject(node)) return;
    const match = typeof node.$ref === 'string' ? SCHEMA_REF.exec(node.$ref) : null;
    if (match && !(match[1] in collected)) {
      collected[match[1]] = schemaNamed(spec, match[1]);
      visit(collected[match[1]]);
    }
    Object.values(node).forEach(visit);
  };
  visit({ $ref: `#/components/schemas/${name}` });
  return collected;
}

export type SchemaCheck = (value: unknown) => string[];

export async function schemaProbe(spec: JsonObject, name: string): Promise<SchemaCheck> {
  const definition = {
    openapi: '3.0.3',
    info: { title: `probe ${name}`, version: '1' },
    paths: {
      '/probe': {
        get: {
          operationId: 'Probe',
          responses: { 200: { description: 'probe', content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } } },
        },
      },
    },
    components: { schemas: structuredClone(schemaClosure(spec, name)) },
  };
  const api = new OpenAPIBackend({ definition: definition as never, strict: true, ajvOpts: { formats: FORMATS, allErrors: true } });
  await api.init();
  return (value) => (api.validateResponse(value, 'Probe', 200).errors ?? [])
    .map((error) => `${error.instancePath || '(root)'} ${error.message ?? error.keyword}`);
}
