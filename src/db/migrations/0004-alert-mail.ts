import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { columnTypes } from './0001-clinical-records.js';

/**
 * The alert mail outbox: one e-mail per urgent alert and clinician, queued in the transaction that raised
 * the alert. The unique key (clinic, alert, address) makes queueing the same e-mail twice impossible; the
 * lease columns are those of mail_outbox (0003), so the same worker rules apply.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { ts } = columnTypes(engine);

  await db.schema
    .createTable('alert_mail_outbox')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('not_before', ts, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', ts)
    .addColumn('sent_at', ts)
    .addColumn('last_error', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_mail_outbox_pk', ['clinic_id', 'id'])
    .addUniqueConstraint('alert_mail_outbox_once_uq', ['clinic_id', 'alert_id', 'to_address'])
    .addForeignKeyConstraint('alert_mail_outbox_alert_fk', ['clinic_id', 'alert_id'], 'alerts', ['clinic_id', 'id'])
    .execute();

  await db.schema
    .createIndex('alert_mail_outbox_state_idx')
    .on('alert_mail_outbox')
    .columns(['clinic_id', 'state', 'not_before'])
    .execute();
}
