import * as vscode from 'vscode';
import { ZendeskClient, ZendeskTokenEndpoint, createZendeskClient } from '../zendesk';
import type { Credentials, WaitNotice } from '../zendesk';
import type { AccountStore, StoredCredentials } from './accounts';
import { RefreshingCredentials, SessionEndedError } from './oauthSession';

/** Raised when an action needs an account that has no stored credentials any more. */
export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
  constructor(readonly origin: string) {
    super(vscode.l10n.t('You are not signed in to {0}. Sign in again.', origin));
  }
}

export interface ClientServices {
  log: vscode.LogOutputChannel;
  userAgent: string;
  onWait(origin: string, notice: WaitNotice): void;
  /** An OAuth session was refused for good: told once per session. */
  onSessionEnded(error: SessionEndedError): void;
}

/**
 * One Zendesk client per signed-in account, built on first use from SecretStorage and dropped
 * whenever the accounts change (a new token, a sign-out, a refresh made by another window).
 */
export class ZendeskClients implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<ZendeskClient>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly accounts: AccountStore, private readonly services: ClientServices) {
    this.subscription = accounts.onDidChange(() => this.cache.clear());
  }

  for(origin: string): Promise<ZendeskClient> {
    let client = this.cache.get(origin);
    if (!client) {
      client = this.build(origin);
      this.cache.set(origin, client);
      client.catch(() => this.cache.delete(origin));
    }
    return client;
  }

  /** The credentials a client for `origin` should use: static, or OAuth that refreshes itself. */
  credentialsFor(origin: string, stored: StoredCredentials): Credentials {
    if (stored.kind === 'apiToken') {
      return stored;
    }
    const { log, userAgent } = this.services;
    return new RefreshingCredentials({
      origin,
      grant: stored,
      endpoint: new ZendeskTokenEndpoint({ baseUrl: origin, logger: log, userAgent }),
      store: {
        load: async () => {
          const current = await this.accounts.credentials(origin);
          return current && current.kind !== 'apiToken' ? current : undefined;
        },
        save: (grant) => this.accounts.updateCredentials(origin, grant),
      },
      onSessionEnded: (error) => {
        this.cache.delete(origin);
        this.services.onSessionEnded(error);
      },
    });
  }

  private async build(origin: string): Promise<ZendeskClient> {
    const stored = await this.accounts.credentials(origin);
    if (!stored) {
      throw new NotSignedInError(origin);
    }
    return createZendeskClient({
      baseUrl: origin,
      credentials: this.credentialsFor(origin, stored),
      logger: this.services.log,
      userAgent: this.services.userAgent,
      onWait: (notice) => this.services.onWait(origin, notice),
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}
