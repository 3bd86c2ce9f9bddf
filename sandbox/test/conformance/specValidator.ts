// openapi-backend over the patched spec copy: response bodies, response headers and (for our own
// requests) parameters and bodies, all checked with the spec's schemas through Ajv.
import OpenAPIBackend, { SetMatchType } from 'openapi-backend';
import type { JsonObject } from './specJson';

/**
 * Ajv knows no formats by default and would ignore them. The spec uses these; validating the
 * ones with a meaning keeps e.g. `created_at` honest. `integer`/`string`/`text` are spec typos
 * (non-standard format names) and are accepted without a check.
 */
export const FORMATS = {
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  email: /^[^\s@]+@[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
  integer: true,
  string: true,
  text: true,
} as const;

export interface HttpExchange {
  method: string;
  /** Path and query as sent, e.g. `/api/v2/users?page[size]=2`. */
  pathWithQuery: string;
  requestBody?: unknown;
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or null for an empty body (what openapi-backend expects for a 204). */
  body: unknown;
}

export class SpecValidator {
  private constructor(readonly api: OpenAPIBackend, readonly initMs: number) {}

  /** Builds and initialises the backend; `strict` makes it throw if the patched copy is not valid OpenAPI. */
  static async create(spec: JsonObject): Promise<SpecValidator> {
    const started = performance.now();
    const api = new OpenAPIBackend({
      definition: structuredClone(spec) as never, // dereferenced in place: keep the caller's copy intact
      strict: true,
      // allErrors: report every violation at once, so one run shows the sandbox engineer the whole list.
      ajvOpts: { formats: FORMATS, allErrors: true },
    });
    await api.init();
    return new SpecValidator(api, performance.now() - started);
  }

  /** Status codes the spec declares for an operation. */
  declaredStatuses(operationId: string): string[] {
    const operation = this.api.getOperation(operationId);
    if (!operation) throw new Error(`Unknown operation ${operationId}`);
    return Object.keys(operation.responses ?? {});
  }

  /** Problems with a response body; openapi-backend passes undeclared statuses, so check that first. */
  bodyProblems(operationId: string, status: number, body: unknown): string[] {
    if (!this.declaredStatuses(operationId).includes(String(status))) {
      return [`status ${status} is not declared (declared: ${this.declaredStatuses(operationId).join(', ')})`];
    }
    return describe(this.api.validateResponse(body, operationId, status).errors);
  }

  /** Problems with response headers: every header the spec declares for this status must be present and valid. */
  headerProblems(operationId: string, status: number, headers: Record<string, string>): string[] {
    const result = this.api.validateResponseHeaders(headers, operationId, { statusCode: status, setMatchType: SetMatchType.Superset });
    return describe(result.errors).map((problem) => `header ${problem}`);
  }

  /** Problems with a request we sent (parameters and body), against the same patched spec. */
  requestProblems(operationId: string, exchange: Pick<HttpExchange, 'method' | 'pathWithQuery' | 'requestBody'>): string[] {
    const result = this.api.validateRequest({
      method: exchange.method,
      path: exchange.pathWithQuery,
      headers: { 'content-type': 'application/json' },
      body: exchange.requestBody,
    }, operationId);
    return describe(result.errors).map((problem) => `request ${problem}`);
  }

  /** Everything wrong with one exchange, for one assertion with a readable message. */
  exchangeProblems(operationId: string, exchange: HttpExchange): string[] {
    return [
      ...this.requestProblems(operationId, exchange),
      ...this.bodyProblems(operationId, exchange.status, exchange.body),
      ...this.headerProblems(operationId, exchange.status, exchange.headers),
    ];
  }
}

type AjvErrors = ReturnType<OpenAPIBackend['validateResponse']>['errors'];

function describe(errors: AjvErrors): string[] {
  return (errors ?? []).map((error) =>
    `${error.instancePath || '(root)'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)} [${error.schemaPath}]`);
}
