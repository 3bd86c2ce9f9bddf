import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox } from '../sandbox/server';
import { API_TOKEN, Fixture, labelsOf, rootRows, signedIn, tearDown } from './fixture';

describe('sign-in and credentials', () => {
  let fixture: Fixture;
  before(async () => {
    fixture = await signedIn({ orgs: 5, users: 20 });
  });
  after(() => tearDown(fixture));

  it('checks the credentials, names the user, and keeps the token only in SecretStorage', async () => {
    const { api, sandbox, origin } = fixture;
    const { email, token } = sandbox.credentials.admin;
    const basic = Buffer.from(`${email}/token:${token}`).toString('base64');

    const account = api.commands.accounts.get(origin);
    assert.equal(account?.userName, 'Sandbox Admin');
    assert.equal(account?.role, 'admin');
    assert.ok(sandbox.requests.some((request) => request.path === '/api/v2/users/me' && request.status === 200), 'checked with GET /users/me');

    const secret = await api.commands.extensionContext.secrets.get(`zendesk.credentials:${origin}`);
    assert.ok(secret?.includes(token), 'the token is in SecretStorage under the origin');

    const globalState = api.commands.extensionContext.globalState;
    const stateText = JSON.stringify(globalState.keys().map((key) => [key, globalState.get(key)]));
    assert.ok(stateText.includes(origin), 'the account list is in globalState');
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('zendesk')) + JSON.stringify(vscode.workspace.getConfiguration('zendesk').inspect('pageSize'));
    const logText = api.logLines.join('\n');
    assert.match(logText, /^info GET \/api\/v2\/users\/me → 200 in \d+ ms/m, 'calls are logged at Info, the channel\'s default level');
    for (const [where, text] of [['globalState', stateText], ['settings', settingsText], ['log', logText]] as const) {
      assert.ok(!text.includes(token) && !text.includes(basic), `no credential in ${where}`);
    }
  });

  it('shows the organizations of the only account at the root', async () => {
    const rows = await rootRows(fixture);
    assert.equal(rows.length, 5);
    assert.ok(rows.every((row) => row.kind === 'organization'));
  });

  it('refuses an address that would send the token in clear text, and stores nothing', async () => {
    const { api, prompter } = fixture;
    prompter.script({ input: 'http://example.com' });
    await vscode.commands.executeCommand('zendesk.signIn');
    assert.match(prompter.validationErrors[0] ?? '', /^Enter a Zendesk address such as acme, .*https only/, 'in the extension\'s own (translatable) words');
    assert.equal(api.commands.accounts.list().length, 1);
    prompter.reset();
  });

  it('an address typed without http:// for a plain-HTTP sandbox: says the server does not speak HTTPS and offers http://', async () => {
    const { api, prompter, sandbox } = fixture;
    const host = new URL(sandbox.url).host; // e.g. 127.0.0.1:8787, as a person types it
    const logBefore = api.logLines.length;
    prompter.script({ input: host }, { pick: API_TOKEN }, { input: sandbox.credentials.admin.email }, { input: sandbox.credentials.admin.token },
      { reply: 'Sign In' }, { input: undefined });
    await vscode.commands.executeCommand('zendesk.signIn');
    const [shown] = prompter.messages;
    assert.equal(shown.level, 'error');
    assert.equal(shown.text, `https://${host} does not answer over HTTPS: the server there speaks plain HTTP. For a local sandbox, type the address with http://, for example http://${host} (only loopback addresses may use http).`);
    assert.doesNotMatch(shown.text, /SSL routines|wrong version number|EPROTO/i, 'no OpenSSL text');
    assert.deepEqual(shown.actions, ['Sign In']);
    assert.equal(prompter.inputs.at(-1)?.value, `http://${host}`, 'Sign In offers the http:// address');
    assert.match(api.logLines.slice(logBefore).join('\n'), /wrong version number|WRONG_VERSION_NUMBER/i, 'OpenSSL\'s words are in the log');
    assert.equal(api.commands.accounts.get(`https://${host}`), undefined, 'nothing stored');
    assert.equal(prompter.unused, 0);
    prompter.reset();
  });

  it('says so when Zendesk refuses the token, and stores nothing', async () => {
    const { api, prompter, sandbox } = fixture;
    const other = await startSandbox({ orgs: 1, users: 3, rateLimit: 0 });
    try {
      prompter.script({ input: other.url }, { pick: API_TOKEN }, { input: other.credentials.admin.email }, { input: 'not-the-token' });
      await vscode.commands.executeCommand('zendesk.signIn');
      assert.equal(prompter.lastMessage()?.level, 'error');
      assert.match(prompter.lastMessage()?.text ?? '', /didn't accept that email and API token/);
      assert.equal(api.commands.accounts.get(other.url), undefined);
      assert.equal(await api.commands.extensionContext.secrets.get(`zendesk.credentials:${other.url}`), undefined);
      assert.ok(!api.logLines.join('\n').includes('not-the-token'));
    } finally {
      prompter.reset();
      await other.close();
    }
    assert.ok(sandbox.url);
  });

  it('shows one root per account, and follows a sign-out made in another window', async () => {
    const { api, prompter } = fixture;
    const second = await startSandbox({ orgs: 2, users: 5, rateLimit: 0 });
    try {
      prompter.script({ input: second.url }, { pick: API_TOKEN }, { input: second.credentials.admin.email }, { input: second.credentials.admin.token });
      await vscode.commands.executeCommand('zendesk.signIn');
      const roots = await rootRows(fixture);
      assert.deepEqual(roots.map((row) => row.kind), ['account', 'account']);
      assert.deepEqual(labelsOf(roots).sort(), [new URL(fixture.origin).host, new URL(second.url).host].sort());

      // Another window signing out deletes the secret; this window notices through onDidChange.
      const changed = new Promise<void>((resolve) => {
        const subscription = api.commands.accounts.onDidChange(() => {
          if (!api.commands.accounts.get(second.url)) {
            subscription.dispose();
            resolve();
          }
        });
      });
      await api.commands.extensionContext.secrets.delete(`zendesk.credentials:${second.url}`);
      await changed;
      const after = await rootRows(fixture);
      assert.ok(after.every((row) => row.kind === 'organization'), 'back to a single account');
    } finally {
      prompter.reset();
      await second.close();
    }
  });

  it('signs out after a confirmation, removing the secret', async () => {
    const { api, prompter, origin } = fixture;
    prompter.script({ confirm: true });
    await vscode.commands.executeCommand('zendesk.signOut');
    assert.match(prompter.confirmations[0].detail, /removed from this computer/);
    assert.equal(api.commands.accounts.list().length, 0);
    assert.equal(await api.commands.extensionContext.secrets.get(`zendesk.credentials:${origin}`), undefined);
    assert.deepEqual(await rootRows(fixture), []);
  });

  it('signed out, an action offers Sign In with an empty address box', async () => {
    const { prompter } = fixture;
    prompter.reset();
    prompter.script({ reply: 'Sign In' }, { input: undefined });
    await vscode.commands.executeCommand('zendesk.copyId');
    assert.deepEqual(prompter.messages[0], { level: 'error', text: 'You are not signed in to Zendesk. Sign in first.', actions: ['Sign In'] });
    assert.equal(prompter.inputs[0]?.title, 'Sign in to Zendesk');
    assert.equal(prompter.inputs[0]?.value, undefined, 'no address is suggested');
    assert.equal(prompter.unused, 0);
    prompter.reset();
  });
});
