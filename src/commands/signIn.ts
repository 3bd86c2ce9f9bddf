import * as vscode from 'vscode';
import { baseUrlFromUserInput, createZendeskClient, isZendeskError } from '../zendesk';
import type { CommandContext, CommandDefinition } from './context';
import { Cancelled } from './pickers';

function validateAddress(text: string): string | undefined {
  if (text.trim() === '') {
    return vscode.l10n.t('Enter your Zendesk address, for example acme or acme.zendesk.com.');
  }
  try {
    baseUrlFromUserInput(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function ask(context: CommandContext, options: vscode.InputBoxOptions): Promise<string> {
  const answer = await context.prompter.input(options);
  if (answer === undefined) {
    throw new Cancelled();
  }
  return answer.trim();
}

/**
 * Signs in with an email and API token: checks them with GET /api/v2/users/me before anything
 * is stored, then keeps the token in SecretStorage under the address's origin.
 */
export const signIn: CommandDefinition = {
  id: 'zendesk.signIn',
  action: vscode.l10n.t('sign in'),
  async run(context, options?: unknown) {
    const suggested = (options as { origin?: string } | undefined)?.origin;
    const address = await ask(context, {
      title: vscode.l10n.t('Sign in to Zendesk (1/3)'),
      prompt: vscode.l10n.t('Your Zendesk address'),
      placeHolder: vscode.l10n.t('acme, acme.zendesk.com or https://support.acme.com'),
      value: suggested,
      validateInput: validateAddress,
    });
    const origin = baseUrlFromUserInput(address);
    const host = new URL(origin).host;
    const email = await ask(context, {
      title: vscode.l10n.t('Sign in to {0} (2/3)', host),
      prompt: vscode.l10n.t('The email address of your Zendesk user'),
      placeHolder: 'you@example.com',
      value: context.accounts.get(origin)?.email,
      validateInput: (text) => (/^[^\s@]+@[^\s@]+$/.test(text.trim()) ? undefined : vscode.l10n.t('Enter an email address.')),
    });
    const token = await ask(context, {
      title: vscode.l10n.t('Sign in to {0} (3/3)', host),
      prompt: vscode.l10n.t('API token (Admin Center → Apps and integrations → APIs → Zendesk API). It is stored in VS Code\'s secret storage.'),
      password: true,
      validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Enter the API token.')),
    });

    const credentials = { kind: 'apiToken' as const, email, token };
    const client = createZendeskClient({ baseUrl: origin, credentials, logger: context.log, userAgent: context.userAgent });
    let me;
    try {
      me = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the credentials with {0}…', host) },
        () => client.showCurrentUser(),
      );
    } catch (error) {
      if (isZendeskError(error) && error.status === 401) {
        const again = vscode.l10n.t('Try Again');
        if (await context.prompter.error(vscode.l10n.t("Zendesk at {0} didn't accept that email and API token.", host), again) === again) {
          return signIn.run(context, { origin });
        }
        return undefined;
      }
      throw error;
    }
    await context.accounts.save({
      origin, userId: me.id, userName: me.name, email: me.email ?? email, role: me.role ?? 'unknown', method: 'apiToken',
    }, credentials);
    context.log.info(`Signed in to ${origin} as user ${me.id} (${me.role ?? 'unknown role'})`);
    const message = vscode.l10n.t('Signed in to {0} as {1} ({2}, {3}).', host, me.name, me.email ?? email, me.role ?? '?');
    if (me.role === 'end-user') {
      await context.prompter.warn(`${message} ${vscode.l10n.t('End users cannot change memberships; sign in as an agent or admin to manage them.')}`);
    } else {
      await context.prompter.info(message);
    }
    return origin;
  },
};
