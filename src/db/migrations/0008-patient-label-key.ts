import { sql, type Kysely } from 'kysely';
import { labelKey } from '../../patients/label-key.js';

interface LabelRow {
  clinic_id: string;
  id: string;
  label: string;
}

/**
 * Patient labels become unique as a person reads them (src/patients/label-key.ts): each patient gets
 * its label key, and the key is unique per clinic. Existing labels that read alike within one clinic
 * cannot be told apart safely by a program, so the migration stops and names them, and nothing is
 * changed; an operator renames all but one and starts again (docs/operations.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = (await sql<LabelRow>`SELECT clinic_id, id, label FROM patients ORDER BY clinic_id, id`.execute(db)).rows;
  const byKey = new Map<string, LabelRow[]>();
  for (const row of rows) {
    const slot = `${row.clinic_id}\n${labelKey(row.label)}`;
    byKey.set(slot, [...(byKey.get(slot) ?? []), row]);
  }
  const alike = [...byKey.values()].filter((group) => group.length > 1);
  // Checked before any change: the migrator gives SQLite no transaction of its own.
  if (alike.length > 0) throw new Error(collisionReport(alike));
  await atomically(db, async (tx) => {
    await tx.schema
      .alterTable('patients')
      .addColumn('label_key', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    for (const row of rows) {
      await sql`UPDATE patients SET label_key = ${labelKey(row.label)} WHERE clinic_id = ${row.clinic_id} AND id = ${row.id}`.execute(
        tx,
      );
    }
    await tx.schema
      .createIndex('patients_label_key_uq')
      .unique()
      .on('patients')
      .columns(['clinic_id', 'label_key'])
      .execute();
  });
}

/** Runs `body` in the migrator's transaction (PostgreSQL) or in one of its own (SQLite, where it has none). */
async function atomically(db: Kysely<unknown>, body: (tx: Kysely<unknown>) => Promise<void>): Promise<void> {
  if (db.isTransaction) await body(db);
  else await db.transaction().execute(body);
}

function collisionReport(groups: readonly LabelRow[][]): string {
  const lines = groups.map((group) => {
    const patients = group.map((row) => `${JSON.stringify(row.label)} (patient ${row.id})`).join(', ');
    return `clinic ${group[0]?.clinic_id ?? ''}: ${patients}`;
  });
  return `patient labels that read alike in one clinic; rename all but one in each group, then start again (docs/operations.md, "Look-alike patient labels"): ${lines.join('; ')}`;
}
