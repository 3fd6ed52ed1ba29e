/**
 * What Onset adds to Fastify's types, in one place (declaration merging): the app's decorations, each
 * request's identity and idempotency claim, and each route's declared access. Route plugins read
 * `app.database` as typed here; nothing casts the app.
 */
import type { IdempotencyClaim } from '../db/idempotency.js';
import type { LinkHolder } from '../auth/patient-link.service.js';
import type { Identity } from '../auth/identity.js';
import type { DatabaseHandle } from '../db/database.js';
import type { OnsetError } from '../shared/errors.js';
import type { Metrics } from './metrics.js';
import type { Access } from './access-levels.js';
import type { RouteTable } from './route-table.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access, recorded as it is registered (http/route-table.ts). */
    routeTable: RouteTable;
    database: DatabaseHandle;
    metrics: Metrics;
    /** The address clients reach Onset at, for absolute links (http/public-url.ts). */
    publicUrl(): string;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    identity: Identity | null;
    idempotency: IdempotencyClaim | null;
    /** The holder of a used patient link the request presented (set by http/identify.ts). */
    linkHolder: LinkHolder | null;
    /** The access refusal held back until the stored response for the key is looked up. */
    heldRefusal: OnsetError | null;
  }
}
