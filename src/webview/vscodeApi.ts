// The webview side of VS Code's messaging. `acquireVsCodeApi` may be called once per document.
import type { WebviewMessage } from '../jobs/panelProtocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscode: VsCodeApi = acquireVsCodeApi();
