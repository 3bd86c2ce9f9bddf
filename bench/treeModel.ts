// The tree's data layer (src/tree/provider.ts) in plain Node, for the treePage and memory measures.
// provider.ts imports `vscode` for a few value types (TreeItem, ThemeIcon, MarkdownString,
// EventEmitter, l10n.t, window.withProgress), so this file answers `require('vscode')` with a thin
// stand-in of exactly those. Benchmarks only: tests run in the real extension host.
import Module from 'node:module';
import * as path from 'node:path';
import type { Account, AccountStore } from '../src/auth/accounts';
import type { ZendeskClients } from '../src/auth/clients';
import type { ZendeskClient } from '../src/zendesk';
import type { LoadMoreNode, OrganizationNode, TreeNode } from '../src/tree/nodes';
import type { OrganizationsTreeProvider } from '../src/tree/provider';

class EventEmitter<T> {
  private readonly listeners = new Set<(value: T) => void>();
  readonly event = (listener: (value: T) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void { this.listeners.forEach((listener) => listener(value)); }
  dispose(): void { this.listeners.clear(); }
}

class TreeItem {
  [key: string]: unknown;
  constructor(public label: unknown, public collapsibleState?: number) {}
}

class MarkdownString {
  isTrusted?: boolean;
  supportHtml?: boolean;
  constructor(public value = '', public supportThemeIcons = false) {}
  appendMarkdown(text: string): this { this.value += text; return this; }
  appendText(text: string): this { this.value += text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&'); return this; }
}

const format = (message: string, args: unknown[]): string => message.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)]));

const VSCODE_STAND_IN = {
  EventEmitter,
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon: class { constructor(public id: string, public color?: unknown) {} },
  ThemeColor: class { constructor(public id: string) {} },
  MarkdownString,
  l10n: { t: (message: string | { message: string; args?: unknown[] }, ...args: unknown[]) => typeof message === 'string' ? format(message, args) : format(message.message, message.args ?? []) },
  window: { withProgress: <T>(_options: unknown, task: () => Promise<T>) => task() },
};

let installed = false;

/** From now on `require('vscode')` in this process returns the stand-in. */
function installVscodeStandIn(): void {
  if (installed) return;
  installed = true;
  const id = path.join(__dirname, 'vscode-stand-in.js');
  const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = resolver._resolveFilename;
  resolver._resolveFilename = function resolve(this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? id : original.call(this, request, ...rest);
  };
  const module = new Module(id);
  module.filename = id;
  module.loaded = true;
  module.exports = VSCODE_STAND_IN;
  require.cache[id] = module;
}

export interface TreeModel {
  provider: OrganizationsTreeProvider;
  organizations(): Promise<OrganizationNode[]>;
  /** The organization's rows after loading pages until `rows` members are held (or there are no more). */
  loadMembers(organization: OrganizationNode, rows: number): Promise<TreeNode[]>;
}

/** The real provider over one signed-in account whose client is `client`. */
export function treeModel(client: ZendeskClient, origin: string): TreeModel {
  installVscodeStandIn();
  // Loaded only after the stand-in is in place.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OrganizationsTreeProvider: Provider } = require('../src/tree/provider') as typeof import('../src/tree/provider');
  const account: Account = { origin, userId: 1, userName: 'Bench Admin', email: 'admin@example.com', role: 'admin', method: 'apiToken' };
  const accounts = { list: () => [account], get: (wanted: string) => wanted === origin ? account : undefined, onDidChange: () => ({ dispose() {} }) };
  const clients = { for: async () => client };
  const provider = new Provider(accounts as unknown as AccountStore, clients as unknown as ZendeskClients, () => 100);
  let clock = 0;
  provider.now = () => clock; // steps past the "Load more…" double-click cooldown instead of waiting
  return {
    provider,
    organizations: async () => (await provider.getChildren()).filter((row): row is OrganizationNode => row.kind === 'organization'),
    async loadMembers(organization, rows) {
      let children = await provider.getChildren(organization);
      for (;;) {
        const more = children.find((row): row is LoadMoreNode => row.kind === 'loadMore');
        if (!more || children.filter((row) => row.kind === 'membership').length >= rows) return children;
        clock += 1_000;
        await provider.loadMore(more);
        children = await provider.getChildren(organization);
      }
    },
  };
}
