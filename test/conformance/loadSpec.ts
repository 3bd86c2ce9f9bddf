// Loads Zendesk's OpenAPI spec, prunes it to the covered operations, and applies the known gaps.
// Pruning is needed for speed: openapi-backend compiles validators for every operation and took
// ~55 s on the whole 1.6 MB file (427 paths) but ~3 s on these few paths plus all components.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { COVERED_OPERATIONS } from './coveredOperations';
import { applyKnownSpecGaps } from './knownSpecGaps';
import { JsonObject, isJsonObject, listOperations, objectAt } from './specJson';

export const OAS_PATH = '/work/shared/zendesk/oas.yaml';

let parsed: JsonObject | undefined;

/** The spec exactly as published (parsed once per process: the YAML parse alone takes ~2 s). */
export function loadPublishedSpec(): JsonObject {
  if (!parsed) {
    const document: unknown = parse(readFileSync(OAS_PATH, 'utf8'));
    if (!isJsonObject(document) || document.openapi !== '3.0.3') {
      throw new Error(`${OAS_PATH} is not an OpenAPI 3.0.3 document`);
    }
    parsed = document;
  }
  return parsed;
}

/**
 * A deep copy holding only the path items and methods of `operationIds` (path-level parameters
 * kept) and every component, so all `$ref`s still resolve.
 */
export function pruneToOperations(spec: JsonObject, operationIds: readonly string[]): JsonObject {
  const copy = structuredClone(spec);
  const wanted = new Set(operationIds);
  const paths: JsonObject = {};
  for (const { path, method, operation } of listOperations(copy)) {
    if (typeof operation.operationId !== 'string' || !wanted.has(operation.operationId)) continue;
    const item = objectAt(copy, ['paths', path]);
    const kept = (paths[path] ??= item.parameters === undefined ? {} : { parameters: item.parameters }) as JsonObject;
    kept[method] = operation;
    wanted.delete(operation.operationId);
  }
  if (wanted.size > 0) {
    throw new Error(`The spec lacks operations: ${[...wanted].join(', ')}`);
  }
  copy.paths = paths;
  return copy;
}

/** The pruned copy with every KNOWN_SPEC_GAPS patch applied: what the sandbox is checked against. */
export function loadPatchedSpec(): JsonObject {
  const spec = pruneToOperations(loadPublishedSpec(), COVERED_OPERATIONS);
  applyKnownSpecGaps(spec);
  return spec;
}
