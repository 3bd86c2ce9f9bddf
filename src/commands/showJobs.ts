import * as vscode from 'vscode';
import { JobsPanel, type JobsPanelSource } from '../jobs/panel';
import { isOperationId } from '../jobs/panelProtocol';
import type { CommandDefinition } from './context';

/** Opens (or reveals) the Zendesk Jobs panel; an operation id argument scrolls to that operation. */
export function createShowJobs(source: JobsPanelSource): CommandDefinition {
  return {
    id: 'zendesk.showJobs',
    action: vscode.l10n.t('show the jobs'),
    async run(context, operationId?: unknown) {
      JobsPanel.show(context.extensionContext.extensionUri, source, isOperationId(operationId) ? operationId : undefined);
    },
  };
}
