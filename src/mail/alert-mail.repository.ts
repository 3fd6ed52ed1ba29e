import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import { alertMailDb, type AlertMailOutboxTable, type AlertMailState } from './alert-mail.tables.js';

export type AlertMailRow = Selectable<AlertMailOutboxTable>;

/** The roles that act on safety alerts; researchers see de-identified data only and are never paged. */
const ALERTED_ROLES = ['clinician', 'admin'] as const;

/**
 * SQL for the alert mail outbox, with the same lease rules as the questionnaire outbox (outbox.repository.ts).
 * The worker's queries span clinics (it serves the whole installation); every write names the clinic and row.
 */
export const alertMailRepository = {
  /** E-mail addresses of the clinic's active (not disabled) clinicians and admins, in a stable order. */
  async recipients(db: Kysely<Database>, clinicId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('users')
      .select('email')
      .where('clinic_id', '=', clinicId)
      .where('role', 'in', ALERTED_ROLES)
      .where('disabled_at', 'is', null)
      .orderBy('email')
      .execute();
    return rows.map((r) => r.email);
  },

  /** Inserts the message unless this alert already has one for this address (the unique key decides); true when inserted. */
  async insertOnce(db: Kysely<Database>, row: Insertable<AlertMailOutboxTable>): Promise<boolean> {
    const result = await alertMailDb(db)
      .insertInto('alert_mail_outbox')
      .values(row)
      .onConflict((oc) => oc.columns(['clinic_id', 'alert_id', 'to_address']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  },

  /** The next message ready to send: pending and due, or claimed by a worker whose lease ran out. */
  async nextReady(db: Kysely<Database>, now: string, skip: readonly string[]): Promise<AlertMailRow | undefined> {
    let query = alertMailDb(db)
      .selectFrom('alert_mail_outbox')
      .selectAll()
      .where((eb) => eb.or([eb.and([eb('state', '=', 'pending'), eb('not_before', '<=', now)]), eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<', now)])]));
    if (skip.length > 0) query = query.where('id', 'not in', skip);
    return query.orderBy('not_before').orderBy('id').limit(1).executeTakeFirst();
  },

  /** Claims one message with a lease in one conditional statement, counting the attempt; true when this worker holds it. */
  async claim(db: Kysely<Database>, row: AlertMailRow, claim: { workerId: string; now: string; until: string }): Promise<boolean> {
    const result = await alertMailDb(db)
      .updateTable('alert_mail_outbox')
      .set((eb) => ({ state: 'sending', claimed_by: claim.workerId, claimed_until: claim.until, attempts: eb('attempts', '+', 1), updated_at: claim.now }))
      .where('clinic_id', '=', row.clinic_id)
      .where('id', '=', row.id)
      .where((eb) =>
        eb.or([eb.and([eb('state', '=', 'pending'), eb('not_before', '<=', claim.now)]), eb.and([eb('state', '=', 'sending'), eb('claimed_until', '<', claim.now)])]),
      )
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  /** Ends a claimed message: sent, failed or cancelled, or back to pending for a retry at `notBefore`. */
  async finish(
    db: Kysely<Database>,
    row: AlertMailRow,
    workerId: string,
    outcome: { state: AlertMailState; now: string; notBefore?: string; error?: string | null },
  ): Promise<boolean> {
    const result = await alertMailDb(db)
      .updateTable('alert_mail_outbox')
      .set({
        state: outcome.state,
        updated_at: outcome.now,
        claimed_by: null,
        claimed_until: null,
        ...(outcome.state === 'sent' ? { sent_at: outcome.now } : {}),
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
