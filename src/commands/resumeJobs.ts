import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { JobsController } from '../jobs/controller';
import { defineCommand, noArgs, type Command } from './command';

/** Resumes the bulk operations that paused after waiting past the ceiling for Zendesk (the status bar runs it). */
export function createResumeJobs(jobs: JobsController): Command {
  return defineCommand({
    id: CommandIds.resumeJobs,
    action: vscode.l10n.t('resume the bulk operations'),
    args: noArgs,
    async run(context) {
      const resumed = jobs.resumeAll();
      if (resumed === 0) {
        await context.prompter.info(vscode.l10n.t('No paused bulk operation runs in this window.'));
      }
      return resumed;
    },
  });
}
