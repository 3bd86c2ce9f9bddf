import * as vscode from 'vscode';
import { ZendeskClient, createZendeskClient } from '../zendesk';
import type { WaitNotice } from '../zendesk';
import type { AccountStore } from './accounts';

/** Raised when an action needs an account that has no stored credentials any more. */
export class NotSignedInError extends Error {
  override readonly name = 'NotSignedInError';
  constructor(readonly origin: string) {
    super(vscode.l10n.t('You are not signed in to {0}. Sign in again.', origin));
  }
}

/**
 * One Zendesk client per signed-in account, built on first use from SecretStorage and dropped
 * whenever the accounts change, so a new token or a sign-out takes effect at once.
 */
export class ZendeskClients implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<ZendeskClient>>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly accounts: AccountStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly userAgent: string,
    private readonly onWait: (origin: string, notice: WaitNotice) => void,
  ) {
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

  private async build(origin: string): Promise<ZendeskClient> {
    const credentials = await this.accounts.credentials(origin);
    if (!credentials) {
      throw new NotSignedInError(origin);
    }
    return createZendeskClient({
      baseUrl: origin,
      credentials,
      logger: this.log,
      userAgent: this.userAgent,
      onWait: (notice) => this.onWait(origin, notice),
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.cache.clear();
  }
}
