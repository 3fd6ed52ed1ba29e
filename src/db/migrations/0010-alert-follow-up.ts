import type { Kysely } from 'kysely';

/**
 * Closing an urgent alert records the follow-up that was taken (a C-SSRS screen, a documented contact,
 * an emergency referral or a clinical review; src/alerts/resolution.ts), beside who closed it, when and
 * the note. Alerts closed before this migration have no follow-up recorded, and show none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('resolve_follow_up', 'text').execute();
}
