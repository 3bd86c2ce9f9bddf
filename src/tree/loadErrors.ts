import * as vscode from 'vscode';
import { isZendeskError } from '../zendesk';

/** The reason shown in a failed row's tooltip: short, actionable, no credentials. */
export function describeLoadError(error: unknown): string {
  if (isZendeskError(error)) {
    if (error.code === 'TlsError') {
      return error.message; // already says what is wrong with the secure connection
    }
    switch (error.status) {
      case 401: return vscode.l10n.t('Zendesk did not accept the stored credentials. Sign in again. ({0})', error.message);
      case 403: return vscode.l10n.t('Your Zendesk role is not allowed to list this. ({0})', error.message);
      case 0: return vscode.l10n.t("Couldn't reach Zendesk: {0}", error.message);
      default: return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
