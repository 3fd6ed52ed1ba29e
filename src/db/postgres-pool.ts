import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';
import { statementNameOf } from './prepared.js';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable.js';

/**
 * When PostgreSQL refuses new connections, the next attempt waits: 100 ms after the first refusal, then
 * twice as long after each further one, at most `maxMs`. Meanwhile requests that would need a new
 * connection fail at once (503) instead of each hammering the database, and only one attempt is in
 * flight when the wait is over. The first connection that succeeds ends the backoff.
 */
export class ConnectBackoff {
  private delayMs = 0;
  private retryAt = 0;
  private failedAt = 0;
  private probing = false;

  constructor(
    private readonly firstMs = 100,
    private readonly maxMs = 5_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Whether a new connection may be tried now; when backing off, at most one at a time. */
  mayConnect(): boolean {
    if (this.delayMs === 0) return true;
    if (this.probing || this.clock() < this.retryAt) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.delayMs = 0;
    this.probing = false;
  }

  /** An attempt begun at `startedAt` was refused; attempts begun before the last refusal do not lengthen the wait. */
  failed(startedAt: number): void {
    this.probing = false;
    if (this.delayMs !== 0 && startedAt < this.failedAt) return;
    this.delayMs = this.delayMs === 0 ? this.firstMs : Math.min(this.delayMs * 2, this.maxMs);
    this.failedAt = this.clock();
    this.retryAt = this.failedAt + this.delayMs;
  }

  /** How long the current wait is (0 when connections are being accepted). */
  get waitMs(): number {
    return this.delayMs;
  }
}

/**
 * The PostgreSQL pool behind Kysely, made to survive the database dropping connections: every client
 * has an 'error' listener for its whole life (an error on a client that has none ends the process), a
 * query that fails because its connection died rejects with DATABASE_UNAVAILABLE (503; PostgreSQL has
 * rolled its transaction back), the dead client leaves the pool on release, and new connections back
 * off while the database refuses them.
 */
export function resilientPool(
  url: string,
  options: {
    max?: number;
    backoff?: ConnectBackoff;
    /** Called when an idle connection dies and leaves the pool (tests wait on it instead of sleeping). */
    onIdleConnectionLost?: (error: Error) => void;
    /** Called with the SQL of every statement a client runs. */
    onStatement?: (sql: string) => void;
    /** Sessions that cannot write (default_transaction_read_only): a read worker's (db/read-workers.ts). */
    readOnly?: boolean;
    /** How the connections appear in pg_stat_activity. */
    applicationName?: string;
  } = {},
): PostgresPool {
  const max = options.max ?? 10;
  const backoff = options.backoff ?? new ConnectBackoff();
  // A connection attempt that hangs (a host that drops packets) fails after 5 s instead of holding the request.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5_000,
    ...(options.readOnly === true ? { options: '-c default_transaction_read_only=on' } : {}),
    ...(options.applicationName === undefined ? {} : { application_name: options.applicationName }),
  });
  // An idle client's error: the pool has already removed it, and the next query opens a new connection.
  pool.on('error', (error) => options.onIdleConnectionLost?.(error));
  // A checked-out client's error (the connection died between two queries of a transaction, or while
  // the client was being handed over): the client is no longer queryable, its next query fails with
  // DATABASE_UNAVAILABLE, and the pool discards it when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect(): Promise<PostgresPoolClient> {
      const needsNewConnection = pool.idleCount === 0 && pool.totalCount < max;
      if (needsNewConnection && !backoff.mayConnect())
        throw databaseUnavailable(new Error(`new connections are refused; next attempt within ${backoff.waitMs} ms`));
      const startedAt = Date.now();
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        backoff.failed(startedAt);
        throw databaseUnavailable(error);
      }
      backoff.succeeded();
      let wrapped = clients.get(client);
      if (wrapped === undefined) {
        wrapped = wrapClient(client, options.onStatement);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}

/** Kysely's view of one pg client: its queries' connection failures become DATABASE_UNAVAILABLE. */
function wrapClient(client: pg.PoolClient, onStatement?: (sql: string) => void): PostgresPoolClient {
  const query = async (sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<unknown>> => {
    onStatement?.(sql);
    const name = statementNameOf(sql);
    try {
      const result = await (name === undefined
        ? client.query(sql, [...parameters])
        : client.query({ name, text: sql, values: [...parameters] }));
      return result as unknown as PostgresQueryResult<unknown>;
    } catch (error) {
      throw isDatabaseUnavailable(error) ? databaseUnavailable(error) : error;
    }
  };
  return { query, release: (destroy?: boolean) => client.release(destroy) } as PostgresPoolClient;
}
