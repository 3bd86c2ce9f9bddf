import * as vscode from 'vscode';

// Activation stays cheap: nothing here touches the network.
export function activate(_context: vscode.ExtensionContext): void {
  // The UI arrives with the tree issue.
}

export function deactivate(): void {
  // Nothing to clean up yet.
}
