import type { Kysely } from 'kysely';
import type { Database, OutboxState } from '../db/schema.js';

/** One outbox's messages of a clinic by state, and when the last one was sent. */
export interface OutboxCounts {
  byState: Partial<Record<OutboxState, number>>;
  lastSentAt: string | null;
}

/** Counts of a clinic's messages in one outbox table; no address, subject or body is read. */
async function countsOf(
  db: Kysely<Database>,
  table: 'mail_outbox' | 'alert_mail_outbox',
  clinicId: string,
): Promise<OutboxCounts> {
  const rows = await db
    .selectFrom(table)
    .select(['state', (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.max('sent_at').as('last')])
    .where('clinic_id', '=', clinicId)
    .groupBy('state')
    .execute();
  const byState: Partial<Record<OutboxState, number>> = {};
  let lastSentAt: string | null = null;
  for (const row of rows) {
    byState[row.state] = Number(row.n);
    if (row.last !== null && (lastSentAt === null || row.last > lastSentAt)) lastSentAt = row.last;
  }
  return { byState, lastSentAt };
}

export const mailStatusRepository = {
  /** The questionnaire outbox (invitations and reminders) and the urgent-alert outbox of one clinic. */
  async counts(
    db: Kysely<Database>,
    clinicId: string,
  ): Promise<{ questionnaires: OutboxCounts; alerts: OutboxCounts }> {
    return {
      questionnaires: await countsOf(db, 'mail_outbox', clinicId),
      alerts: await countsOf(db, 'alert_mail_outbox', clinicId),
    };
  },
};
