// Places where Zendesk's published spec (oas.yaml) and the live API disagree, according to
// docs/zendesk/API-NOTES.md. Each gap carries the narrow patch that makes the spec copy
// describe the live API; nothing else about the spec is changed and no endpoint is skipped.
// Patched nodes are tagged `x-known-gap: <id>` so a validation error can be traced back here.
import { COVERED_OPERATIONS, PAGED_LIST_OPERATIONS, RECORD_LOOKUP_OPERATIONS } from './coveredOperations';
import { type JsonObject, isJsonObject, objectAt, operationById, requiredList, responsesOf, schemaNamed } from './specJson';

export interface KnownSpecGap {
  id: string;
  /** operationId(s) or `#/components/schemas/...` the patch touches. */
  target: string;
  specSays: string;
  liveZendesk: string;
  /** Section of API-NOTES.md that describes the live behaviour. */
  source: string;
  /** `request`-side gaps cannot change a response verdict; they are patched for completeness. */
  side: 'response' | 'request';
  patch(spec: JsonObject): void;
}

const TAG = 'x-known-gap';

/** Operations taking a list of at most 100 ids or items. */
export const TOO_MANY_VALUES_OPERATIONS = [
  'ShowManyOrganizations', 'ShowManyUsers', 'ShowManyJobStatuses', 'CreateManyOrganizationMemberships', 'DeleteManyOrganizationMemberships',
] as const;

/** Marks a patched node; a node patched by several gaps lists them all. */
function tag(node: JsonObject, gapId: string): void {
  node[TAG] = typeof node[TAG] === 'string' ? `${node[TAG]}, ${gapId}` : gapId;
}
const ref = (pointer: string): JsonObject => ({ $ref: pointer });
const schemaRef = (name: string): JsonObject => ref(`#/components/schemas/${name}`);

/** The classic Zendesk error envelope (API-NOTES §7); the spec only ever declares it inline. */
export const CLASSIC_ERROR_SCHEMA = 'ConformanceClassicError';

function addProperties(schema: JsonObject, gapId: string, properties: JsonObject): void {
  const existing = objectAt(schema, ['properties']);
  for (const [name, definition] of Object.entries(properties)) {
    if (name in existing) throw new Error(`${gapId}: property ${name} already exists; the gap may be fixed upstream`);
    // A Reference Object may not have siblings in OpenAPI 3.0, so a tagged $ref is wrapped in allOf.
    const schema = definition as JsonObject;
    existing[name] = '$ref' in schema ? { allOf: [schema], [TAG]: gapId } : { ...schema, [TAG]: gapId };
  }
}

function addResponse(spec: JsonObject, operationId: string, status: string, gapId: string, response: JsonObject): void {
  const responses = responsesOf(spec, operationId);
  if (status in responses) throw new Error(`${gapId}: ${operationId} already declares ${status}`);
  responses[status] = { ...response, [TAG]: gapId };
}

const jsonContent = (schema: JsonObject): JsonObject => ({ 'application/json': { schema } });

const CURSOR_KEYS: JsonObject = {
  meta: ref('#/components/schemas/CursorPaginationMeta/properties/meta'),
  links: ref('#/components/schemas/CursorPaginationMeta/properties/links'),
};
const OFFSET_KEYS: JsonObject = {
  next_page: { type: 'string', nullable: true },
  previous_page: { type: 'string', nullable: true },
  count: { type: 'integer', minimum: 0 },
};

const RATE_LIMIT_HEADERS: JsonObject = {
  'X-Rate-Limit': { description: 'Requests allowed per minute', schema: { type: 'integer', minimum: 1 }, [TAG]: 'rate-limit-headers' },
  'X-Rate-Limit-Remaining': { description: 'Requests left in the current minute', schema: { type: 'integer', minimum: 0 }, [TAG]: 'rate-limit-headers' },
};

