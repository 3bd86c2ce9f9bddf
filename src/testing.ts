import type * as vscode from 'vscode';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error']);

/**
 * In test runs only: the log channel, with every line also kept in `lines`, so tests can prove
 * what the log holds (and that no credential is among it).
 */
export function recordingLog(channel: vscode.LogOutputChannel, lines: string[]): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property === 'string' && LEVELS.has(property) && typeof value === 'function') {
        return (message: string, ...args: unknown[]) => {
          lines.push(`${property} ${message}`);
          return (value as (...all: unknown[]) => unknown).call(target, message, ...args);
        };
      }
      return typeof value === 'function' ? (value as (...all: unknown[]) => unknown).bind(target) : value;
    },
  });
}
