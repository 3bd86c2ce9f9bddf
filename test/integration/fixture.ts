import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ZendeskTestApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { Sandbox, SandboxOptions, startSandbox } from 'zendesk-sandbox';
import { ScriptedPrompter } from './scriptedPrompter';

export const EXTENSION_ID = 'zendesk-memberships.zendesk-memberships';

/** Sign-in method choices, as the scripted prompter picks them. */
export const API_TOKEN = (item: Record<string, unknown>) => item.method === 'apiToken';
export const OAUTH = (item: Record<string, unknown>) => item.method === 'oauth';
export const CLIENT_CREDENTIALS = (item: Record<string, unknown>) => item.method === 'clientCredentials';

export interface Fixture {
  api: ZendeskTestApi;
  sandbox: Sandbox;
  prompter: ScriptedPrompter;
  origin: string;
}

let activeApi: ZendeskTestApi | undefined;

export async function extensionApi(): Promise<ZendeskTestApi> {
  const extension = vscode.extensions.getExtension<ZendeskTestApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  assert.ok(api, 'the extension hands its test API to tests');
  activeApi = api;
  return api;
}

/** A prompter that answers from a script, deciding on failed searches with the extension's own rule. */
export function scriptedPrompter(api: ZendeskTestApi): ScriptedPrompter {
  const prompter = new ScriptedPrompter(api.searchFailureRow);
  api.answerWith(prompter);
  return prompter;
}

/** Signs out of everything the extension knows, so each suite starts from a clean slate. */
export async function signOutEverywhere(api: ZendeskTestApi): Promise<void> {
  // The job engine's last save (an operation that just finished) is written first: a globalState
  // write still in flight while an account is removed can bring the removed account back (the
  // extension host's copy of globalState is replaced by the echo of an earlier write).
  await api.jobs.engine.sync();
  for (const account of api.commands.accounts.list()) {
    await api.commands.accounts.remove(account.origin);
  }
}

/** A fresh sandbox, the scripted prompter, and a signed-in admin account. */
export async function signedIn(options: SandboxOptions = {}): Promise<Fixture> {
  const api = await extensionApi();
  await signOutEverywhere(api);
  // Unfamiliar answers by default (API-NOTES §13): varied wording of failures, shuffled job results.
  const sandbox = await startSandbox({ rateLimit: 0, wording: 'varied', jobResultOrder: 'shuffled', ...options });
  const prompter = scriptedPrompter(api);
  const { email, token } = sandbox.credentials.admin;
  prompter.script({ input: sandbox.url }, { pick: API_TOKEN }, { input: email }, { input: token });
  const origin = await vscode.commands.executeCommand<string>('zendesk.signIn');
  assert.equal(origin, sandbox.url);
  assert.equal(prompter.unused, 0);
  prompter.reset();
  return { api, sandbox, prompter, origin };
}

export async function tearDown(fixture: Fixture | undefined): Promise<void> {
  if (!fixture) {
    return;
  }
  await signOutEverywhere(fixture.api);
  await fixture.sandbox.close();
}

/** A suite's fixture, with a temporary folder for the files its tests write. */
export interface SuiteFixture extends Fixture {
  readonly directory: string;
}

/**
 * Registers the hooks of a suite that runs signed in and writes files: before it, `signedIn(options)`
 * and a fresh temporary folder; after each test, a check that every scripted answer was used; after
 * it, both removed. The returned fixture reads what the hooks made, so use it in hooks and tests only.
 */
export function useSignedInSuite(options: SandboxOptions, { tempDirPrefix }: { tempDirPrefix: string }): SuiteFixture {
  let fixture: Fixture | undefined;
  let directory: string | undefined;
  const signedInFixture = (): Fixture => {
    assert.ok(fixture, "the suite's before hook signed in");
    return fixture;
  };
  before(async () => {
    fixture = await signedIn(options);
    directory = fs.mkdtempSync(path.join(os.tmpdir(), tempDirPrefix));
  });
  afterEach(() => {
    const { prompter } = signedInFixture();
    assert.equal(prompter.unused, 0, 'every scripted answer was used');
    prompter.reset();
  });
  after(async () => {
    if (directory) {
      fs.rmSync(directory, { recursive: true, force: true });
    }
    await tearDown(fixture);
  });
  return {
    get api() { return signedInFixture().api; },
    get sandbox() { return signedInFixture().sandbox; },
    get prompter() { return signedInFixture().prompter; },
    get origin() { return signedInFixture().origin; },
    get directory() {
      assert.ok(directory, "the suite's before hook made its temporary folder");
      return directory;
    },
  };
}

