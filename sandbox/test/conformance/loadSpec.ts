// Loads the repository's copy of Zendesk's OpenAPI spec (sandbox/spec/, pruned to the covered
// operations by pruneSpec.ts), and applies the known gaps. Pruning also keeps the suite fast:
// openapi-backend compiles validators for every operation and took ~55 s on the whole 1.6 MB
// file (427 paths) but ~3 s on these few paths.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COVERED_OPERATIONS } from './coveredOperations';
import { applyKnownSpecGaps } from './knownSpecGaps';
import { JsonObject, isJsonObject, listOperations, objectAt } from './specJson';

/** sandbox/spec/zendesk-support-oas.pruned.yaml (this file runs from sandbox/out/test/conformance). */
export const SPEC_PATH = join(__dirname, '..', '..', '..', 'spec', 'zendesk-support-oas.pruned.yaml');

let parsed: JsonObject | undefined;

/** The stored copy exactly as published, pruned (parsed once per process). */
export function loadPublishedSpec(): JsonObject {
  if (!parsed) parsed = parseSpec(readFileSync(SPEC_PATH, 'utf8'), SPEC_PATH);
  return parsed;
}

export function parseSpec(text: string, where: string): JsonObject {
  const document: unknown = parse(text, { maxAliasCount: -1 });
  if (!isJsonObject(document) || document.openapi !== '3.0.3') {
    throw new Error(`${where} is not an OpenAPI 3.0.3 document`);
  }
  return document;
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

/** The copy with every KNOWN_SPEC_GAPS patch applied: what the sandbox is checked against. */
export function loadPatchedSpec(): JsonObject {
  const spec = pruneToOperations(loadPublishedSpec(), COVERED_OPERATIONS);
  applyKnownSpecGaps(spec);
  return spec;
}
