// /__sandbox/oauth/*: the OAuth test controls over HTTP, for out-of-process tests and the demo
// (the same operations as `sandbox.oauth` in-process).
import { isPlainObject, parseJsonBody } from '../body';
import { classicError, invalidEndpoint } from '../errors';
import { created, noContent, ok, type ApiRequest, type ApiResponse } from '../http';
import type { SandboxOAuth } from '../oauthGrants';
import { tokenResponseBody } from './oauthTokens';

export function handleOAuthControl(req: ApiRequest, oauth: SandboxOAuth): ApiResponse {
  switch (`${req.method} ${req.path}`) {
    case 'POST /__sandbox/oauth/expire_access_tokens':
      oauth.expireAccessTokens();
      return noContent();
    case 'POST /__sandbox/oauth/revoke_refresh_tokens':
      oauth.revokeRefreshTokens();
      return noContent();
    case 'POST /__sandbox/oauth/issue':
      return issue(req, oauth);
    case 'GET /__sandbox/oauth/stats': {
      const { issued, refused, refusedByError } = oauth.stats();
      return ok({ issued, refused, refused_by_error: refusedByError });
    }
    default:
      return invalidEndpoint();
  }
}

/** {client_id, user_id?, scope?, expires_in?} → 201 with the token endpoint's body. */
function issue(req: ApiRequest, oauth: SandboxOAuth): ApiResponse {
  const body = parseJsonBody(req);
  if (!body.ok) return body.response;
  const input = body.value;
  const usage = 'expected {"client_id": string, "user_id"?: integer, "scope"?: string, "expires_in"?: integer}';
  if (!isPlainObject(input) || typeof input.client_id !== 'string') return classicError(400, 'InvalidValue', usage);
  const { client_id: clientId, user_id: userId, scope, expires_in: expiresIn } = input;
  if ((userId !== undefined && !Number.isSafeInteger(userId)) || (scope !== undefined && typeof scope !== 'string')
    || (expiresIn !== undefined && !Number.isSafeInteger(expiresIn))) {
    return classicError(400, 'InvalidValue', usage);
  }
  try {
    const set = oauth.issue({ clientId, userId: userId as number | undefined, scope: scope as string | undefined, accessTtlSeconds: expiresIn as number | undefined });
    return created(tokenResponseBody(set));
  } catch (error) {
    return classicError(400, 'InvalidValue', (error as Error).message);
  }
}
