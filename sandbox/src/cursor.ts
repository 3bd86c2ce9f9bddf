// Opaque cursors: base64url of a small JSON {l: list tag, k: sort key}. Anything that does not
// decode to a key of the expected shape for this list is rejected (→ 400), as a live API would.

export type CursorKey = Array<string | number>;
/** One letter per key part: 'n' number, 's' string. */
export type KeyShape = string;

export function encodeCursor(tag: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ l: tag, k: key }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, tag: string, shape: KeyShape): CursorKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { l, k } = parsed as { l?: unknown; k?: unknown };
  if (l !== tag || !Array.isArray(k) || k.length !== shape.length) return undefined;
  const typesOk = k.every((part, i) =>
    shape[i] === 'n' ? typeof part === 'number' && Number.isFinite(part) : typeof part === 'string');
  return typesOk ? (k as CursorKey) : undefined;
}

export function keyCompare(a: CursorKey, b: CursorKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    return x < y ? -1 : 1;
  }
  return 0;
}
