// Each patient's next due questionnaire, as the work queue shows it (src/dashboard/dashboard.repository.ts):
// the earliest item not yet answered and not yet expired, one per patient, and the same one on every read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dashboardRepository } from '../../src/dashboard/dashboard.repository.js';
import type { ServiceContext } from '../../src/records/context.js';
import { aClinicContext, aCourse, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

const NOW = '2026-03-10T12:00:00.000Z';

interface Item {
  instrument: string;
  dueAt: string;
  key?: string;
  expiresAt?: string | null;
  completedAt?: string | null;
}

describeEachEngine('the next due questionnaire per patient', (engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;
  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicContext(test.handle);
  });
  afterAll(async () => {
    await test.drop();
  });

  /** A patient on a course with these due items; returns the patient's id. */
  async function aPatientWith(on: ServiceContext, items: Item[]): Promise<string> {
    const patient = await aPatient(on);
    const course = await aCourse(on, patient.id);
    for (const item of items) {
      const id = randomUUID();
      await on.db
        .insertInto('due_assessments')
        .values({
          clinic_id: on.clinicId,
          id,
          patient_id: patient.id,
          course_id: course.id,
          key: item.key ?? `k-${id}`,
          instrument: item.instrument,
          anchor: '{"kind":"baseline"}',
          due_at: item.dueAt,
          expires_at: item.expiresAt ?? null,
          reminder_at: null,
          completed_at: item.completedAt ?? null,
          assessment_id: null,
          link_id: null,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute();
    }
    return patient.id;
  }

  const patientIds = async (): Promise<string[]> =>
    (await ctx.db.selectFrom('patients').select('id').where('clinic_id', '=', ctx.clinicId).execute()).map((p) => p.id);

  const nextDue = async (extraIds: string[] = []): Promise<Map<string, { instrument: string; due_at: string }>> =>
    new Map(
      (await dashboardRepository.nextDue(ctx.db, ctx.clinicId, [...(await patientIds()), ...extraIds], NOW)).map(
        (row) => [row.patient_id, { instrument: row.instrument, due_at: row.due_at }],
      ),
    );

  it('is the earliest open item: answered and expired items are passed over, an item without expiry stays open', async () => {
    const patient = await aPatientWith(ctx, [
      { instrument: 'gad7', dueAt: '2026-03-01T09:00:00.000Z', completedAt: '2026-03-01T10:00:00.000Z' },
      { instrument: 'phq9', dueAt: '2026-03-02T09:00:00.000Z', expiresAt: '2026-03-05T09:00:00.000Z' },
      { instrument: 'pcl5', dueAt: '2026-03-12T09:00:00.000Z' },
      { instrument: 'gad7', dueAt: '2026-03-08T09:00:00.000Z', expiresAt: null },
      { instrument: 'hama', dueAt: '2026-03-20T09:00:00.000Z', expiresAt: '2026-03-25T09:00:00.000Z' },
    ]);
    expect((await nextDue()).get(patient)).toEqual({ instrument: 'gad7', due_at: '2026-03-08T09:00:00.000Z' });
  });

  it('takes an item that expires exactly now as expired', async () => {
    const patient = await aPatientWith(ctx, [
      { instrument: 'gad7', dueAt: '2026-03-09T09:00:00.000Z', expiresAt: NOW },
      { instrument: 'phq9', dueAt: '2026-03-11T09:00:00.000Z', expiresAt: '2026-03-14T09:00:00.000Z' },
    ]);
    expect((await nextDue()).get(patient)).toEqual({ instrument: 'phq9', due_at: '2026-03-11T09:00:00.000Z' });
  });

  it('has none for a patient whose items are all answered or expired', async () => {
    const patient = await aPatientWith(ctx, [
      { instrument: 'gad7', dueAt: '2026-03-01T09:00:00.000Z', completedAt: '2026-03-01T10:00:00.000Z' },
      { instrument: 'phq9', dueAt: '2026-03-02T09:00:00.000Z', expiresAt: '2026-03-03T09:00:00.000Z' },
    ]);
    expect((await nextDue()).has(patient)).toBe(false);
  });

  it('breaks a tie of two items due at the same time by their key, so every read shows the same one', async () => {
    const patient = await aPatientWith(ctx, [
      { instrument: 'phq9', key: 'b:dose-3', dueAt: '2026-03-15T09:00:00.000Z' },
      { instrument: 'gad7', key: 'a:dose-3', dueAt: '2026-03-15T09:00:00.000Z' },
      { instrument: 'pcl5', key: 'c:dose-3', dueAt: '2026-03-15T09:00:00.000Z' },
    ]);
    for (let read = 0; read < 3; read++) {
      expect((await nextDue()).get(patient)).toEqual({ instrument: 'gad7', due_at: '2026-03-15T09:00:00.000Z' });
    }
  });

  it("lists only this clinic's patients", async () => {
    const other = await aClinicContext(test.handle);
    const stranger = await aPatientWith(other, [{ instrument: 'gad7', dueAt: '2026-03-11T09:00:00.000Z' }]);
    // Asked for by id, the other clinic's patient is still not listed.
    expect((await nextDue([stranger])).has(stranger)).toBe(false);
  });
});
