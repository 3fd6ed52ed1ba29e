import { afterAll, beforeAll, expect, it } from 'vitest';
import { listEntries } from '../audit/audit.repository.js';
import { verifyChain } from '../audit/audit.service.js';
import { createClinic } from '../clinics/clinic.service.js';
import type { Database } from '../db/schema.js';
import { scoreAnswers } from '../instruments/score.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { generateCohort, generatePatients } from './generate.js';
import { loadSyntheticCohort, type LoadSummary } from './load.js';
import type { SyntheticPatient } from './types.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const OPTIONS = { seed: 99, patients: 30, start: Date.UTC(2025, 0, 1) };

describeEachEngine('synthetic bulk load', (engine) => {
  let test: TestDatabase;
  let clinicId: string;
  let cohort: SyntheticPatient[];
  let summary: LoadSummary;
  const progress: [number, number | null][] = [];

  beforeAll(async () => {
    test = await freshDatabase(engine);
    clinicId = (await createClinic(test.handle.db, { name: 'Demo clinic' }, NOW)).id;
    cohort = generateCohort(OPTIONS);
    // A lazy sequence with its total, as the benchmark loads 20,000 patients.
    summary = await loadSyntheticCohort(test.handle, {
      clinicId,
      patients: generatePatients(OPTIONS),
      total: 30,
      now: NOW,
      onProgress: (done, total) => progress.push([done, total]),
    });
  });
  afterAll(async () => {
    await test.drop();
  });

  const count = async (table: keyof Database): Promise<number> => {
    const row = await test.handle.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('clinic_id', '=', clinicId)
      .executeTakeFirstOrThrow();
    return row.n;
  };
  const total = (pick: (p: SyntheticPatient) => number): number => cohort.reduce((n, p) => n + pick(p), 0);

  it('writes one row per generated record in every table, and says so', async () => {
    const expected = {
      patients: 30,
      courses: 30,
      doses: total((p) => p.doses.length),
      assessments: total((p) => p.assessments.length),
      adverseEvents: total((p) => p.adverseEvents.length),
      therapySessions: total((p) => p.therapySessions.length),
      medications: total((p) => p.medications.length),
    };
    expect(summary).toEqual(expected);
    expect({
      patients: await count('patients'),
      courses: await count('courses'),
      doses: await count('doses'),
      assessments: await count('assessments'),
      adverseEvents: await count('adverse_events'),
      therapySessions: await count('therapy_sessions'),
      medications: await count('medications'),
    }).toEqual(expected);
    expect(expected.assessments).toBeGreaterThan(300);
  });

  it('marks every patient synthetic under its SYN label', async () => {
    const patients = await test.handle.db
      .selectFrom('patients')
      .select(['label', 'synthetic'])
      .where('clinic_id', '=', clinicId)
      .orderBy('label')
      .execute();
    expect(patients.map((p) => p.label)).toEqual(cohort.map((p) => p.label));
    expect(patients.every((p) => p.synthetic === 1)).toBe(true);
  });

  it('stores every assessment scored: total, band, completeness and flags equal scoreAnswers of its answers', async () => {
    const stored = await test.handle.db
      .selectFrom('assessments as a')
      .innerJoin('patients as p', (join) =>
        join.onRef('p.clinic_id', '=', 'a.clinic_id').onRef('p.id', '=', 'a.patient_id'),
      )
      .select(['p.label', 'a.instrument', 'a.completed_at', 'a.total', 'a.band', 'a.complete', 'a.flags', 'a.answers'])
      .where('a.clinic_id', '=', clinicId)
      .execute();
    const generated = new Map(
      cohort.flatMap((p) =>
        p.assessments.map((a) => [`${p.label} ${a.instrument} ${new Date(a.at).toISOString()}`, a.answers] as const),
      ),
    );
    expect(stored).toHaveLength(generated.size);
    for (const row of stored) {
      const answers = generated.get(`${row.label} ${row.instrument} ${row.completed_at}`);
      expect(answers).toBeDefined();
      const expected = scoreAnswers(row.instrument, answers ?? []);
      expect(row).toMatchObject({
        total: expected.total,
        band: expected.band,
        complete: expected.complete ? 1 : 0,
        flags: JSON.stringify(expected.flags),
        answers: JSON.stringify(expected.answers),
      });
    }
  });

  it('links each dose to its patient’s course and computes mg/kg from the weight', async () => {
    const doses = await test.handle.db
      .selectFrom('doses as d')
      .innerJoin('courses as c', (join) =>
        join.onRef('c.clinic_id', '=', 'd.clinic_id').onRef('c.id', '=', 'd.course_id'),
      )
      .innerJoin('patients as p', (join) =>
        join.onRef('p.clinic_id', '=', 'd.clinic_id').onRef('p.id', '=', 'd.patient_id'),
      )
      .select(['d.mg', 'd.mg_per_kg', 'p.weight_kg', 'c.patient_id', 'd.patient_id as dose_patient'])
      .where('d.clinic_id', '=', clinicId)
      .execute();
    expect(doses).toHaveLength(summary.doses);
    for (const dose of doses) {
      expect(dose.patient_id).toBe(dose.dose_patient);
      expect(dose.mg_per_kg).toBeCloseTo(dose.mg / (dose.weight_kg ?? 1), 3);
    }
  });

  it('reports progress after each transaction of 200 patients (one here)', () => {
    expect(progress).toEqual([[30, 30]]);
  });

  it('audits the load once, with its counts, and keeps the chain valid', async () => {
    const entries = await listEntries(test.handle.db, clinicId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'create',
      entity: 'synthetic-cohort',
      actor_type: 'system',
      patient_id: null,
      at: NOW.toISOString(),
    });
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toEqual({ ...summary, complete: true });
    expect((await verifyChain({ db: test.handle.db, clinicId })).ok).toBe(true);
  });

  it('refuses to load the same labels twice into one clinic and writes nothing more', async () => {
    const before = await count('assessments');
    await expect(
      loadSyntheticCohort(test.handle, { clinicId, patients: cohort.slice(0, 3), now: NOW }),
    ).rejects.toThrow('patients: label SYN-00001, SYN-00002, SYN-00003 already used in this clinic');
    expect(await count('patients')).toBe(30);
    expect(await count('assessments')).toBe(before);
    // Nothing was written, so nothing was audited.
    expect(await listEntries(test.handle.db, clinicId)).toHaveLength(1);
  });

  it('loads the same cohort into a second clinic, which sees only its own rows', async () => {
    const other = (await createClinic(test.handle.db, { name: 'Second clinic' }, NOW)).id;
    const loaded = await loadSyntheticCohort(test.handle, { clinicId: other, patients: cohort.slice(0, 5), now: NOW });
    expect(loaded.patients).toBe(5);
    expect(await count('patients')).toBe(30);
  });

  it('refuses an unknown clinic', async () => {
    await expect(loadSyntheticCohort(test.handle, { clinicId: 'no-such-clinic', patients: [] })).rejects.toThrow(
      'clinic no-such-clinic was not found',
    );
  });
});
