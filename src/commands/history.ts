import * as os from 'node:os';
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { JobsController } from '../jobs/controller';
import { csvFileName } from '../jobs/csvExport';
import { groupByOperation } from '../jobs/journal';
import { historyCsv, historyJson, historyMarkdown } from '../jobs/historyRender';
import { literal } from '../outsideText';
import { countMessages } from '../countMessages';
import { Cancelled, pickAccount } from '../ui/pickers';
import type { ReadOnlyDocuments } from '../ui/readOnlyDocuments';
import { type Command, accountRow, defineCommand } from './command';

/** Show History: the account's history as a read-only document, newest operation first. */
export function createShowHistory(jobs: JobsController, documents: ReadOnlyDocuments): Command {
  return defineCommand({
    id: CommandIds.showHistory,
    action: vscode.l10n.t('show the history'),
    args: accountRow,
    async run(context, row) {
      const account = await pickAccount(context, row?.origin);
      const host = new URL(account.origin).host;
      const groups = groupByOperation(await jobs.history.read(account.origin));
      return documents.show(host, `/history/${Date.now()}.md`, historyMarkdown(host, groups));
    },
  });
}

/** Export History…: the account's history to a CSV (formula-safe) or JSON file, newest first. */
export function createExportHistory(jobs: JobsController): Command {
  return defineCommand({
    id: CommandIds.exportHistory,
    action: vscode.l10n.t('export the history'),
    args: accountRow,
    async run(context, row) {
      const account = await pickAccount(context, row?.origin);
      const host = new URL(account.origin).host;
      const entries = await jobs.history.read(account.origin);
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
      const target = await context.prompter.saveFile(vscode.l10n.t('Export History'), vscode.Uri.joinPath(folder, csvFileName(`history-${host}`)), {
        [vscode.l10n.t('CSV files')]: ['csv'], [vscode.l10n.t('JSON files')]: ['json'],
      });
      if (!target) {
        throw new Cancelled();
      }
      const content = /\.json$/i.test(target.path) ? historyJson(entries) : historyCsv(entries);
      await vscode.workspace.fs.writeFile(target, Buffer.from(content, 'utf8'));
      void context.prompter.info(countMessages.exportedRows(entries.length, literal(target.path.split('/').at(-1) ?? target.path)));
      return { written: entries.length, file: target.fsPath };
    },
  });
}
