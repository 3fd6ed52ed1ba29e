/**
 * The table of migration 0004 (the alert mail outbox) as Kysely sees it, with the conventions of
 * src/db/schema.ts: clinic_id first, UUID text ids, timestamps as UTC ISO-8601 text (timestamptz on PostgreSQL).
 */
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** 'cancelled': the alert was taken in hand (acknowledged or resolved) before the mail went out. */
export type AlertMailState = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** One e-mail telling one clinician that an urgent alert is waiting; the text names no patient and no finding. */
export interface AlertMailOutboxTable {
  clinic_id: string;
  id: string;
  alert_id: string;
  to_address: string;
  subject: string;
  body: string;
  not_before: string;
  state: AlertMailState;
  attempts: Generated<number>;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlertMailTables {
  alert_mail_outbox: AlertMailOutboxTable;
}

export type AlertMailDatabase = Database & AlertMailTables;

/**
 * The same connection typed with this table. Until the lead adds AlertMailTables to `Database` the
 * repository needs this view; afterwards it is a no-op cast.
 */
export function alertMailDb(db: Kysely<Database>): Kysely<AlertMailDatabase> {
  // Through unknown, so the cast stays valid (and lint-clean) both before and after that change.
  const view: unknown = db;
  return view as Kysely<AlertMailDatabase>;
}
