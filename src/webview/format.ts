// Numbers and durations as the panel shows them. No DOM use here.

/** "8s", "4m 05s", "2h 03m": live while an operation runs, so it must not jitter in width much. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  }
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Thousands separators in the UI language (the host sets <html lang>). */
export function createNumberFormat(language: string): (value: number) => string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(language || undefined);
  } catch {
    format = new Intl.NumberFormat();
  }
  return (value) => format.format(value);
}

/** "14:02": the local time of day a pause began (minutes are enough to recognise it). */
export function formatClock(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 5);
}
