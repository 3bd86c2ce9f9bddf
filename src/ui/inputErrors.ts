import * as vscode from 'vscode';
import type { ZendeskInputError } from '../zendesk';
import { literal } from '../outsideText';

/**
 * The API client refuses bad input in English and names the field; the message a person
 * reads is chosen here, by field, and translated. The client's own text remains only for
 * fields no command lets a person type.
 * @literalText
 */
export function describeInputError(error: ZendeskInputError): string {
  const field = error.field.replace(/^items\[\d+\]\./, '');
  switch (field) {
    case 'baseUrl':
      // The client gives no finer reason than the field; this covers each of its checks.
      return vscode.l10n.t('Enter a Zendesk address such as acme, acme.zendesk.com or https://support.acme.com: https only, without a path, user name or password (plain http only for a sandbox on a loopback IP address, 127.x.x.x or [::1], with a port).');
    case 'email':
      return vscode.l10n.t('Enter the email address of the Zendesk user, without quotes or spaces.');
    case 'token':
      return vscode.l10n.t('Enter the API token.');
    case 'clientId':
      return vscode.l10n.t('Enter the OAuth client identifier.');
    case 'clientSecret':
      return vscode.l10n.t("Enter the OAuth client's secret.");
    case 'name':
    case 'query':
      return vscode.l10n.t('Type something to search for.');
    case 'userId':
    case 'organizationId':
    case 'membershipId':
      return vscode.l10n.t('A Zendesk ID is a positive whole number.');
    default:
      return literal(error.message, 500);
  }
}
