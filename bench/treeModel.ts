// The tree's data layer (src/tree/organizationsModel.ts, which has no `vscode` import) in plain
// Node, for the treePage and memory measures: one signed-in account whose client is `client`.
import type { LoadMoreNode, OrganizationNode, TreeNode } from '../src/tree/nodes';
import { OrganizationsModel } from '../src/tree/organizationsModel';
import type { ZendeskClient } from '../src/zendesk';

export interface TreeModel {
  model: OrganizationsModel;
  organizations(): Promise<OrganizationNode[]>;
  /** The organization's rows after loading pages until `rows` members are held (or there are no more). */
  loadMembers(organization: OrganizationNode, rows: number): Promise<TreeNode[]>;
}

export function treeModel(client: ZendeskClient, origin: string): TreeModel {
  const account = { origin, userName: 'Bench Admin', email: 'admin@example.com', role: 'admin' };
  let clock = 0;
  const model = new OrganizationsModel({
    accounts: { list: () => [account], onDidChange: () => ({ dispose() {} }) },
    clientFor: async () => client,
    pageSize: () => 100,
    now: () => clock, // steps past the "Load more…" double-click cooldown instead of waiting
  });
  return {
    model,
    organizations: async () => (await model.children()).filter((row): row is OrganizationNode => row.kind === 'organization'),
    async loadMembers(organization, rows) {
      let children = await model.children(organization);
      for (;;) {
        const more = children.find((row): row is LoadMoreNode => row.kind === 'loadMore');
        if (!more || children.filter((row) => row.kind === 'membership').length >= rows) return children;
        clock += 1_000;
        await model.loadMore(more);
        children = await model.children(organization);
      }
    },
  };
}
