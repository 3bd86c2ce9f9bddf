// The floor a listing is compared with: a bare `node:http` loop over one keep-alive connection
// that asks for pages of 100, parses each answer and follows `meta.after_cursor`. No retries, no
// rate-limit pacing, no size cap, no logging: what any client must at least spend.
import * as http from 'node:http';

export async function bareListing(baseUrl: string, email: string, token: string, path: string): Promise<{ rows: number; requests: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const authorization = `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
  let rows = 0;
  let requests = 0;
  let after: string | undefined;
  try {
    for (;;) {
      const query = `page[size]=100${after === undefined ? '' : `&page[after]=${encodeURIComponent(after)}`}`;
      const body = await getJson(`${baseUrl}${path}?${query}`, agent, authorization) as {
        organization_memberships: unknown[]; meta: { has_more: boolean; after_cursor: string | null };
      };
      requests++;
      rows += body.organization_memberships.length;
      if (!body.meta.has_more || !body.meta.after_cursor) return { rows, requests };
      after = body.meta.after_cursor;
    }
  } finally {
    agent.destroy();
  }
}

function getJson(url: string, agent: http.Agent, authorization: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { Authorization: authorization, Accept: 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(new Error(`GET ${url}: HTTP ${response.statusCode}`));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error);
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
