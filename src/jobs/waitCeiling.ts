import { isZendeskError } from '../zendesk';
import type { PauseState } from './model';

/**
 * How long an account's bulk work has been waiting for Zendesk without a break: rate limited
 * (429) or unavailable (503, other 5xx, no connection). Any answer that gets through ends the
 * stretch. Past the ceiling the runner pauses instead of waiting on (and retrying) forever.
 */
export class WaitCeiling {
  private since?: number;
  private reason?: PauseState['reason'];

  constructor(private readonly ceilingMs: number, private readonly now: () => number) {}

  /** Another wait of the stretch; returns the pause it calls for once the stretch has passed the ceiling. */
  note(reason: PauseState['reason']): PauseState | undefined {
    this.since ??= this.now();
    this.reason = reason;
    return this.now() - this.since >= this.ceilingMs ? { reason: this.reason, since: this.since } : undefined;
  }

  clear(): void {
    this.since = undefined;
    this.reason = undefined;
  }
}

/** Whether an error is Zendesk making us wait (and which kind), rather than a refusal or a bug. */
export function waitKindOf(error: unknown): PauseState['reason'] | undefined {
  if (!isZendeskError(error) || error.code === 'TooManyJobs') {
    return undefined;
  }
  if (error.status === 429) {
    return 'rateLimited';
  }
  return error.status === 0 || error.status >= 500 ? 'unavailable' : undefined;
}
