import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { columnTypes } from './0001-clinical-records.js';

/**
 * The work queue ranks by what happened and when, not by counts (src/dashboard/dashboard.repository.ts):
 * each patient's row gains their top open alert — the most recent open alert of their most severe open
 * severity — its rule, severity and time. The rows are emptied so that every one is written again with
 * them (migrate.ts fills the row of every patient without one after the migrations).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { ts } = columnTypes(engine);
  await db.schema.alterTable('patient_summary').addColumn('top_alert_rule', 'text').execute();
  await db.schema.alterTable('patient_summary').addColumn('top_alert_severity', 'text').execute();
  await db.schema.alterTable('patient_summary').addColumn('top_alert_at', ts).execute();
  await sql`delete from patient_summary`.execute(db);
}
