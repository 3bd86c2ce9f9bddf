// Writes the repository's copy of Zendesk's OpenAPI spec: the published file pruned to the
// operations the conformance suite covers and the components they (and the known-gap patches)
// reference, unchanged otherwise. Run it when Zendesk publishes a new spec:
//   npm run build -w zendesk-sandbox && node sandbox/out/test/conformance/pruneSpec.js <published oas.yaml>
// then review the diff of sandbox/spec/ and update sandbox/spec/SOURCE.md.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { COVERED_OPERATIONS } from './coveredOperations';
import { applyKnownSpecGaps } from './knownSpecGaps';
import { SPEC_PATH, parseSpec, pruneToOperations } from './loadSpec';
import { type JsonObject, isJsonObject, listOperations } from './specJson';

/** `#/components/<kind>/<name>[/…]` → `<kind>/<name>`. */
function componentOf(ref: string): string | undefined {
  const match = /^#\/components\/([^/]+)\/([^/]+)/.exec(ref);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function refsIn(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    node.forEach((child) => refsIn(child, out));
  } else if (isJsonObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const component = componentOf(value);
        if (component) out.add(component);
      } else {
        refsIn(value, out);
      }
    }
  }
}

/** Components reachable from everything outside `components`, following refs through `spec`'s own components. */
function reachableComponents(spec: JsonObject): Set<string> {
  const pending = new Set<string>();
  refsIn({ ...spec, components: undefined }, pending);
  const components = isJsonObject(spec.components) ? spec.components : {};
  const seen = new Set<string>();
  while (pending.size > 0) {
    const [next] = pending;
    pending.delete(next);
    if (seen.has(next)) continue;
    seen.add(next);
    const [kind, name] = next.split('/');
    const section = components[kind];
    const found = new Set<string>();
    refsIn(isJsonObject(section) ? section[name] : undefined, found);
    found.forEach((ref) => pending.add(ref));
  }
  return seen;
}

/** The covered operations and the components the patched copy needs, taken unpatched from `published`. */
export function pruneForConformance(published: JsonObject): JsonObject {
  const pruned = pruneToOperations(published, COVERED_OPERATIONS);
  const patched = structuredClone(pruned);
  applyKnownSpecGaps(patched);
  // What the published operations reference, and what the patches make them reference.
  const needed = new Set([...reachableComponents(pruned), ...reachableComponents(patched)]);
  const components: JsonObject = {};
  for (const [kind, section] of Object.entries(isJsonObject(pruned.components) ? pruned.components : {})) {
    if (!isJsonObject(section)) continue;
    // Security schemes are named by `security` requirements, not by $ref: keep them all.
    const kept = Object.entries(section).filter(([name]) => kind === 'securitySchemes' || needed.has(`${kind}/${name}`));
    if (kept.length > 0) components[kind] = Object.fromEntries(kept);
  }
  const usedTags = new Set(listOperations(pruned).flatMap(({ operation }) => (Array.isArray(operation.tags) ? operation.tags : [])));
  const tags = Array.isArray(pruned.tags) ? pruned.tags.filter((tag) => isJsonObject(tag) && usedTags.has(tag.name)) : undefined;
  return { ...pruned, ...(tags ? { tags } : {}), components };
}

function header(sourceText: string): string {
  const sha256 = createHash('sha256').update(sourceText).digest('hex');
  return [
    '# Zendesk Support API OpenAPI spec ("Support API" 2.0.0), published by Zendesk, Inc. at',
    '# https://developer.zendesk.com/zendesk/oas.yaml. The published file states no licence; this',
    '# excerpt is copied for interoperability testing of the sandbox (see SOURCE.md beside it).',
    `# Pruned from a copy with sha256 ${sha256} to the ${COVERED_OPERATIONS.length} operations of`,
    '# sandbox/test/conformance/coveredOperations.ts and the components they reference, by',
    '# sandbox/test/conformance/pruneSpec.ts. Nothing else is changed.',
    '',
  ].join('\n');
}

if (require.main === module) {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: node sandbox/out/test/conformance/pruneSpec.js <published oas.yaml>');
    process.exit(2);
  }
  const text = readFileSync(source, 'utf8');
  const pruned = pruneForConformance(parseSpec(text, source));
  writeFileSync(SPEC_PATH, header(text) + stringify(pruned, { lineWidth: 0, aliasDuplicateObjects: false }));
  console.log(`wrote ${SPEC_PATH}: ${listOperations(pruned).length} operations`);
}