export const KNOWN_SPEC_GAPS: readonly KnownSpecGap[] = [
  {
    id: 'membership-list-pagination-keys',
    target: '#/components/schemas/OrganizationMembershipsResponse',
    specSays: 'only `organization_memberships` (no paging keys)',
    liveZendesk: 'cursor pages add `meta`/`links`; offset pages add `next_page`/`previous_page`/`count`',
    source: '§3.1, §4, §8',
    side: 'response',
    patch: (spec) => addProperties(schemaNamed(spec, 'OrganizationMembershipsResponse'), 'membership-list-pagination-keys',
      { ...CURSOR_KEYS, ...OFFSET_KEYS }),
  },
  {
    id: 'membership-list-sideloads',
    target: '#/components/schemas/OrganizationMembershipsResponse',
    specSays: 'declares `include=users,organizations` (OrganizationMembershipsInclude) but no sideload keys in the response',
    liveZendesk: 'sideloaded records arrive as top-level `users` / `organizations` arrays',
    source: '§1.1 (notes on list #1/#2)',
    side: 'response',
    patch: (spec) => addProperties(schemaNamed(spec, 'OrganizationMembershipsResponse'), 'membership-list-sideloads', {
      users: { type: 'array', items: schemaRef('UserObject') },
      organizations: { type: 'array', items: schemaRef('OrganizationObject') },
    }),
  },
  {
    id: 'organization-list-cursor-keys',
    target: '#/components/schemas/OrganizationsResponse',
    specSays: 'offset keys only (`count`, `next_page`, `previous_page`)',
    liveZendesk: 'ListOrganizations is dual-paged; cursor pages carry `meta`/`links`',
    source: '§4 (endpoint table: `GET /organizations` Dual)',
    side: 'response',
    patch: (spec) => addProperties(schemaNamed(spec, 'OrganizationsResponse'), 'organization-list-cursor-keys', CURSOR_KEYS),
  },
  {
    id: 'user-list-pagination-keys',
    target: '#/components/schemas/UsersResponse',
    specSays: 'only `users` (no paging keys)',
    liveZendesk: 'cursor pages add `meta`/`links`; offset pages (and autocomplete) add `next_page`/`previous_page`/`count`',
    source: '§4 (cursor and offset response shapes)',
    side: 'response',
    patch: (spec) => addProperties(schemaNamed(spec, 'UsersResponse'), 'user-list-pagination-keys', { ...CURSOR_KEYS, ...OFFSET_KEYS }),
  },
  {
    id: 'job-status-list-cursor-keys',
    target: '#/components/schemas/JobStatusesResponse',
    specSays: 'only `job_statuses`',
    liveZendesk: 'ListJobStatuses is cursor-paged and carries `meta`/`links`',
    source: '§1.4, §4, §8',
    side: 'response',
    patch: (spec) => addProperties(schemaNamed(spec, 'JobStatusesResponse'), 'job-status-list-cursor-keys', CURSOR_KEYS),
  },
  {
    id: 'job-result-oneof',
    target: '#/components/schemas/JobStatusResultObject',
    specSays: '`oneOf` [CreateResourceResult, UpdateResourceResult, FailedResult] without a discriminator',
    liveZendesk: 'a create result such as {id, index, action, status, success} matches two branches, which `oneOf` rejects',
    source: '§3.3, §8',
    side: 'response',
    patch: (spec) => {
      const schema = schemaNamed(spec, 'JobStatusResultObject');
      if (!Array.isArray(schema.oneOf)) throw new Error('job-result-oneof: JobStatusResultObject has no oneOf');
      schema.anyOf = schema.oneOf;
      delete schema.oneOf;
      tag(schema, 'job-result-oneof');
    },
  },
  {
    id: 'failed-result-id',
    target: '#/components/schemas/FailedResult',
    specSays: 'requires `id`',
    liveZendesk: 'a failed create has no record and so no id; all result fields must be treated as optional',
    source: '§3.3',
    side: 'response',
    patch: (spec) => {
      const schema = schemaNamed(spec, 'FailedResult');
      const required = requiredList(schema);
      if (!required.includes('id')) throw new Error('failed-result-id: FailedResult no longer requires id');
      schema.required = required.filter((name) => name !== 'id');
      tag(schema, 'failed-result-id');
    },
  },
  {
    id: 'job-result-recorded-shapes',
    target: '#/components/schemas/CreateResourceResult, #/components/schemas/FailedResult',
    specSays: 'CreateResourceResult requires `id` and `index`; FailedResult requires `action` and `success`',
    liveZendesk: 'recorded create_many entries are {"id":…,"status":"Created"} with no index (1,369 of them); recorded failures are '
      + '{"index":…,"error":"<Code>","id":…,"details":"<text>"} with no success and no action',
    source: '§13',
    side: 'response',
    patch: (spec) => {
      const created = schemaNamed(spec, 'CreateResourceResult');
      if (!requiredList(created).includes('index')) throw new Error('job-result-recorded-shapes: CreateResourceResult no longer requires index');
      created.required = requiredList(created).filter((name) => name !== 'index');
      tag(created, 'job-result-recorded-shapes');
      const failed = schemaNamed(spec, 'FailedResult');
      const required = requiredList(failed);
      if (!required.includes('action') || !required.includes('success')) throw new Error('job-result-recorded-shapes: FailedResult no longer requires action and success');
      failed.required = required.filter((name) => name !== 'action' && name !== 'success');
      tag(failed, 'job-result-recorded-shapes');
    },
  },
  {
    id: 'user-recorded-nulls',
    target: '#/components/schemas/UserForAdmin, #/components/schemas/UserForEndUser',
    specSays: '`email`, `alias`, `details`, `notes`, `last_login_at` and `default_group_id` are non-nullable strings/integers',
    liveZendesk: 'recorded users have null email (users without an email exist), alias, details, notes, last_login_at and default_group_id',
    source: '§13',
    side: 'response',
    patch: (spec) => {
      const targets: Array<[string, string[]]> = [
        ['UserForAdmin', ['email', 'alias', 'details', 'notes', 'last_login_at', 'default_group_id']],
        ['UserForEndUser', ['email']],
      ];
      for (const [schemaName, names] of targets) {
        for (const name of names) {
          const property = objectAt(schemaNamed(spec, schemaName), ['properties', name]);
          if (property.nullable === true) throw new Error(`user-recorded-nulls: ${schemaName}.${name} is already nullable`);
          property.nullable = true;
          tag(property, 'user-recorded-nulls');
        }
      }
    },
  },
  {
    id: 'user-nullable-fields',
    target: '#/components/schemas/UserForEndUser',
    specSays: 'UserForEndUser: `phone`, `photo`, `shared_phone_number` and `organization_id` are non-nullable (UserForAdmin already allows null for most of them)',
    liveZendesk: 'null when unset — the spec\'s own user examples show exactly these nulls (oas.yaml lines 4753-4759 and 23208)',
    source: '§3 (shapes; the spec examples are the evidence)',
    side: 'response',
    patch: (spec) => {
      for (const name of ['phone', 'photo', 'shared_phone_number', 'organization_id']) {
        const property = objectAt(schemaNamed(spec, 'UserForEndUser'), ['properties', name]);
        if (property.nullable === true) throw new Error(`user-nullable-fields: UserForEndUser.${name} is already nullable`);
        if ('$ref' in property) throw new Error(`user-nullable-fields: UserForEndUser.${name} is a reference`);
        property.nullable = true;
        tag(property, 'user-nullable-fields');
      }
    },
  },
  {
    id: 'membership-ids-readonly',
    target: '#/components/schemas/OrganizationMembershipObject',
    specSays: '`user_id` and `organization_id` are `readOnly`',
    liveZendesk: 'both are written on create (they are the membership\'s identity)',
    source: '§2, §3.1, §8',
    side: 'request',
    // Ajv treats readOnly as an annotation, so no verdict in this suite depends on it; the patch
    // keeps the copy truthful for anything else that reads it (e.g. request-type generation).
    patch: (spec) => {
      for (const name of ['user_id', 'organization_id']) {
        const property = objectAt(schemaNamed(spec, 'OrganizationMembershipObject'), ['properties', name]);
        if (property.readOnly !== true) throw new Error(`membership-ids-readonly: ${name} is no longer readOnly`);
        delete property.readOnly;
        tag(property, 'membership-ids-readonly');
      }
    },
  },
  {
    id: 'destroy-many-ids',
    target: 'DeleteManyOrganizationMemberships',
    specSays: '`ids` is an exploded integer array (`ids=1&ids=2`)',
    liveZendesk: '`ids` is one comma-joined string (`ids=1,2,3`)',
    source: '§2, §8',
    side: 'request',
    patch: (spec) => {
      const parameters: unknown = operationById(spec, 'DeleteManyOrganizationMemberships').parameters;
      const ids = (Array.isArray(parameters) ? parameters : []).find((p): p is JsonObject => isJsonObject(p) && p.name === 'ids');
      if (!ids) throw new Error('destroy-many-ids: no ids parameter');
      ids.schema = { type: 'string', pattern: '^[0-9]+(,[0-9]+)*$' };
      ids.required = true;
      tag(ids, 'destroy-many-ids');
    },
  },
  {
    id: 'list-paging-parameters',
    target: 'ListUserOrganizationMemberships, ListOrganizationMembershipsByOrganization, AutocompleteOrganizations',
    specSays: 'no paging parameters (so `page`/`per_page`/`page[size]` are undeclared query parameters)',
    liveZendesk: 'the two membership lists page by cursor or offset; autocomplete pages by offset (`page`, `per_page`)',
    source: '§4 (endpoint table), §8',
    side: 'request',
    patch: (spec) => {
      const additions: Record<string, JsonObject[]> = {
        ListUserOrganizationMemberships: [ref('#/components/parameters/DualPaginationPage'), ref('#/components/parameters/PerPage')],
        ListOrganizationMembershipsByOrganization: [ref('#/components/parameters/DualPaginationPage'), ref('#/components/parameters/PerPage')],
        AutocompleteOrganizations: [{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } }, ref('#/components/parameters/PerPage')],
      };
      for (const [operationId, parameters] of Object.entries(additions)) {
        const operation = operationById(spec, operationId);
        const existing: unknown = operation.parameters ?? [];
        if (!Array.isArray(existing)) throw new Error(`list-paging-parameters: ${operationId} parameters is not a list`);
        if (existing.some((p) => isJsonObject(p) && (p.name === 'page' || p.$ref === parameters[0].$ref))) {
          throw new Error(`list-paging-parameters: ${operationId} already declares paging`);
        }
        operation.parameters = [...existing, ...parameters];
        tag(operation, 'list-paging-parameters');
      }
    },
  },
  {
    id: 'organization-search-external-id',
    target: 'SearchOrganizations',
    specSays: '`external_id` (component parameter OrganizationExternalId) is an integer',
    liveZendesk: '`external_id` is a string, matched exactly and ignoring case',
    source: '§1.2, §8',
    side: 'request',
    patch: (spec) => {
      // Replaced on this path only: the shared component parameter is left as published.
      const item = objectAt(spec, ['paths', '/api/v2/organizations/search']);
      const parameters = item.parameters;
      if (!Array.isArray(parameters)) throw new Error('organization-search-external-id: the path has no parameters');
      const index = parameters.findIndex((p) => isJsonObject(p) && p.$ref === '#/components/parameters/OrganizationExternalId');
      if (index < 0) throw new Error('organization-search-external-id: no OrganizationExternalId parameter; the gap may be fixed upstream');
      parameters[index] = {
        name: 'external_id', in: 'query', description: 'The external id of an organization', schema: { type: 'string' }, [TAG]: 'organization-search-external-id',
      };
    },
  },
  {
    id: 'membership-request-bodies',
    target: 'CreateOrganizationMembership, CreateUserOrganizationMembership, CreateManyOrganizationMemberships',
    specSays: 'no `requestBody`',
    liveZendesk: '{organization_membership:{user_id, organization_id, default?}} and {organization_memberships:[...]} (max 100)',
    source: '§2, §8',
    side: 'request',
    patch: (spec) => {
      const membership = { type: 'object', properties: { user_id: { type: 'integer' }, organization_id: { type: 'integer' }, default: { type: 'boolean' } } };
      const bodies: Record<string, JsonObject> = {
        CreateOrganizationMembership: { type: 'object', required: ['organization_membership'], properties: {
          organization_membership: { ...membership, required: ['user_id', 'organization_id'] } } },
        CreateUserOrganizationMembership: { type: 'object', required: ['organization_membership'], properties: {
          organization_membership: { ...membership, required: ['organization_id'] } } },
        CreateManyOrganizationMemberships: { type: 'object', required: ['organization_memberships'], properties: {
          organization_memberships: { type: 'array', minItems: 1, maxItems: 100, items: { ...membership, required: ['user_id', 'organization_id'] } } } },
      };
      for (const [operationId, schema] of Object.entries(bodies)) {
        const operation = operationById(spec, operationId);
        if (operation.requestBody) throw new Error(`membership-request-bodies: ${operationId} now has a requestBody`);
        operation.requestBody = { required: true, content: jsonContent(schema), [TAG]: 'membership-request-bodies' };
      }
    },
  },
  {
    id: 'rate-limited-429',
    target: 'every covered operation except AutocompleteOrganizations (which declares it)',
    specSays: 'no 429 response',
    liveZendesk: 'any request over the account limit gets 429 with `Retry-After` (seconds); body uses the JSON:API `Errors` envelope',
    source: '§5, §7',
    side: 'response',
    patch: (spec) => {
      const retryAfter = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 0 } } };
      for (const operationId of COVERED_OPERATIONS) {
        const responses = responsesOf(spec, operationId);
        if (operationId === 'AutocompleteOrganizations') {
          const declared = objectAt(responses, ['429']);
          declared.headers = retryAfter;
          tag(declared, 'rate-limited-429');
          continue;
        }
        addResponse(spec, operationId, '429', 'rate-limited-429',
          { description: 'Too Many Requests', headers: retryAfter, content: jsonContent(schemaRef('Errors')) });
      }
    },
  },
  {
    id: 'pagination-depth-400',
    target: 'offset-paged lists (AutocompleteOrganizations already declares 400 Errors)',
    specSays: 'no 400 response',
    liveZendesk: 'offset requests past page 100 / 10,000 records get 400 `{"errors":[{"code":"InvalidPaginationDepth",...}]}`',
    source: '§4, §7',
    side: 'response',
    patch: (spec) => {
      for (const operationId of PAGED_LIST_OPERATIONS) {
        if (operationId === 'AutocompleteOrganizations' || operationId === 'ListJobStatuses') continue; // declared / cursor-only
        addResponse(spec, operationId, '400', 'pagination-depth-400',
          { description: 'Bad request (e.g. InvalidPaginationDepth)', content: jsonContent(schemaRef('Errors')) });
      }
    },
  },
  {
    id: 'too-many-values-400',
    target: TOO_MANY_VALUES_OPERATIONS.join(', '),
    specSays: 'no 400 response (ShowMany* state a 100-id cap in prose)',
    liveZendesk: 'more than 100 ids → 400 {"error":"TooManyValues","description":"Parameter  cannot specify more than 100 values","max_count":100}; '
      + 'the bulk endpoints also answer 400 in the classic envelope for a missing or malformed list (unverified: the sandbox\'s own codes)',
    source: '§13, §7',
    side: 'response',
    patch: (spec) => {
      const body = {
        type: 'object', required: ['error'],
        properties: { error: { type: 'string' }, description: { type: 'string' }, max_count: { type: 'integer', minimum: 1 } },
      };
      for (const operationId of TOO_MANY_VALUES_OPERATIONS) {
        addResponse(spec, operationId, '400', 'too-many-values-400', { description: 'Bad request (e.g. TooManyValues)', content: jsonContent(body) });
      }
    },
  },
  {
    id: 'record-not-found-404',
    target: RECORD_LOOKUP_OPERATIONS.join(', '),
    specSays: 'no 404 response (the spec declares `{error, description}` inline for 404s on other operations)',
    liveZendesk: 'an unknown id gets 404 `{"error":"RecordNotFound","description":"Not found"}` (description sometimes absent)',
    source: '§7',
    side: 'response',
    patch: (spec) => {
      for (const operationId of RECORD_LOOKUP_OPERATIONS) {
        addResponse(spec, operationId, '404', 'record-not-found-404',
          { description: 'Not found', content: jsonContent(schemaRef(CLASSIC_ERROR_SCHEMA)) });
      }
    },
  },
  {
    id: 'already-member-422',
    target: 'CreateOrganizationMembership, CreateUserOrganizationMembership',
    specSays: 'prose says "Returns an error with status 422 if the user is already assigned", but no 422 response is declared',
    liveZendesk: '422 with the classic envelope `{error, description, details}`',
    source: '§1.1, §7',
    side: 'response',
    patch: (spec) => {
      for (const operationId of ['CreateOrganizationMembership', 'CreateUserOrganizationMembership']) {
        addResponse(spec, operationId, '422', 'already-member-422',
          { description: 'Unprocessable entity', content: jsonContent(schemaRef(CLASSIC_ERROR_SCHEMA)) });
      }
    },
  },
  {
    id: 'oauth-token-request-body',
    target: 'CreateTokenForGrantType',
    specSays: 'no `requestBody`; the prose lists the parameters and says they "must be formatted as JSON"',
    liveZendesk: 'a JSON object: grant_type, client_id, client_secret, code, redirect_uri, code_verifier (PKCE), refresh_token, scope, expires_in (300-172,800 s), refresh_token_expires_in (7-90 days)',
    source: '§6',
    side: 'request',
    patch: (spec) => {
      const operation = operationById(spec, 'CreateTokenForGrantType');
      if (operation.requestBody) throw new Error('oauth-token-request-body: CreateTokenForGrantType now has a requestBody');
      const text = { type: 'string', minLength: 1 };
      operation.requestBody = {
        required: true,
        content: jsonContent({
          type: 'object',
          required: ['grant_type', 'client_id'],
          properties: {
            grant_type: { type: 'string', enum: ['authorization_code', 'refresh_token', 'client_credentials'] },
            client_id: text,
            client_secret: text,
            code: text,
            redirect_uri: text,
            code_verifier: { type: 'string', minLength: 43, maxLength: 128 },
            refresh_token: text,
            scope: text,
            expires_in: { type: 'integer', minimum: 300, maximum: 172_800 },
            refresh_token_expires_in: { type: 'integer', minimum: 604_800, maximum: 7_776_000 },
          },
        }),
        [TAG]: 'oauth-token-request-body',
      };
    },
  },
  {
    id: 'oauth-token-errors',
    target: 'CreateTokenForGrantType',
    specSays: 'only 201; no error response at all',
    liveZendesk: 'refusals use the OAuth 2.0 envelope {error, error_description} (RFC 6749 §5.2): 400 invalid_request, invalid_grant, '
      + 'unsupported_grant_type, unauthorized_client or invalid_scope; 401 invalid_client. unverified: API-NOTES names no source for this envelope',
    source: '§6, §7',
    side: 'response',
    patch: (spec) => {
      const envelope = (codes: string[]): JsonObject => ({
        type: 'object',
        additionalProperties: false,
        required: ['error', 'error_description'],
        properties: { error: { type: 'string', enum: codes }, error_description: { type: 'string' } },
      });
      addResponse(spec, 'CreateTokenForGrantType', '400', 'oauth-token-errors', {
        description: 'Bad request', content: jsonContent(envelope(['invalid_request', 'invalid_grant', 'unsupported_grant_type', 'unauthorized_client', 'invalid_scope'])),
      });
      addResponse(spec, 'CreateTokenForGrantType', '401', 'oauth-token-errors', {
        description: 'Client authentication failed', content: jsonContent(envelope(['invalid_client'])),
      });
    },
  },
  {
    id: 'search-count-invalid-400',
    target: 'CountSearchResults',
    specSays: 'only 200; the search endpoints\' prose gives their error envelope `{error, description}` ("Examples: unavailable, invalid")',
    liveZendesk: 'a query the search cannot read is refused in that envelope. unverified: the status (400) and `error: "invalid"` for it',
    source: '§1.3 (and docs/notes/search-and-job-list.md)',
    side: 'response',
    patch: (spec) => {
      addResponse(spec, 'CountSearchResults', '400', 'search-count-invalid-400',
        { description: 'Bad request (a query the search cannot read)', content: jsonContent(schemaRef(CLASSIC_ERROR_SCHEMA)) });
    },
  },
  {
    id: 'rate-limit-headers',
    target: 'every covered operation, every response',
    specSays: 'no response headers',
    liveZendesk: '`X-Rate-Limit` and `X-Rate-Limit-Remaining` on every response',
    source: '§5',
    side: 'response',
    // Kept last in this table so the error responses added by the gaps above get the headers too.
    patch: (spec) => {
      for (const operationId of COVERED_OPERATIONS) {
        for (const response of Object.values(responsesOf(spec, operationId))) {
          const target = response as JsonObject;
          target.headers = { ...(target.headers as JsonObject | undefined), ...RATE_LIMIT_HEADERS };
        }
      }
    },
  },
];

/**
 * The classic envelope as a named schema, shaped like the spec's own inline 404 bodies
 * ({error, description}) plus `details` from §7. `error` is required: it is the one field
 * every classic error body has.
 */
function addClassicErrorSchema(spec: JsonObject): void {
  const schemas = objectAt(spec, ['components', 'schemas']);
  if (CLASSIC_ERROR_SCHEMA in schemas) throw new Error(`${CLASSIC_ERROR_SCHEMA} already exists`);
  schemas[CLASSIC_ERROR_SCHEMA] = {
    type: 'object',
    required: ['error'],
    properties: {
      error: { type: 'string' },
      description: { type: 'string' },
      details: {
        type: 'object',
        additionalProperties: {
          type: 'array',
          items: { type: 'object', properties: { description: { type: 'string' }, error: { type: 'string' } } },
        },
      },
    },
    [TAG]: 'record-not-found-404, already-member-422',
  };
}

/** Applies every gap's patch to `spec` in place (call it on a copy). */
export function applyKnownSpecGaps(spec: JsonObject): void {
  addClassicErrorSchema(spec);
  for (const gap of KNOWN_SPEC_GAPS) gap.patch(spec);
}
