// One assertion per exchange: expected status, JSON content type, and no spec violations in the
// request we sent or the response we got. Also remembers which operations were checked, so the
// suite can prove that every covered operation met the validator at least once.
import assert from 'node:assert/strict';
import type { CoveredOperation } from './coveredOperations';
import type { RawExchange } from './sandboxHttp';
import type { SpecValidator } from './specValidator';

export interface ExpectOptions {
  /** The request is deliberately wrong (to provoke an error), so only the response is checked. */
  malformedRequest?: boolean;
}

export class ConformanceChecker {
  /** operationId → statuses whose responses were validated. */
  readonly checked = new Map<CoveredOperation, Set<number>>();

  constructor(private readonly validator: SpecValidator) {}

  /** Asserts the exchange conforms and returns its parsed body. */
  expect(operationId: CoveredOperation, exchange: RawExchange, status: number, options: ExpectOptions = {}): unknown {
    const what = `${operationId}: ${exchange.method} ${exchange.pathWithQuery}`;
    assert.equal(exchange.status, status, `${what} answered ${exchange.status}: ${exchange.rawBody.slice(0, 400)}`);
    if (status === 204) {
      assert.equal(exchange.rawBody, '', `${what}: a 204 must have no body`);
    } else {
      assert.match(exchange.headers['content-type'] ?? '', /^application\/json\b/, `${what}: content-type`);
    }
    // `.json` is an optional suffix on every route (API-NOTES §1); the spec's paths have none.
    const pathWithQuery = exchange.pathWithQuery.replace(/\.json(?=\?|$)/, '');
    const problems = options.malformedRequest
      ? [...this.validator.bodyProblems(operationId, exchange.status, exchange.body),
        ...this.validator.headerProblems(operationId, exchange.status, exchange.headers)]
      : this.validator.exchangeProblems(operationId, { ...exchange, pathWithQuery });
    assert.deepEqual(problems, [], `${what} → ${exchange.status} breaks the spec:\n  ${problems.join('\n  ')}\nbody: ${exchange.rawBody.slice(0, 600)}`);
    let statuses = this.checked.get(operationId);
    if (!statuses) this.checked.set(operationId, (statuses = new Set()));
    statuses.add(status);
    return exchange.body;
  }
}
