import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseEventService } from '../../src/adverse-events/adverse-event.service.js';
import { getAlert, listAlerts, raiseAlert, transitionAlert } from '../../src/alerts/alert.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { createClinic, getClinic, listClinics, updateClinic } from '../../src/clinics/clinic.service.js';
import { courseService } from '../../src/courses/course.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import { medicationService } from '../../src/medications/medication.service.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { therapySessionService } from '../../src/therapy-sessions/therapy-session.service.js';
import { createUser, getUser, listUsers, updateUser } from '../../src/users/user.service.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

describeEachEngine('clinical records: create, read, update, list', (engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;

  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicContext(test.handle);
  });
  afterAll(async () => {
    await test.drop();
  });

  it('clinics', async () => {
    const clinic = await createClinic(test.handle.db, { name: 'Harbour Clinic', timeZone: 'Europe/London' });
    expect((await getClinic(test.handle.db, clinic.id)).name).toBe('Harbour Clinic');
    const updated = await updateClinic({ ...ctx, clinicId: clinic.id }, { name: 'Harbour Ketamine Clinic' });
    expect(updated).toMatchObject({ name: 'Harbour Ketamine Clinic', timeZone: 'Europe/London' });
    expect((await listClinics(test.handle.db)).map((c) => c.id)).toContain(clinic.id);
  });

  it('users, with the password stored only as an argon2id hash', async () => {
    const user = await createUser(ctx, {
      email: 'Nurse@Example.org',
      role: 'clinician',
      password: 'correct horse battery',
    });
    expect(user).toMatchObject({ email: 'nurse@example.org', role: 'clinician', disabled: false });
    const row = await test.handle.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await getUser(ctx, user.id)).email).toBe('nurse@example.org');
    expect(await updateUser(ctx, user.id, { role: 'admin', disabled: true })).toMatchObject({
      role: 'admin',
      disabled: true,
    });
    expect((await listUsers(ctx)).map((u) => u.id)).toContain(user.id);
  });

  it('patients', async () => {
    const patient = await aPatient(ctx, { label: 'MRN-1001', conditions: ['gad', 'ptsd'], history: ['bladder'] });
    expect(patient).toMatchObject({
      label: 'MRN-1001',
      conditions: ['gad', 'ptsd'],
      history: ['bladder'],
      synthetic: false,
    });
    expect((await patientService.get(ctx, patient.id)).label).toBe('MRN-1001');
    const updated = await patientService.update(ctx, patient.id, { weightKg: 72.5, name: 'A. Patient' });
    expect(updated).toMatchObject({
      weightKg: 72.5,
      name: 'A. Patient',
      label: 'MRN-1001',
      conditions: ['gad', 'ptsd'],
    });
    expect(updated.updatedAt >= patient.updatedAt).toBe(true);
    expect((await patientService.list(ctx)).map((p) => p.id)).toContain(patient.id);
  });

  it('courses', async () => {
    const patient = await aPatient(ctx);
    const course = await aCourse(ctx, patient.id, { defaultPriceUsd: 450.5 });
    expect(course).toMatchObject({
      patientId: patient.id,
      primaryInstrument: 'gad7',
      phase: 'induction',
      defaultPriceUsd: 450.5,
    });
    expect((await courseService.get(ctx, course.id)).startedAt).toBe('2026-01-05T09:00:00.000Z');
    expect((await courseService.update(ctx, course.id, { phase: 'maintenance' })).phase).toBe('maintenance');
    expect(await courseService.list(ctx, { patientId: patient.id })).toHaveLength(1);
  });

  it('doses, with mg/kg from the patient weight', async () => {
    const patient = await aPatient(ctx, { weightKg: 70 });
    const course = await aCourse(ctx, patient.id);
    const dose = await aDose(ctx, patient.id, course.id, {
      mg: 35,
      givenAt: '2026-01-05T05:00:00-05:00',
      priceUsd: 499.99,
    });
    // 35 mg / 70 kg = 0.5 mg/kg; the -05:00 time is stored as UTC.
    expect(dose).toMatchObject({
      mg: 35,
      mgPerKg: 0.5,
      givenAt: '2026-01-05T10:00:00.000Z',
      priceUsd: 499.99,
      route: 'iv',
    });
    expect((await doseService.get(ctx, dose.id)).systolicBefore).toBe(128);
    const updated = await doseService.update(ctx, dose.id, { mg: 42, systolicAfter: 150, diastolicAfter: 95 });
    expect(updated).toMatchObject({ mg: 42, mgPerKg: 0.6, systolicAfter: 150, diastolicAfter: 95 });
    expect(await doseService.list(ctx, { patientId: patient.id })).toHaveLength(1);
  });

  it('clinical records get time-ordered ids (UUID version 7) in the order they are made; credentials keep random ones', async () => {
    const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const patient = await aPatient(ctx);
    const course = await aCourse(ctx, patient.id);
    const made: string[] = [patient.id, course.id];
    for (let i = 0; i < 3; i++)
      made.push((await aDose(ctx, patient.id, course.id, { givenAt: `2026-01-0${5 + i}T10:00:00Z` })).id);
    // Made at the same time (one group commit on SQLite, concurrent transactions on PostgreSQL): after
    // everything before them and before everything after them, in whichever order among themselves.
    const together = await Promise.all(
      [0, 1, 2].map((i) => aDose(ctx, patient.id, course.id, { givenAt: `2026-02-0${1 + i}T10:00:00Z` })),
    );
    made.push(...together.map((d) => d.id).sort());
    const alert = await raiseAlert(ctx, {
      patientId: patient.id,
      rule: 'suicidality',
      severity: 'urgent',
      episodeKey: 'ids',
      raisedAt: '2026-02-05T10:00:00Z',
      evidence: {},
    });
    made.push(alert.alert.id);
    for (const id of made) expect(id).toMatch(UUID_V7);
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
    const user = await createUser(ctx, {
      email: 'ids@example.org',
      role: 'clinician',
      password: 'correct horse battery',
    });
    expect(user.id).toMatch(UUID_V4);
  });

  it('assessments, scored at write time and re-scored when answers change', async () => {
    const patient = await aPatient(ctx);
    const created = await assessmentService.create(ctx, {
      patientId: patient.id,
      instrument: 'gad7',
      completedAt: '2026-01-04T09:00:00Z',
      answers: [3, 2, 2, 1, 0, 1, 2],
    });
    // 3+2+2+1+0+1+2 = 11 → "moderate" (10–14, Spitzer 2006).
    expect(created).toMatchObject({
      total: 11,
      band: 'moderate',
      complete: true,
      source: 'clinician',
      enteredBy: 'test-user',
    });
    expect(created.answers).toEqual({ '1': 3, '2': 2, '3': 2, '4': 1, '5': 0, '6': 1, '7': 2 });
    const read = await assessmentService.get(ctx, created.id);
    expect(read.total).toBe(11);
    const updated = await assessmentService.update(ctx, created.id, { answers: [0, 0, 0, 1, 0, 1, 2] });
    expect(updated).toMatchObject({ total: 4, band: 'minimal' });
    expect(await assessmentService.list(ctx, { patientId: patient.id })).toHaveLength(1);
  });

  it('an incomplete questionnaire is stored with its answers and no total', async () => {
    const patient = await aPatient(ctx);
    const partial = await assessmentService.create(ctx, {
      patientId: patient.id,
      instrument: 'phq9',
      completedAt: '2026-01-04T09:00:00Z',
      answers: [1, 1, null, 1, 1, 1, 1, 1, 1],
    });
    expect(partial).toMatchObject({ complete: false, total: null, band: null });
    expect(partial.flags).toContain('suicidality-item-positive');
  });

  it('adverse events', async () => {
    const patient = await aPatient(ctx);
    const course = await aCourse(ctx, patient.id);
    const dose = await aDose(ctx, patient.id, course.id);
    const event = await adverseEventService.create(ctx, {
      patientId: patient.id,
      doseId: dose.id,
      category: 'urinary',
      grade: 2,
      onsetAt: '2026-01-20T08:00:00Z',
      action: 'urology-referral',
    });
    expect(event).toMatchObject({ category: 'urinary', grade: 2, outcome: 'ongoing', doseId: dose.id });
    expect((await adverseEventService.get(ctx, event.id)).action).toBe('urology-referral');
    expect((await adverseEventService.update(ctx, event.id, { outcome: 'resolved' })).outcome).toBe('resolved');
    expect(await adverseEventService.list(ctx, { patientId: patient.id })).toHaveLength(1);
  });

  it('therapy sessions', async () => {
    const patient = await aPatient(ctx);
    const session = await therapySessionService.create(ctx, {
      patientId: patient.id,
      heldAt: '2026-01-06T15:00:00Z',
      kind: 'integration',
      modality: 'ifs',
      minutes: 50,
    });
    expect(session).toMatchObject({ kind: 'integration', modality: 'ifs', minutes: 50 });
    expect((await therapySessionService.get(ctx, session.id)).heldAt).toBe('2026-01-06T15:00:00.000Z');
    expect((await therapySessionService.update(ctx, session.id, { minutes: 60 })).minutes).toBe(60);
    expect(await therapySessionService.list(ctx, { patientId: patient.id })).toHaveLength(1);
  });

  it('concurrent medications', async () => {
    const patient = await aPatient(ctx);
    const med = await medicationService.create(ctx, {
      patientId: patient.id,
      name: 'Lorazepam',
      drugClass: 'benzodiazepine',
      doseText: '0.5 mg at night',
      startedOn: '2025-11-01',
    });
    expect(med).toMatchObject({ name: 'Lorazepam', drugClass: 'benzodiazepine', stoppedOn: null });
    expect((await medicationService.get(ctx, med.id)).startedOn).toBe('2025-11-01');
    expect((await medicationService.update(ctx, med.id, { stoppedOn: '2026-01-02' })).stoppedOn).toBe('2026-01-02');
    expect(await medicationService.list(ctx, { patientId: patient.id })).toHaveLength(1);
  });

  it('alerts: raised once per episode, then acknowledged and resolved', async () => {
    const patient = await aPatient(ctx);
    const body = {
      patientId: patient.id,
      rule: 'suicidality',
      severity: 'urgent',
      episodeKey: 'assessment:x',
      raisedAt: '2026-01-10T10:00:00Z',
      evidence: { item9: 2 },
    };
    const first = await raiseAlert(ctx, body);
    const again = await raiseAlert(ctx, body);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, alert: { id: first.alert.id } });
    expect((await getAlert(ctx, first.alert.id)).evidence).toEqual({ item9: 2 });
    const acknowledged = await transitionAlert(ctx, first.alert.id, 'acknowledged', { comment: 'called the patient' });
    expect(acknowledged).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'test-user',
      acknowledgeComment: 'called the patient',
    });
    await expect(transitionAlert(ctx, first.alert.id, 'acknowledged', {})).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(transitionAlert(ctx, first.alert.id, 'resolved', {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const closing = { comment: 'Phoned the patient; safety plan reviewed.', followUp: 'patient-contacted' };
    expect(await transitionAlert(ctx, first.alert.id, 'resolved', closing)).toMatchObject({
      status: 'resolved',
      resolveFollowUp: 'patient-contacted',
    });
    expect((await listAlerts(ctx, { patientId: patient.id, status: 'resolved' })).map((a) => a.id)).toEqual([
      first.alert.id,
    ]);
    expect(await listAlerts(ctx, { patientId: patient.id, status: 'open' })).toEqual([]);
  });
});

describe('record ids', () => {
  it('an unknown id is NOT_FOUND, not an empty record', async () => {
    const test = await freshDatabase('sqlite');
    const ctx = await aClinicContext(test.handle);
    await expect(patientService.get(ctx, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
    });
    await test.drop();
  });
});
