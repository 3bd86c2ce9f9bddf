import * as vscode from 'vscode';
import { JobsPanel, type JobsPanelSource } from '../jobs/panel';
import { isOperationId } from '../jobs/panelProtocol';
import { CommandIds } from '../commandIds';
import { defineCommand, type Command } from './command';

/** Opens (or reveals) the Zendesk Jobs panel; an operation id argument scrolls to that operation. */
export function createShowJobs(source: JobsPanelSource): Command {
  return defineCommand({
    id: CommandIds.showJobs,
    action: vscode.l10n.t('show the jobs'),
    /** An operation to scroll to (the notification's Show Jobs, the status bar passes none). */
    args: (raw) => (isOperationId(raw[0]) ? raw[0] : undefined),
    async run(context, operationId) {
      JobsPanel.show(context.extensionContext.extensionUri, source, operationId);
    },
  });
}
