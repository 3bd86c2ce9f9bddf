import { version } from '../../package.json';

/**
 * How the extension names itself to Zendesk, in every request (API and token endpoint):
 * `zendesk-memberships-vscode/<version>`, followed by what it runs in when the caller knows
 * (`vscode/1.96.0`).
 */
export function userAgent(runsIn?: string): string {
  const product = `zendesk-memberships-vscode/${version}`;
  return runsIn ? `${product} ${runsIn}` : product;
}

export const DEFAULT_USER_AGENT = userAgent();
