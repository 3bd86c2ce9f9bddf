// Zendesk's two error envelopes (API-NOTES §7): "classic" {error, description, details} and the
// JSON:API style {errors:[{code, title, detail, status}]} used for rate-limit and paging errors.
import type { ApiResponse } from './http';

export type ErrorDetails = Record<string, Array<{ description?: string; error: string }>>;

export function classicError(status: number, error: string, description?: string, details?: ErrorDetails): ApiResponse {
  const body: Record<string, unknown> = { error };
  if (description !== undefined) body.description = description;
  if (details !== undefined) body.details = details;
  return { status, body };
}

export function jsonApiError(status: number, code: string, title: string, detail?: string): ApiResponse {
  const error: Record<string, string> = { code, title };
  if (detail !== undefined) error.detail = detail;
  error.status = String(status);
  return { status, body: { errors: [error] } };
}

/**
 * More than 100 ids (or items): recorded verbatim, the parameter name blank and two spaces
 * included (API-NOTES §13). unverified: that create_many's over-long array gets the same answer.
 */
export const MAX_VALUES = 100;
export const tooManyValues = (): ApiResponse =>
  ({ status: 400, body: { error: 'TooManyValues', description: `Parameter  cannot specify more than ${MAX_VALUES} values`, max_count: MAX_VALUES } });

export const invalidEndpoint = (): ApiResponse => classicError(404, 'InvalidEndpoint', 'Not found');
export const recordNotFound = (): ApiResponse => classicError(404, 'RecordNotFound', 'Not found');
// unverified: the 401 description text ("Couldn't authenticate you") is not confirmed by a source.
export const unauthorized = (): ApiResponse => classicError(401, 'Unauthorized', "Couldn't authenticate you");
// unverified: the notes show only {"error":"Forbidden"}; the description is ours.
export const FORBIDDEN_DESCRIPTION = 'You do not have access to this page. Please contact the account owner of this help desk for further help.';
export const forbidden = (): ApiResponse => classicError(403, 'Forbidden', FORBIDDEN_DESCRIPTION);

export function recordInvalid(details: ErrorDetails): ApiResponse {
  return classicError(422, 'RecordInvalid', 'Record validation errors', details);
}

/**
 * The OAuth 2.0 error envelope (RFC 6749 §5.2) the token endpoint answers with instead of the
 * classic one. unverified: that Zendesk's /oauth/tokens uses exactly these two fields.
 */
export const oauthError = (status: number, error: string, description: string): ApiResponse =>
  ({ status, body: { error, error_description: description } });

// unverified: Rails-style wording for a missing/empty top-level parameter; Zendesk answers 400.
export const parameterMissing = (name: string): ApiResponse =>
  classicError(400, 'ParameterMissing', `param is missing or the value is empty: ${name}`);

// unverified: code/title for a bad page[size] / cursor; the notes give only InvalidPaginationDepth.
export const invalidPagination = (detail: string): ApiResponse =>
  jsonApiError(400, 'InvalidPaginationParameter', 'Invalid pagination parameter', detail);

/** Thrown by store operations that fail validation; routes turn it into a 422. */
export class RecordInvalidError extends Error {
  constructor(readonly details: ErrorDetails) {
    super(Object.values(details).flat().map((d) => d.description).join('; '));
  }
}
