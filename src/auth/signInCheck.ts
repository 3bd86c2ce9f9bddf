import type * as vscode from 'vscode';
import { createZendeskClient } from '../zendesk';
import type { Account, AccountStore, AuthMethod, StoredCredentials } from './accounts';

/** What signing in needs besides the user's answers. */
export interface SignInServices {
  readonly accounts: AccountStore;
  readonly log: vscode.LogOutputChannel;
  readonly userAgent: string;
}

/**
 * The last step of every method: ask Zendesk whom these credentials belong to
 * (GET /api/v2/users/me), and only then store them and list the account.
 */
export async function checkAndSave(services: SignInServices, origin: string, method: AuthMethod, stored: StoredCredentials, signal?: AbortSignal): Promise<Account> {
  const checkWith = stored.kind === 'apiToken' ? stored : { kind: 'bearer' as const, accessToken: stored.tokens.accessToken };
  const client = createZendeskClient({ baseUrl: origin, credentials: checkWith, logger: services.log, userAgent: services.userAgent });
  const me = await client.showCurrentUser({ signal });
  signal?.throwIfAborted(); // cancelled while the answer arrived: nothing is stored
  const account: Account = {
    origin, method, userId: me.id, userName: me.name, email: me.email ?? '', role: me.role ?? 'unknown',
  };
  await services.accounts.save(account, stored);
  services.log.info(`Signed in to ${origin} as user ${me.id} (${me.role ?? 'unknown role'}) with ${method}`);
  return account;
}
