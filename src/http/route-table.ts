import type { RouteOptions } from 'fastify';
import type { Access } from './access-levels.js';

/** One entry per registered route: what the authorization matrix and the OpenAPI check iterate over. */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  /** The declared body and query schemas (JSON Schema), for the fuzz tests. */
  body: unknown;
  querystring: unknown;
}

/** Collects every route as it is registered, refusing any that declares no access policy. */
export class RouteTable {
  readonly entries: RouteEntry[] = [];

  record(route: RouteOptions): void {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (access === undefined) throw new Error(`route ${methods.join(',')} ${route.url} declares no config.access`);
    for (const method of methods) {
      if (method === 'HEAD') continue;
      this.entries.push({
        method,
        url: route.url,
        access,
        body: route.schema?.body,
        querystring: route.schema?.querystring,
      });
    }
  }
}
