import { ZendeskInputError } from './errors';

/** Zendesk ids are positive integers; anything else is refused before a request is built. */
export function requireId(value: unknown, field: string): number {
  const id = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
    throw new ZendeskInputError(field, `${field} must be a positive whole number (got ${JSON.stringify(value)}).`);
  }
  return id;
}

export function requireIds(values: readonly unknown[], field: string, max: number): number[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new ZendeskInputError(field, `${field} needs at least one id.`);
  }
  if (values.length > max) {
    throw new ZendeskInputError(field, `${field} takes at most ${max} ids per request (got ${values.length}); split the work into chunks.`);
  }
  return values.map((value, index) => requireId(value, `${field}[${index}]`));
}

export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ZendeskInputError(field, `${field} must not be empty.`);
  }
  return value.trim();
}
