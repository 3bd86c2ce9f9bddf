import { isZendeskError } from './errors';

/**
 * Whether a failed write may nevertheless have happened in Zendesk, so that only reading the
 * data back tells: an attempt may have reached Zendesk before the failure (a reset or timed-out
 * connection, a 5xx other than a 503 with Retry-After, an answer too large to read), or Zendesk
 * answered 2xx — it did the work — with a body that could not be read.
 */
export function mayHaveApplied(error: unknown): boolean {
  return isZendeskError(error) && (error.afterUncertainAttempt || (error.status >= 200 && error.status < 300));
}

/**
 * Whether Zendesk provably did nothing with a request it refused for a while (429, including
 * TooManyJobs, or a 503 with Retry-After), so that it may be sent again as it is.
 */
export function refusedForNow(error: unknown): boolean {
  return isZendeskError(error) && !error.afterUncertainAttempt
    && (error.status === 429 || (error.status === 503 && error.retryAfter !== undefined) || error.code === 'TooManyJobs');
}
