import { afterAll, beforeAll, expect, it } from 'vitest';
import { getAlert, raiseAlert, transitionAlert } from '../../src/alerts/alert.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

const NOTE = 'Phoned the patient at 14:10; safety plan reviewed, no intent.';

describeEachEngine('closing an urgent alert', (engine) => {
  let test: TestDatabase;
  let nurse: ServiceContext;
  let doctor: ServiceContext;

  beforeAll(async () => {
    test = await freshDatabase(engine);
    const ctx = await aClinicContext(test.handle);
    const asUser = async (email: string, displayName: string): Promise<ServiceContext> => {
      const user = await createUser(ctx, { email, displayName, role: 'clinician', password: 'correct horse battery' });
      return { ...ctx, actor: { type: 'user', id: user.id, ip: '127.0.0.1' } };
    };
    nurse = await asUser('nurse@example.org', 'Ana Nurse');
    doctor = await asUser('doctor@example.org', 'Dr Bo Grey');
  });
  afterAll(async () => {
    await test.drop();
  });

  const aSuicidalityAlert = async (): Promise<{ id: string; patientId: string }> => {
    const patient = await aPatient(nurse);
    const { alert } = await raiseAlert(nurse, {
      patientId: patient.id,
      rule: 'suicidality',
      severity: 'urgent',
      episodeKey: `assessment:${patient.id}`,
      raisedAt: '2026-02-27T09:00:00Z',
      evidence: { item9: 2 },
    });
    return { id: alert.id, patientId: patient.id };
  };

  it('names who acknowledged and who closed it, with the follow-up taken', async () => {
    const { id } = await aSuicidalityAlert();
    const acknowledged = await transitionAlert(nurse, id, 'acknowledged', { comment: 'Calling now.' });
    expect(acknowledged).toMatchObject({
      acknowledgedBy: nurse.actor.id,
      acknowledgedByName: 'Ana Nurse',
      acknowledgedAt: '2026-03-01T12:00:00.000Z',
    });
    const resolved = await transitionAlert(doctor, id, 'resolved', { comment: NOTE, followUp: 'patient-contacted' });
    expect(resolved).toMatchObject({
      status: 'resolved',
      acknowledgedByName: 'Ana Nurse',
      resolvedBy: doctor.actor.id,
      resolvedByName: 'Dr Bo Grey',
      resolvedAt: '2026-03-01T12:00:00.000Z',
      resolveComment: NOTE,
      resolveFollowUp: 'patient-contacted',
    });
    const audit = await test.handle.db
      .selectFrom('audit_entries')
      .select(['actor_id', 'detail'])
      .where('entity_id', '=', id)
      .where('action', '=', 'update')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.actor_id, JSON.parse(a.detail) as unknown])).toEqual([
      [nurse.actor.id, { status: 'acknowledged' }],
      [doctor.actor.id, { status: 'resolved', followUp: 'patient-contacted' }],
    ]);
  });

  it('refuses to close without a note and a follow-up, and changes nothing', async () => {
    const { id } = await aSuicidalityAlert();
    await expect(transitionAlert(doctor, id, 'resolved', {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [{ field: 'comment' }, { field: 'followUp' }],
    });
    await expect(
      transitionAlert(doctor, id, 'resolved', { comment: NOTE, followUp: 'clinical-review' }),
    ).rejects.toMatchObject({
      problems: [
        { field: 'followUp', reason: expect.stringContaining('a suicidality alert closes only after') as unknown },
      ],
    });
    expect(await getAlert(doctor, id)).toMatchObject({
      status: 'open',
      resolvedBy: null,
      resolveComment: null,
      resolveFollowUp: null,
    });
  });

  it('takes a C-SSRS screen as the follow-up only once one is recorded after the alert', async () => {
    const { id, patientId } = await aSuicidalityAlert();
    const screen = (completedAt: string): Promise<unknown> =>
      assessmentService.create(doctor, {
        patientId,
        instrument: 'cssrs',
        completedAt,
        answers: { '1': 0, '2': 0, '6': 0 },
      });
    await screen('2026-02-26T09:00:00Z'); // the day before the alert: not a follow-up to it
    const close = (): Promise<unknown> =>
      transitionAlert(doctor, id, 'resolved', { comment: NOTE, followUp: 'cssrs-screen' });
    await expect(close()).rejects.toMatchObject({
      problems: [{ field: 'followUp', reason: expect.stringContaining('no C-SSRS screen') as unknown }],
    });
    await screen('2026-02-27T09:30:00Z');
    await expect(close()).resolves.toMatchObject({ status: 'resolved', resolveFollowUp: 'cssrs-screen' });
  });

  it('a warning still closes in one step, without a note', async () => {
    const patient = await aPatient(nurse);
    const { alert } = await raiseAlert(nurse, {
      patientId: patient.id,
      rule: 'craving',
      severity: 'warning',
      episodeKey: 'x',
      raisedAt: '2026-02-27T09:00:00Z',
      evidence: {},
    });
    await expect(transitionAlert(nurse, alert.id, 'resolved', {})).resolves.toMatchObject({
      status: 'resolved',
      resolvedByName: 'Ana Nurse',
      resolveFollowUp: null,
    });
  });
});
