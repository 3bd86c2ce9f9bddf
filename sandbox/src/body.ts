// Request body parsing with Rails-like rules: a body is only read as JSON when the request says
// `Content-Type: application/json` (API-NOTES §2); otherwise it is as if no parameters were sent.
// unverified: that Zendesk ignores (rather than rejects) a body sent with another content type.
import { classicError } from './errors';
import type { ApiRequest, ApiResponse } from './http';

export type BodyOutcome = { ok: true; value: unknown } | { ok: false; response: ApiResponse };

export function parseJsonBody(req: ApiRequest): BodyOutcome {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('application/json') || req.bodyText.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(req.bodyText) };
  } catch {
    // unverified: Zendesk's exact answer to unparseable JSON (it is a 400).
    return { ok: false, response: classicError(400, 'InvalidJSON', 'The request body is not valid JSON') };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON id value as a safe integer, or undefined. */
export function asId(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\d{1,16}$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  return undefined;
}

/** Parses `?ids=1,2,3` (comma-joined, API-NOTES §2); undefined when missing or malformed. */
export function parseIdList(text: string | null): string[] | undefined {
  if (text === null || text.trim() === '') return undefined;
  const parts = text.split(',').map((p) => p.trim());
  return parts.every((p) => p !== '') ? parts : undefined;
}
