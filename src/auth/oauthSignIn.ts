import type * as vscode from 'vscode';
import { ZendeskTokenEndpoint, authorizationUrl } from '../zendesk';
import type { OAuthGrant } from './oauthSession';
import type { AuthorizationResult, OAuthCallbacks } from './oauthCallbacks';
import { createPkcePair, createState } from './pkce';
import type { SignInServices } from './signInCheck';

/** The OAuth client an admin registered in Admin Center: its identifier, and a secret if confidential. */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
}

/**
 * One sign-in with the authorization code and PKCE (RFC 7636, S256): the authorization URL the
 * browser opens carries a fresh `state` and the verifier's challenge; the answer is accepted only
 * for that state at this origin's own redirect path (OAuthCallbacks); the code is exchanged with
 * the verifier at this origin's token endpoint.
 */
export class AuthorizationCodeSignIn {
  readonly url: string;
  private readonly pkce = createPkcePair();
  private readonly state = createState();

  constructor(readonly origin: string, readonly client: OAuthClient, readonly redirectUri: string) {
    this.url = authorizationUrl(origin, { ...client, redirectUri, state: this.state, codeChallenge: this.pkce.challenge });
  }

  /** Zendesk's answer to this sign-in, or undefined if cancelled or after `timeoutMs`. Ask before the browser opens. */
  answer(callbacks: OAuthCallbacks, token: vscode.CancellationToken, timeoutMs: number): Promise<AuthorizationResult | undefined> {
    return callbacks.wait(this.state, this.origin, token, timeoutMs);
  }

  /** Exchanges the code (with the PKCE verifier) for the grant to store. */
  async exchange(services: SignInServices, code: string): Promise<OAuthGrant> {
    const endpoint = new ZendeskTokenEndpoint({ baseUrl: this.origin, logger: services.log, userAgent: services.userAgent });
    const tokens = await endpoint.exchangeCode({ ...this.client, code, redirectUri: this.redirectUri, codeVerifier: this.pkce.verifier });
    return { kind: 'oauth', ...this.client, tokens };
  }
}

/** Client credentials, for service use: the confidential client's own token, no browser. */
export async function clientCredentialsGrant(services: SignInServices, origin: string, client: OAuthClient): Promise<OAuthGrant> {
  const endpoint = new ZendeskTokenEndpoint({ baseUrl: origin, logger: services.log, userAgent: services.userAgent });
  const tokens = await endpoint.clientCredentials(client);
  return { kind: 'clientCredentials', ...client, tokens };
}
