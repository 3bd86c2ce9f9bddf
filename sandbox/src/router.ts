// Method + path-pattern routing. A path that matches no route, or matches only with another
// method (e.g. POST to a make_default), is Zendesk's 404 InvalidEndpoint.
import { invalidEndpoint } from './errors';
import type { ApiContext, ApiResponse } from './http';

export type Handler = (ctx: ApiContext) => ApiResponse;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** e.g. '/api/v2/users/:userId/organizations/:orgId'. `:jobId` is any one segment, other params digits only. */
  pattern: string;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export interface RouteMatch {
  handler: Handler;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map(compile);
  }

  /** The handler for a request, or undefined (→ InvalidEndpoint). */
  match(method: string, path: string): RouteMatch | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      try {
        route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
      } catch {
        continue; // a malformed %-escape names nothing
      }
      return { handler: route.handler, params };
    }
    return undefined;
  }

  dispatch(ctx: Omit<ApiContext, 'params'>): ApiResponse {
    const found = this.match(ctx.method, ctx.path);
    return found ? found.handler({ ...ctx, params: found.params }) : invalidEndpoint();
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      // unverified: a job id of any shape reaches the handler (404 RecordNotFound when unknown),
      // as a Rails `:id` segment would; routes listed before it (show_many) still win.
      return segment === ':jobId' ? '([^/]+)' : '(\\d+)';
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}$`), names };
}
