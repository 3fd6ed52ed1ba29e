import { afterAll, beforeAll, expect, it } from 'vitest';
import { adverseEventRepository, adverseEventService } from '../../src/adverse-events/adverse-event.service.js';
import { alertRepository } from '../../src/alerts/alert.repository.js';
import { raiseAlert } from '../../src/alerts/alert.service.js';
import { assessmentRepository, assessmentService } from '../../src/assessments/assessment.service.js';
import { listEntries } from '../../src/audit/audit.repository.js';
import { clinicRepository } from '../../src/clinics/clinic.repository.js';
import { courseRepository } from '../../src/courses/course.service.js';
import type { TenantRepository, TenantTable } from '../../src/db/tenant-repository.js';
import { doseRepository, doseService } from '../../src/doses/dose.service.js';
import { medicationRepository, medicationService } from '../../src/medications/medication.service.js';
import { patientRepository } from '../../src/patients/patient.repository.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { remsSessionRepository } from '../../src/rems/rems-session.repository.js';
import { remsSessionService } from '../../src/rems/rems-session.service.js';
import { therapySessionRepository, therapySessionService } from '../../src/therapy-sessions/therapy-session.service.js';
import { userRepository } from '../../src/users/user.repository.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aCourse, aDose, anEsketamineDoseBody, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

/**
 * No repository call made for one clinic may return or change another clinic's rows. Clinic A owns one
 * record of every kind; every repository is then called as clinic B with A's ids.
 */
describeEachEngine('tenant isolation', (engine) => {
  let test: TestDatabase;
  let a: ServiceContext;
  let b: ServiceContext;
  const owned = new Map<string, string>();

  beforeAll(async () => {
    test = await freshDatabase(engine);
    a = await aClinicContext(test.handle, 'Clinic A');
    b = await aClinicContext(test.handle, 'Clinic B');
    const patient = await aPatient(a);
    const course = await aCourse(a, patient.id);
    const dose = await aDose(a, patient.id, course.id);
    owned.set('patients', patient.id);
    owned.set('courses', course.id);
    owned.set('doses', dose.id);
    const esketamine = await doseService.create(
      a,
      anEsketamineDoseBody(patient.id, course.id, { givenAt: '2026-01-12T10:00:00Z' }),
    );
    owned.set('rems_sessions', (await remsSessionService.create(a, { doseId: esketamine.id })).id);
    const base = { patientId: patient.id };
    owned.set(
      'assessments',
      (
        await assessmentService.create(a, {
          ...base,
          instrument: 'gad7',
          completedAt: '2026-01-04T09:00:00Z',
          answers: [1, 1, 1, 1, 1, 1, 1],
        })
      ).id,
    );
    owned.set(
      'adverse_events',
      (await adverseEventService.create(a, { ...base, category: 'nausea', grade: 1, onsetAt: '2026-01-05T11:00:00Z' }))
        .id,
    );
    owned.set(
      'therapy_sessions',
      (
        await therapySessionService.create(a, {
          ...base,
          heldAt: '2026-01-06T10:00:00Z',
          kind: 'integration',
          modality: 'cbt',
          minutes: 50,
        })
      ).id,
    );
    owned.set(
      'medications',
      (await medicationService.create(a, { ...base, name: 'Sertraline', drugClass: 'ssri', startedOn: '2025-06-01' }))
        .id,
    );
    owned.set(
      'alerts',
      (
        await raiseAlert(a, {
          ...base,
          rule: 'craving',
          severity: 'warning',
          episodeKey: 'k',
          raisedAt: '2026-01-07T10:00:00Z',
          evidence: {},
        })
      ).alert.id,
    );
    owned.set(
      'users',
      (await createUser(a, { email: 'a@example.org', role: 'clinician', password: 'a long enough password' })).id,
    );
  });
  afterAll(async () => {
    await test.drop();
  });

  const repositories: [TenantTable, TenantRepository<TenantTable>][] = [
    ['patients', patientRepository],
    ['courses', courseRepository],
    ['doses', doseRepository],
    ['assessments', assessmentRepository],
    ['adverse_events', adverseEventRepository],
    ['therapy_sessions', therapySessionRepository],
    ['medications', medicationRepository],
    ['alerts', alertRepository],
    ['users', userRepository],
    ['rems_sessions', remsSessionRepository],
  ];

  it('covers every clinic-owned table', async () => {
    const tables = repositories.map(([t]) => t).sort();
    expect(tables).toEqual([...owned.keys()].sort());
    expect(tables).toHaveLength(10);
    // Clinic A's rows are visible to A, which proves the rows exist for the checks below.
    for (const [table, repo] of repositories) {
      expect(await repo.findById(a.db, a.clinicId, owned.get(table)!), table).toBeDefined();
    }
  });

  it.each(repositories)('%s: clinic B can neither read, list nor change clinic A rows', async (table, repo) => {
    const id = owned.get(table)!;
    expect(await repo.findById(b.db, b.clinicId, id)).toBeUndefined();
    expect(await repo.list(b.db, b.clinicId)).toEqual([]);
    if (table !== 'users') expect(await repo.list(b.db, b.clinicId, { patientId: owned.get('patients')! })).toEqual([]);
    const before = await repo.findById(a.db, a.clinicId, id);
    expect(await repo.update(b.db, b.clinicId, id, { created_at: '2000-01-01T00:00:00.000Z' })).toBe(false);
    expect(await repo.findById(a.db, a.clinicId, id)).toEqual(before);
  });

  it('clinics: the clinic repository reads and changes only the clinic it names', async () => {
    expect((await clinicRepository.findById(b.db, b.clinicId))?.name).toBe('Clinic B');
    await clinicRepository.update(b.db, b.clinicId, { name: 'Clinic B renamed' });
    expect((await clinicRepository.findById(a.db, a.clinicId))?.name).toBe('Clinic A');
  });

  it('services: clinic B gets NOT_FOUND for A records and cannot attach records to A patients', async () => {
    await expect(patientService.get(b, owned.get('patients')!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(doseService.update(b, owned.get('doses')!, { mg: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      medicationService.create(b, {
        patientId: owned.get('patients')!,
        name: 'X',
        drugClass: 'other',
        startedOn: '2026-01-01',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ field: 'patientId' }] });
  });

  it('audit trail: each clinic has its own chain', async () => {
    const entriesB = await listEntries(b.db, b.clinicId, { limit: 1000 });
    expect(entriesB.every((e) => e.clinic_id === b.clinicId)).toBe(true);
    expect(entriesB.some((e) => e.patient_id === owned.get('patients'))).toBe(false);
  });
});
