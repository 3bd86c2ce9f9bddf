import * as vscode from 'vscode';
import type { JobsController } from '../jobs/controller';
import type { CommandDefinition } from './context';

/** Resumes the bulk operations that paused after waiting past the ceiling for Zendesk (the status bar runs it). */
export function createResumeJobs(jobs: JobsController): CommandDefinition {
  return {
    id: 'zendesk.resumeJobs',
    action: vscode.l10n.t('resume the bulk operations'),
    async run(context) {
      const resumed = jobs.resumeAll();
      if (resumed === 0) {
        await context.prompter.info(vscode.l10n.t('No paused bulk operation runs in this window.'));
      }
      return resumed;
    },
  };
}
