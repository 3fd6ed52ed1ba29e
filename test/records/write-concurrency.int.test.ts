// On PostgreSQL a clinical write holds its patient's lock for the whole transaction and the clinic's audit
// chain only from its last step (the append) to the commit (src/audit/audit.service.ts, records/guards.ts).
// So while one write of a clinic is open, a write for another patient of the clinic commits, a write for the
// same patient waits for it, and the chain verifies afterwards with every entry in it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { verifyAudit } from '../../src/audit/audit-verify.js';
import { inTransaction } from '../../src/db/transaction.js';
import type { ServiceContext } from '../../src/records/context.js';
import { aClinicContext, aPatient } from '../support/builders.js';
import { freshPostgres, pgUrl } from '../support/databases.js';

const answer = (ctx: ServiceContext, patientId: string, minute: number): Promise<unknown> =>
  assessmentService.create(ctx, {
    patientId,
    instrument: 'gad7',
    completedAt: new Date(Date.parse('2026-02-01T09:00:00Z') + minute * 60_000).toISOString(),
    answers: [1, 1, 1, 1, 1, 1, 1],
  });

/** Resolves once `sessions` connections of the database wait for a lock (polled, with a deadline). */
async function waitersOnLocks(url: string, sessions: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 500; attempt++) {
      const { rows } = await client.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      if ((rows[0]?.n ?? 0) >= sessions) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no write waited for a lock within 5 s`);
  } finally {
    await client.end();
  }
}

describe('concurrent writes of one clinic [postgres]', () => {
  let test: Awaited<ReturnType<typeof freshPostgres>>;
  let ctx: ServiceContext;

  beforeAll(async () => {
    test = await freshPostgres(pgUrl());
    ctx = await aClinicContext(test.handle);
  });
  afterAll(async () => {
    await test.drop();
  });

  it('overlap across patients, queue within one, and leave a chain that verifies', async () => {
    const first = await aPatient(ctx);
    const second = await aPatient(ctx);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    // A write for the first patient, kept open after its record, its safety step and its due list.
    const open = inTransaction(ctx, async (tx) => {
      await answer(tx, first.id, 0);
      wrote();
      await held;
    });
    await written;

    // Another patient's write commits while it is open.
    await answer(ctx, second.id, 1);

    // The same patient's write waits for it, and goes through once it commits.
    let samePatientDone = false;
    const samePatient = answer(ctx, first.id, 2).then(() => (samePatientDone = true));
    await waitersOnLocks(test.url, 1);
    expect(samePatientDone).toBe(false);
    release();
    await open;
    await samePatient;

    const verdict = await verifyAudit(test.handle.db, ctx.clinicId);
    expect(verdict).toMatchObject({ ok: true, firstBroken: null });
    const entries = await test.handle.db
      .selectFrom('audit_entries')
      .select(['seq', 'entity', 'patient_id'])
      .where('clinic_id', '=', ctx.clinicId)
      .where('entity', '=', 'assessment')
      .orderBy('seq')
      .execute();
    // In commit order: the second patient's answer, then the held one, then the one that waited for it.
    expect(entries.map((e) => e.patient_id)).toEqual([second.id, first.id, first.id]);
  });
});
