// Zendesk's OAuth endpoints live outside /api/v2 and need no Authorization header: the consent
// pages (a browser, signed in to Zendesk, shows them) and the token endpoint (the client
// authenticates in the body).
import { invalidEndpoint } from '../errors';
import type { ApiRequest, ApiResponse } from '../http';
import type { OAuthGrants } from '../oauthGrants';
import { decideConsent, showConsent } from './oauthAuthorize';
import { tokenEndpoint } from './oauthTokens';

export const isOAuthPath = (path: string): boolean => path.startsWith('/oauth/');

/**
 * The consent pages are browser pages, not API requests.
 * unverified: that they do not count against the API rate limit (the token endpoint does).
 */
export const isAuthorizationPage = (path: string): boolean => path === '/oauth/authorizations' || path.startsWith('/oauth/authorizations/');

export function handleOAuth(req: ApiRequest, oauth: OAuthGrants): ApiResponse {
  switch (`${req.method} ${req.path}`) {
    case 'GET /oauth/authorizations/new':
      return showConsent(req, oauth);
    case 'POST /oauth/authorizations':
      return decideConsent(req, oauth);
    case 'POST /oauth/tokens':
      return tokenEndpoint(req, oauth);
    default:
      return invalidEndpoint();
  }
}
