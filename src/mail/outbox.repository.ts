import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { MailOutboxTable } from '../db/schema.js';
import { leasedOutbox } from './leased-outbox.repository.js';

export type OutboxRow = Selectable<MailOutboxTable>;

/** A due item whose invitation may be queued: open, due, not about to expire, and its patient has an address. */
export interface InviteCandidate {
  clinic_id: string;
  id: string;
  patient_id: string;
  course_id: string;
  instrument: string;
  expires_at: string | null;
  reminder_at: string | null;
  email: string;
}

/**
 * SQL for the mail outbox, leased as leased-outbox.repository.ts describes. The worker's queries span clinics (it
 * serves the whole installation); every write names the clinic and row it changes.
 */
export const outboxRepository = {
  /**
   * Open items that fell due by `now`, still open at `openUntil`, whose patient has an e-mail address and
   * no invitation yet, for one of `instruments` (those a patient can be sent).
   */
  async inviteCandidates(
    db: Kysely<Database>,
    now: string,
    openUntil: string,
    limit: number,
    instruments: readonly string[],
  ): Promise<InviteCandidate[]> {
    const rows = await db
      .selectFrom('due_assessments as d')
      .innerJoin('patients as p', (join) =>
        join.onRef('p.clinic_id', '=', 'd.clinic_id').onRef('p.id', '=', 'd.patient_id'),
      )
      .select([
        'd.clinic_id',
        'd.id',
        'd.patient_id',
        'd.course_id',
        'd.instrument',
        'd.expires_at',
        'd.reminder_at',
        'p.email',
      ])
      .where('d.completed_at', 'is', null)
      .where('d.instrument', 'in', instruments)
      .where('d.due_at', '<=', now)
      .where((eb) => eb.or([eb('d.expires_at', 'is', null), eb('d.expires_at', '>', openUntil)]))
      .where('p.email', 'is not', null)
      .where('p.email', '!=', '')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('mail_outbox as m')
              .select('m.id')
              .whereRef('m.clinic_id', '=', 'd.clinic_id')
              .whereRef('m.due_assessment_id', '=', 'd.id')
              .where('m.kind', '=', 'invite'),
          ),
        ),
      )
      .orderBy('d.due_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, email: r.email ?? '' }));
  },

  /** Inserts the message unless one of its kind exists for the item (the unique key decides); true when inserted. */
  async insertOnce(db: Kysely<Database>, row: Insertable<MailOutboxTable>): Promise<boolean> {
    const result = await db
      .insertInto('mail_outbox')
      .values(row)
      .onConflict((oc) => oc.columns(['clinic_id', 'due_assessment_id', 'kind']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  },

  async setContent(
    db: Kysely<Database>,
    clinicId: string,
    id: string,
    content: { subject: string; body: string },
  ): Promise<void> {
    await db.updateTable('mail_outbox').set(content).where('clinic_id', '=', clinicId).where('id', '=', id).execute();
  },

  ...leasedOutbox<OutboxRow>('mail_outbox'),
};