export async function rootRows(fixture: Fixture): Promise<TreeNode[]> {
  return fixture.api.tree.getChildren();
}

export async function childrenOf(fixture: Fixture, node: TreeNode): Promise<TreeNode[]> {
  return fixture.api.tree.getChildren(node);
}

/** The row as the view shows it (the extension's own getTreeItem). */
export function itemOf(node: TreeNode): vscode.TreeItem {
  assert.ok(activeApi, 'the extension is active');
  return activeApi.tree.getTreeItem(node);
}

/** The row as the view shows it, or nothing for a missing row. */
export function optionalItemOf(node: TreeNode | undefined): Partial<vscode.TreeItem> {
  return node ? itemOf(node) : {};
}

export function labelsOf(rows: TreeNode[]): string[] {
  return rows.map((row) => String(itemOf(row).label));
}

export function requestsTo(fixture: Fixture, pattern: RegExp): number {
  return fixture.sandbox.requests.filter((request) => pattern.test(request.path)).length;
}

/**
 * The Organizations view's selected row once it satisfies `selected`. A reveal resolves when the
 * workbench was asked; the selection reaches the extension host as a later event, so a test that
 * reads `treeView.selection` at once races it (seen failing in CI). Waits on the view's selection
 * events, up to 10 s, and names what it waited for.
 */
export async function selectionWhere(fixture: Fixture, selected: (row: TreeNode) => boolean, what: string): Promise<TreeNode> {
  const { treeView } = fixture.api.commands;
  const current = (): TreeNode | undefined => treeView.selection.find(selected);
  const already = current();
  if (already) {
    return already;
  }
  let subscription: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<TreeNode>((resolve, reject) => {
      subscription = treeView.onDidChangeSelection(() => {
        const row = current();
        if (row) {
          resolve(row);
        }
      });
      timer = setTimeout(() => reject(new assert.AssertionError({
        message: `the view never selected ${what}; it selected ${treeView.selection.map((row) => row.id).join(', ') || 'nothing'}`,
      })), 10_000);
    });
  } finally {
    subscription?.dispose();
    clearTimeout(timer);
  }
}
/** A read-only document as a command showed it: its Markdown, and whether it opened rendered (the preview) or as source. */
export interface ShownDocument {
  text: string;
  rendered: boolean;
}

/**
 * The read-only document a command showed at `path` (e.g. `/memberships/4.md`), once VS Code shows
 * it: the active tab is the Markdown preview of that file, or (where VS Code's renderer would have
 * made a link of it: VS Code 1.96) its source. The command returns before the preview opens (the
 * Markdown extension does not await it), so this waits for it, up to 10 s.
 */
export async function shownDocument(fixture: Fixture, path: string): Promise<ShownDocument> {
  const uri = vscode.Uri.from({ scheme: 'zendesk', authority: new URL(fixture.origin).host, path });
  const fileName = path.split('/').at(-1) ?? path;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    if (tab?.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && tab.label.endsWith(` ${fileName}`)) {
      return { text: (await vscode.workspace.openTextDocument(uri)).getText(), rendered: true };
    }
    if (tab?.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()) {
      return { text: (await vscode.workspace.openTextDocument(uri)).getText(), rendered: false };
    }
    assert.ok(Date.now() < deadline, `the document ${fileName} to be the active tab; it is ${JSON.stringify(tab?.label)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** VS Code 1.96's Markdown preview (markdown-it 12) links an escaped email, so its documents open as source. */
export const PREVIEW_KEEPS_TEXT = !vscode.version.startsWith('1.96.');
