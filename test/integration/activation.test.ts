// The extension as VS Code loads it: installed from the development path, activates, registers
// its commands. Also proves the extension host can run the sandbox in-process for later tests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox } from 'zendesk-sandbox';

const EXTENSION_ID = 'zendesk-memberships.zendesk-memberships';

describe('extension activation', () => {
  it('is installed', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not among ${vscode.extensions.all.length} extensions`);
  });

  it('activates without error', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers zendesk.signIn', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('zendesk.signIn'), `zendesk.signIn is not registered; zendesk.* commands: ${JSON.stringify(commands.filter((c) => c.startsWith('zendesk.')))}`);
  });
});

describe('extension host test environment', () => {
  it('runs the Zendesk sandbox in-process and reaches it over loopback', async () => {
    const sandbox = await startSandbox({ orgs: 3, users: 5 });
    try {
      const { admin } = sandbox.credentials;
      const response = await fetch(`${sandbox.url}/api/v2/organizations.json`, {
        headers: { Authorization: `Basic ${Buffer.from(`${admin.email}/token:${admin.token}`).toString('base64')}` },
      });
      assert.equal(response.status, 200);
      const body = await response.json() as { organizations: unknown[] };
      assert.equal(body.organizations.length, 3);
    } finally {
      await sandbox.close();
    }
  });
});
