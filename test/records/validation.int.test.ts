import { afterAll, beforeAll, expect, it } from 'vitest';
import { adverseEventService } from '../../src/adverse-events/adverse-event.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { createClinic } from '../../src/clinics/clinic.service.js';
import type { Database } from '../../src/db/schema.js';
import { doseService } from '../../src/doses/dose.service.js';
import { medicationService } from '../../src/medications/medication.service.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { therapySessionService } from '../../src/therapy-sessions/therapy-session.service.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

const TABLES: (keyof Database)[] = [
  'clinics',
  'users',
  'patients',
  'courses',
  'doses',
  'assessments',
  'adverse_events',
  'therapy_sessions',
  'medications',
  'alerts',
  'audit_entries',
];

/** Bad input is refused with the field and the reason, and nothing at all is written. */
describeEachEngine('validation at the service boundary', (engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;
  let patientId: string;
  let courseId: string;
  let doseId: string;

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await test.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = row.n;
    }
    return out;
  }

  async function refused(action: () => Promise<unknown>, field: string, reason: RegExp): Promise<void> {
    const before = await counts();
    const error = await action().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, `expected ${field} to be refused`).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    const problems = (error as { problems: { field: string; reason: string }[] }).problems;
    const problem = problems.find((p) => p.field === field);
    expect(problem, `problems: ${JSON.stringify(problems)}`).toBeDefined();
    expect(problem!.reason).toMatch(reason);
    expect(await counts()).toEqual(before);
  }

  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicContext(test.handle);
    patientId = (await aPatient(ctx, { label: 'TAKEN' })).id;
    courseId = (await aCourse(ctx, patientId)).id;
    doseId = (await aDose(ctx, patientId, courseId)).id;
  });
  afterAll(async () => {
    await test.drop();
  });

  it('clinics and users', async () => {
    await refused(() => createClinic(test.handle.db, { name: '' }), 'name', /must not be empty/);
    await refused(() => createClinic(test.handle.db, { name: 'X', timeZone: 'Mars/Olympus' }), 'timeZone', /IANA/);
    await refused(
      () => createUser(ctx, { email: 'not-an-email', role: 'clinician', password: 'long enough password' }),
      'email',
      /e-mail/,
    );
    await refused(
      () => createUser(ctx, { email: 'x@example.org', role: 'clinician', password: 'short' }),
      'password',
      /at least 12/,
    );
    await refused(
      () => createUser(ctx, { email: 'x@example.org', role: 'superuser', password: 'long enough password' }),
      'role',
      /one of: admin, clinician, researcher/,
    );
  });

  it('patients', async () => {
    await refused(() => patientService.create(ctx, { label: 'TAKEN' }), 'label', /already has the label/);
    await refused(() => patientService.create(ctx, { label: 'X', birthYear: 2999 }), 'birthYear', /at most 2100/);
    await refused(() => patientService.create(ctx, { label: 'X', birthYear: 2090 }), 'birthYear', /future/);
    await refused(
      () => patientService.create(ctx, { label: 'X', conditions: ['gad', 'flu'] }),
      'conditions[1]',
      /one of: refractory-anxiety/,
    );
    await refused(() => patientService.create(ctx, { label: 'X', weightKg: -3 }), 'weightKg', /at least 2/);
    await refused(
      () => patientService.create(ctx, { label: 'X', weightKg: 5e-324 }),
      'weightKg',
      /^must be at least 2$/,
    );
    await refused(() => patientService.create(ctx, { label: 'X', weightKg: 501 }), 'weightKg', /^must be at most 500$/);
    await refused(() => patientService.create(ctx, { label: 'X', shoeSize: 9 }), 'shoeSize', /not a known field/);
    await refused(() => patientService.update(ctx, patientId, { synthetic: true }), 'synthetic', /cannot be changed/);
  });

  it('courses', async () => {
    await refused(
      () => aCourse(ctx, patientId, { primaryInstrument: 'mood-ring' }),
      'primaryInstrument',
      /not an instrument/,
    );
    await refused(() => aCourse(ctx, patientId, { startedAt: '5 January' }), 'startedAt', /ISO-8601/);
    await refused(() => aCourse(ctx, patientId, { endedAt: '2025-01-01T00:00:00Z' }), 'endedAt', /before startedAt/);
    await refused(() => aCourse(ctx, '00000000-0000-4000-8000-000000000000'), 'patientId', /no patient/);
  });

  it('doses', async () => {
    await refused(() => aDose(ctx, patientId, courseId, { mg: 0 }), 'mg', /greater than 0/);
    await refused(
      () => aDose(ctx, patientId, courseId, { route: 'rectal' as 'iv' }),
      'route',
      /one of: iv, im, intranasal, sublingual, oral/,
    );
    await refused(
      () => aDose(ctx, patientId, courseId, { systolicBefore: 120, diastolicBefore: 130 }),
      'diastolicBefore',
      /lower than systolicBefore/,
    );
    await refused(() => aDose(ctx, patientId, courseId, { spo2Before: 101 }), 'spo2Before', /at most 100/);
    await refused(() => aDose(ctx, patientId, courseId, { givenAt: '2030-01-01T00:00:00Z' }), 'givenAt', /future/);
    const other = await aPatient(ctx);
    await refused(() => aDose(ctx, other.id, courseId), 'courseId', /different patient/);
    await refused(() => doseService.update(ctx, doseId, { patientId: other.id }), 'patientId', /cannot be changed/);
    await refused(
      () => doseService.update(ctx, doseId, { diastolicBefore: 200 }),
      'diastolicBefore',
      /lower than systolicBefore/,
    );
  });

  it('assessments: answers outside an item range name the item', async () => {
    const base = { patientId, instrument: 'gad7', completedAt: '2026-01-04T09:00:00Z' };
    await refused(() => assessmentService.create(ctx, { ...base, answers: [3, 2, 2, 1, 0, 1, 4] }), 'answers.7', /0.3/);
    await refused(() => assessmentService.create(ctx, { ...base, answers: [3, 2] }), 'answers', /7/);
    await refused(
      () => assessmentService.create(ctx, { ...base, instrument: 'bdi', answers: [1] }),
      'instrument',
      /unknown instrument|not found/,
    );
  });

  it('text holding NUL is refused in the words the HTTP routes use', async () => {
    await refused(
      () => patientService.create(ctx, { label: 'NUL\u0000' }),
      'label',
      /^must not contain a NUL character/,
    );
    await refused(
      () => patientService.create(ctx, { label: 'X', name: 'A\u0000B' }),
      'name',
      /^must not contain a NUL character/,
    );
    await refused(
      () =>
        medicationService.create(ctx, {
          patientId,
          name: 'Dia\u0000zepam',
          drugClass: 'benzodiazepine',
          startedOn: '2026-01-01',
        }),
      'name',
      /^must not contain a NUL character/,
    );
    await refused(
      () => createClinic(test.handle.db, { name: 'Clinic\u0000' }),
      'name',
      /^must not contain a NUL character/,
    );
  });

  it('dates keep to the years 1900–2100, the same on both engines', async () => {
    for (const year of ['0000', '1899', '2101']) {
      await refused(
        () => aCourse(ctx, patientId, { startedAt: `${year}-06-01T09:00:00Z` }),
        'startedAt',
        /^must be an ISO-8601 date-time with a time zone, in the years 1900–2100/,
      );
      await refused(
        () =>
          medicationService.create(ctx, {
            patientId,
            name: 'Diazepam',
            drugClass: 'benzodiazepine',
            startedOn: `${year}-06-01`,
          }),
        'startedOn',
        /^must be a calendar date, YYYY-MM-DD, in the years 1900–2100$/,
      );
    }
  });

  it('a list page is bounded: offset at most 1,000,000, limit at most 1000', async () => {
    for (const offset of [1e308, Number('99999999999999999999'), 1_000_001]) {
      await refused(() => patientService.list(ctx, { offset }), 'offset', /^must be at most 1000000$/);
    }
    await refused(() => doseService.list(ctx, { limit: 1001 }), 'limit', /^must be at most 1000$/);
    expect(await patientService.list(ctx, { offset: 1_000_000 })).toEqual([]);
  });

  it('adverse events, therapy sessions, medications', async () => {
    await refused(
      () =>
        adverseEventService.create(ctx, { patientId, category: 'urinary', grade: 6, onsetAt: '2026-01-05T00:00:00Z' }),
      'grade',
      /at most 5/,
    );
    await refused(
      () =>
        adverseEventService.create(ctx, {
          patientId,
          category: 'urinary',
          grade: 2,
          onsetAt: '2026-01-05T00:00:00Z',
          doseId: '00000000-0000-4000-8000-000000000000',
        }),
      'doseId',
      /no dose/,
    );
    await refused(
      () =>
        therapySessionService.create(ctx, {
          patientId,
          heldAt: '2026-01-05T00:00:00Z',
          kind: 'integration',
          modality: 'cbt',
          minutes: 0,
        }),
      'minutes',
      /at least 1/,
    );
    await refused(
      () =>
        medicationService.create(ctx, {
          patientId,
          name: 'Diazepam',
          drugClass: 'benzodiazepine',
          startedOn: '2026-02-30',
        }),
      'startedOn',
      /YYYY-MM-DD/,
    );
    await refused(
      () =>
        medicationService.create(ctx, {
          patientId,
          name: 'Diazepam',
          drugClass: 'benzodiazepine',
          startedOn: '2026-02-01',
          stoppedOn: '2026-01-01',
        }),
      'stoppedOn',
      /before startedOn/,
    );
  });
});
