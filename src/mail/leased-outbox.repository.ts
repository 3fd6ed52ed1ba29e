/**
 * The lease rules both outboxes share: the questionnaire outbox (`mail_outbox`, migration 0003) and the
 * alert mail outbox (`alert_mail_outbox`, 0004). A message is claimed with a lease (state 'sending',
 * claimed_by, claimed_until) by one conditional UPDATE, so two workers never hold the same row; a lease
 * that ran out (a worker died) makes the message ready again. The queries span clinics (the worker serves
 * the whole installation); every write names the clinic and the row.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, OutboxColumns, OutboxState } from '../db/schema.js';

/** A message's state in either outbox (the two tables share one set of states). */
export type LeaseState = OutboxState;

/** The columns the lease reads and writes, common to both outbox tables (src/db/schema.ts). */
type LeaseColumns = Selectable<OutboxColumns>;

/** A stored outbox row, as far as the lease is concerned. */
export type LeasedRow = Pick<LeaseColumns, 'clinic_id' | 'id' | 'attempts'>;

/** The lease columns of a message as it is queued: pending from `notBefore`, never claimed, tried or sent. */
export function queuedMessage(
  now: string,
  notBefore: string = now,
): Pick<
  LeaseColumns,
  'not_before' | 'state' | 'claimed_by' | 'claimed_until' | 'sent_at' | 'last_error' | 'created_at' | 'updated_at'
> {
  return {
    not_before: notBefore,
    state: 'pending',
    claimed_by: null,
    claimed_until: null,
    sent_at: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
}

/** How a claimed message ends: sent, failed or cancelled, or back to pending for a retry at `notBefore`. */
export interface LeaseOutcome {
  state: LeaseState;
  now: string;
  /** A new body (the questionnaire outbox removes the link once the message is sent or dropped). */
  body?: string;
  notBefore?: string;
  error?: string | null;
}

export interface LeasedOutbox<Row extends LeasedRow> {
  /** The next message ready to send: pending and due, or claimed by a worker whose lease ran out. */
  nextReady(db: Kysely<Database>, now: string, skip: readonly string[]): Promise<Row | undefined>;
  /**
   * Claims one message and counts the attempt; of two workers, exactly one sees the row change. True when this worker
   * holds it.
   */
  claim(db: Kysely<Database>, row: Row, claim: { workerId: string; now: string; until: string }): Promise<boolean>;
  /** Ends this worker's claim on a message; false when the claim was no longer this worker's. */
  finish(db: Kysely<Database>, row: Row, workerId: string, outcome: LeaseOutcome): Promise<boolean>;
}

type OutboxTable = 'mail_outbox' | 'alert_mail_outbox';

/** The connection typed with just the lease columns of one outbox table (its other columns are untouched). */
function leaseDb(db: Kysely<Database>): Kysely<Record<OutboxTable, LeaseColumns>> {
  const view: unknown = db;
  return view as Kysely<Record<OutboxTable, LeaseColumns>>;
}

/** The lease queries for one outbox table. */
export function leasedOutbox<Row extends LeasedRow>(table: OutboxTable): LeasedOutbox<Row> {
  return {
    async nextReady(db, now, skip) {
      let query = leaseDb(db)
        .selectFrom(table)
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'pending'), eb('not_before', '<=', now)]),
            eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<', now)]),
          ]),
        );
      if (skip.length > 0) query = query.where('id', 'not in', skip);
      const row: unknown = await query.orderBy('not_before').orderBy('id').limit(1).executeTakeFirst();
      return row as Row | undefined;
    },

    async claim(db, row, claim) {
      const result = await leaseDb(db)
        .updateTable(table)
        .set((eb) => ({
          state: 'sending',
          claimed_by: claim.workerId,
          claimed_until: claim.until,
          attempts: eb('attempts', '+', 1),
          updated_at: claim.now,
        }))
        .where('clinic_id', '=', row.clinic_id)
        .where('id', '=', row.id)
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'pending'), eb('not_before', '<=', claim.now)]),
            eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<', claim.now)]),
          ]),
        )
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async finish(db, row, workerId, outcome) {
      const result = await leaseDb(db)
        .updateTable(table)
        .set({
          state: outcome.state,
          updated_at: outcome.now,
          claimed_by: null,
          claimed_until: null,
          ...(outcome.state === 'sent' ? { sent_at: outcome.now } : {}),
          ...(outcome.body === undefined ? {} : { body: outcome.body }),
          ...(outcome.notBefore === undefined ? {} : { not_before: outcome.notBefore }),
          ...(outcome.error === undefined ? {} : { last_error: outcome.error }),
        })
        .where('clinic_id', '=', row.clinic_id)
        .where('id', '=', row.id)
        .where('claimed_by', '=', workerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type DeliveryOutcome = 'sent' | 'retried' | 'failed' | 'cancelled';

/**
 * One send run: who sends, at what time, how long a claim holds, how many messages at most, and what a message is
 * called in error lines.
 */
export interface SendRun {
  workerId: string;
  now: Date;
  leaseMs: number;
  batch: number;
  label: string;
}

export interface SendRunResult {
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  errors: string[];
}

/**
 * Claims and delivers ready messages one at a time until none is left or `batch` were handled. `label`
 * names the message in error lines ("message <id>: …").
 */
export async function sendReady<Row extends LeasedRow>(
  db: Kysely<Database>,
  outbox: LeasedOutbox<Row>,
  run: SendRun,
  deliver: (row: Row) => Promise<{ outcome: DeliveryOutcome; error?: string }>,
): Promise<SendRunResult> {
  const result: SendRunResult = { sent: 0, retried: 0, failed: 0, cancelled: 0, errors: [] };
  const stamp = run.now.toISOString();
  const until = new Date(run.now.getTime() + run.leaseMs).toISOString();
  const lost: string[] = [];
  for (let handled = 0; handled < run.batch; ) {
    const row = await outbox.nextReady(db, stamp, lost);
    if (row === undefined) break;
    if (!(await outbox.claim(db, row, { workerId: run.workerId, now: stamp, until }))) {
      // Another worker claimed it between our read and our update: leave it to them.
      lost.push(row.id);
      continue;
    }
    handled += 1;
    const { outcome, error } = await deliver(row);
    result[outcome] += 1;
    if (error !== undefined) result.errors.push(`${run.label} ${row.id}: ${error}`);
  }
  return result;
}
