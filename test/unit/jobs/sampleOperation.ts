import type { BulkOperation } from '../../../src/jobs/model';

/** A running operation of `size` additions to one organization, in chunks of 100 (item 3 asks to be the default). */
export function sampleOperation(id: string, size: number): BulkOperation {
  const items = Array.from({ length: size }, (_, index) => ({
    index, userId: 1000 + index, organizationId: 7, userLabel: `User ${index} <u${index}@example.com>`, organizationLabel: 'Acme',
    outcome: 'pending' as const, chunk: Math.floor(index / 100), ...(index === 3 ? { makeDefault: true } : {}),
  }));
  const chunks = Array.from({ length: Math.ceil(size / 100) }, (_, index) => ({
    index, items: items.slice(index * 100, index * 100 + 100).map((item) => item.index), state: 'pending' as const,
  }));
  return { id, origin: 'https://acme.zendesk.com', kind: 'add', title: `Add ${size}`, createdAt: 1, state: 'running', items, chunks };
}
