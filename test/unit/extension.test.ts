// Activation (dist/extension.js, as shipped) registers every command, both views, the URI handler,
// the Jobs panel's serializer and the authentication provider, and loads none of the code behind
// them (dist/workbench.js) unless a bulk operation was left running.
import assert from 'node:assert/strict';
import { CommandIds } from '../../src/commandIds';
import { bundleLoaded, forgetBundles, loadBundle, withStandIn } from './distBundles';
import { MemoryMemento } from './memoryMemento';

/** What activation touches of VS Code, recording what it registers. */
function vscodeStandIn() {
  const registered = { commands: [] as string[], views: [] as string[], uriHandlers: 0, serializers: [] as string[], authProviders: [] as string[], contexts: new Map<string, unknown>() };
  const disposable = { dispose: () => undefined };
  class EventEmitter<T> {
    private readonly listeners: Array<(value: T) => void> = [];
    readonly event = (listener: (value: T) => void) => { this.listeners.push(listener); return disposable; };
    fire(value: T): void { this.listeners.forEach((listener) => listener(value)); }
    dispose(): void { this.listeners.length = 0; }
  }
  const vscode = {
    l10n: { t: (message: string) => message, bundle: undefined },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    EventEmitter,
    window: {
      createTreeView: (id: string) => { registered.views.push(id); return { ...disposable, message: undefined, visible: false }; },
      registerUriHandler: () => { registered.uriHandlers++; return disposable; },
      registerWebviewPanelSerializer: (id: string) => { registered.serializers.push(id); return disposable; },
      showWarningMessage: async () => undefined,
      showErrorMessage: async () => undefined,
    },
    commands: {
      registerCommand: (id: string) => { registered.commands.push(id); return disposable; },
      executeCommand: async (id: string, key: string, value: unknown) => { if (id === 'setContext') registered.contexts.set(key, value); },
    },
    authentication: { registerAuthenticationProvider: (id: string) => { registered.authProviders.push(id); return disposable; } },
    workspace: { registerTextDocumentContentProvider: () => disposable },
  };
  return { vscode, registered };
}

function extensionContext(globalState: MemoryMemento) {
  return {
    extensionMode: 1,
    subscriptions: [] as unknown[],
    globalState,
    workspaceState: new MemoryMemento(),
    secrets: { onDidChange: () => ({ dispose: () => undefined }), get: async () => undefined },
  };
}

describe('activation (dist/extension.js)', () => {
  it('registers every command, the views, the URI handler, the serializer and the auth provider without loading the code behind them', () => {
    forgetBundles();
    const { vscode, registered } = vscodeStandIn();
    const extension = loadBundle('extension.js', vscode) as { activate(context: unknown): unknown };
    const context = extensionContext(new MemoryMemento());
    assert.equal(extension.activate(context), undefined, 'no test API outside test mode');
    assert.deepEqual(registered.commands.sort(), Object.values(CommandIds).sort());
    assert.deepEqual(registered.views, ['zendesk.organizations', 'zendesk.people']);
    assert.equal(registered.uriHandlers, 1);
    assert.deepEqual(registered.serializers, ['zendesk.jobs']);
    assert.deepEqual(registered.authProviders, ['zendesk']);
    assert.equal(registered.contexts.get('zendesk.signedIn'), false);
    assert.ok(context.subscriptions.length > Object.values(CommandIds).length, 'what it registered is disposed with the extension');
    assert.equal(bundleLoaded('workbench.js'), false, 'activation loaded dist/workbench.js');
    assert.equal(bundleLoaded('bulk.js'), false, 'activation loaded dist/bulk.js');
  });

  it('loads the code behind them at once when a bulk operation was left running', () => {
    forgetBundles();
    const { vscode } = vscodeStandIn();
    const extension = loadBundle('extension.js', vscode) as { activate(context: unknown): unknown };
    const globalState = new MemoryMemento();
    void globalState.update('zendesk.bulkOperationIndex', [{ id: 'finished', state: 'finished' }, { id: 'left running', state: 'running' }]);
    // The stand-in has too little of VS Code for the workbench to start: that it tried is the proof.
    assert.throws(() => withStandIn(vscode, () => extension.activate(extensionContext(globalState))), /createOutputChannel/);
    assert.equal(bundleLoaded('workbench.js'), true);
  });
});
