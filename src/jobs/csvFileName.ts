// The default name of a CSV file the extension offers to save (no `vscode` import, no CSV writer:
// the Jobs panel uses it before the writer is loaded).

/** A safe default file name: no path separators or characters Windows rejects, ends in .csv. */
export function csvFileName(name: string): string {
  const base = name
    .replace(/\.csv$/i, '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120);
  return `${base || 'zendesk-job'}.csv`;
}
