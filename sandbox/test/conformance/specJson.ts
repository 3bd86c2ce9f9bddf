// Minimal typed navigation through a parsed OpenAPI document. Every lookup throws when its
// target is missing, so a patch written for this spec fails loudly if the spec changes under it.

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `#/a/b/c` (given as ['a', 'b', 'c']); throws if any step is missing. */
export function objectAt(root: JsonObject, path: readonly string[]): JsonObject {
  let current: unknown = root;
  for (const key of path) {
    current = isJsonObject(current) ? current[key] : undefined;
  }
  if (!isJsonObject(current)) {
    throw new Error(`The spec has no object at #/${path.join('/')}`);
  }
  return current;
}

export function schemaNamed(spec: JsonObject, name: string): JsonObject {
  return objectAt(spec, ['components', 'schemas', name]);
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export interface LocatedOperation {
  path: string;
  method: string;
  operation: JsonObject;
}

/** Every operation in the document with its path and method. */
export function listOperations(spec: JsonObject): LocatedOperation[] {
  const found: LocatedOperation[] = [];
  for (const [path, item] of Object.entries(objectAt(spec, ['paths']))) {
    if (!isJsonObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isJsonObject(operation)) found.push({ path, method, operation });
    }
  }
  return found;
}

export function operationById(spec: JsonObject, operationId: string): JsonObject {
  const match = listOperations(spec).find(({ operation }) => operation.operationId === operationId);
  if (!match) {
    throw new Error(`The spec has no operation ${operationId}`);
  }
  return match.operation;
}

/** The `responses` map of an operation (every OpenAPI operation has one). */
export function responsesOf(spec: JsonObject, operationId: string): JsonObject {
  return objectAt(operationById(spec, operationId), ['responses']);
}

export function requiredList(schema: JsonObject): string[] {
  const required = schema.required;
  return Array.isArray(required) ? required.filter((item): item is string => typeof item === 'string') : [];
}
