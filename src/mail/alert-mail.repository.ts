import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AlertMailOutboxTable } from '../db/schema.js';
import { leasedOutbox } from './leased-outbox.repository.js';

export type AlertMailRow = Selectable<AlertMailOutboxTable>;

/** The roles that act on safety alerts; researchers see de-identified data only and are never paged. */
const ALERTED_ROLES = ['clinician', 'admin'] as const;

/**
 * SQL for the alert mail outbox, leased like the questionnaire outbox (leased-outbox.repository.ts).
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

  /**
   * Inserts the message unless this alert already has one for this address (the unique key decides); true when
   * inserted.
   */
  async insertOnce(db: Kysely<Database>, row: Insertable<AlertMailOutboxTable>): Promise<boolean> {
    const result = await db
      .insertInto('alert_mail_outbox')
      .values(row)
      .onConflict((oc) => oc.columns(['clinic_id', 'alert_id', 'to_address']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  },

  ...leasedOutbox<AlertMailRow>('alert_mail_outbox'),
};
