// `onset check-state` as a service, on both engines: a patient's alerts and stored basis against a
// whole-history evaluation (safety/check-state.service.ts), and what a repair writes.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../src/alerts/alert.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import { systemContext, type ServiceContext } from '../../src/records/context.js';
import { checkClinicState, checkPatientState } from '../../src/safety/check-state.service.js';
import { safetyBasis } from '../../src/safety/hooks.js';
import { resolveSafetySettings } from '../../src/safety/index.js';
import { updateSafetySettings } from '../../src/safety/safety-settings.service.js';
import { DAY_MS } from '../../src/shared/time.js';
import { aClinicContext, aCourse, aDose, aPatient, FIXED_NOW } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

const LATER = new Date(FIXED_NOW.getTime() + DAY_MS);

describeEachEngine('safety state check', (engine) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await freshDatabase(engine);
  });
  afterAll(async () => {
    await test.drop();
  });

  /** The CLI's context for the clinic, at `now`. */
  const operator = (ctx: ServiceContext, now = LATER): ServiceContext =>
    systemContext(test.handle, ctx.clinicId, { actor: 'cli', now });

  const aPhq9 = (ctx: ServiceContext, patientId: string, courseId: string, completedAt: string): Promise<unknown> =>
    assessmentService.create(ctx, {
      patientId,
      courseId,
      instrument: 'phq9',
      completedAt,
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
    });

  /**
   * A patient with a course, a PHQ-9 with item 9 answered (suicidality) the day after a dose whose pre-dose
   * blood pressure is high (bp-pre-dose), each alert raised by its write.
   */
  async function aPatientWithAlerts(ctx: ServiceContext): Promise<{ patientId: string; doseId: string }> {
    const patient = await aPatient(ctx);
    const course = await aCourse(ctx, patient.id);
    await aPhq9(ctx, patient.id, course.id, '2026-01-06T09:00:00Z');
    const dose = await aDose(ctx, patient.id, course.id, { systolicBefore: 150, diastolicBefore: 85 });
    return { patientId: patient.id, doseId: dose.id };
  }

  async function alertsOf(patientId: string): Promise<string[]> {
    const rows = await test.handle.db
      .selectFrom('alerts')
      .select(['rule', 'episode_key'])
      .where('patient_id', '=', patientId)
      .orderBy('rule')
      .execute();
    return rows.map((r) => `${r.rule} ${r.episode_key}`);
  }

  async function deleteAlert(patientId: string, rule: string): Promise<void> {
    await sql`DELETE FROM alerts WHERE patient_id = ${patientId} AND rule = ${rule}`.execute(test.handle.db);
  }

  async function storedBasis(patientId: string): Promise<string | undefined> {
    const row = await test.handle.db
      .selectFrom('patient_safety_state')
      .select('basis')
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    return row?.basis;
  }

  it('a patient whose writes raised their alerts matches: nothing missing, nothing unexpected, basis current', async () => {
    const ctx = await aClinicContext(test.handle);
    const { patientId } = await aPatientWithAlerts(ctx);
    expect(await alertsOf(patientId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^bp-pre-dose dose:/), expect.stringMatching(/^suicidality /)]),
    );
    const check = await checkPatientState(operator(ctx), patientId, { repair: false });
    expect(check).toMatchObject({
      patientId,
      basis: 'current',
      missing: [],
      unexpected: [],
      mismatch: false,
      outstanding: false,
      repaired: null,
    });
    expect(check.lastWriteAt).toBe(FIXED_NOW.toISOString());
    const repaired = await checkPatientState(operator(ctx), patientId, { repair: true });
    expect(repaired).toMatchObject({ mismatch: false, repaired: null });
  });

  it('an alert deleted by hand is reported missing, and a repair raises it again, audited as the operator', async () => {
    const ctx = await aClinicContext(test.handle);
    const { patientId } = await aPatientWithAlerts(ctx);
    const before = await alertsOf(patientId);
    await deleteAlert(patientId, 'suicidality');
    const check = await checkPatientState(operator(ctx), patientId, { repair: false });
    expect(check).toMatchObject({ basis: 'current', mismatch: true, outstanding: true, unexpected: [] });
    expect(check.missing).toEqual([
      expect.objectContaining({ rule: 'suicidality', severity: 'urgent', cause: 'not-raised' }),
    ]);
    expect(await alertsOf(patientId)).toHaveLength(before.length - 1);
    // The work queue's row still counts the deleted alert until a write rewrites it; make it say what the
    // alerts table says now, so the repair is seen to rewrite it.
    await sql`UPDATE patient_summary SET urgent_open = 0 WHERE patient_id = ${patientId}`.execute(test.handle.db);

    const repaired = await checkPatientState(operator(ctx), patientId, { repair: true });
    expect(repaired).toMatchObject({
      mismatch: true,
      outstanding: false,
      repaired: { alertsRaised: 1, basisStored: false },
    });
    expect(await alertsOf(patientId)).toEqual(before);
    const summary = await test.handle.db
      .selectFrom('patient_summary')
      .select(['urgent_open', 'warning_open'])
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    expect(summary).toEqual({ urgent_open: 1, warning_open: 1 });
    const alert = await test.handle.db
      .selectFrom('alerts')
      .select(['id', 'status', 'raised_at', 'created_at'])
      .where('patient_id', '=', patientId)
      .where('rule', '=', 'suicidality')
      .executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ status: 'open', raised_at: '2026-01-06T09:00:00.000Z' });
    expect(alert.created_at).toBe(LATER.toISOString());
    const audit = await test.handle.db
      .selectFrom('audit_entries')
      .select(['action', 'actor_type', 'patient_id'])
      .where('entity', '=', 'alert')
      .where('entity_id', '=', alert.id)
      .execute();
    expect(audit).toEqual([{ action: 'create', actor_type: 'cli', patient_id: patientId }]);
    expect(await checkPatientState(operator(ctx), patientId, { repair: false })).toMatchObject({
      mismatch: false,
      missing: [],
    });
  });

  it('a basis changed by hand is reported stale, and a repair stores the current one', async () => {
    const ctx = await aClinicContext(test.handle);
    const { patientId } = await aPatientWithAlerts(ctx);
    await sql`UPDATE patient_safety_state SET basis = ${'{"rules":0}'} WHERE patient_id = ${patientId}`.execute(
      test.handle.db,
    );
    const check = await checkPatientState(operator(ctx), patientId, { repair: false });
    expect(check).toMatchObject({ basis: 'stale', missing: [], mismatch: true, outstanding: true });
    const repaired = await checkPatientState(operator(ctx), patientId, { repair: true });
    expect(repaired).toMatchObject({ repaired: { alertsRaised: 0, basisStored: true }, outstanding: false });
    expect(await storedBasis(patientId)).toBe(safetyBasis(resolveSafetySettings({})));
    // With the row gone the patient has no basis at all: the same mismatch.
    await sql`DELETE FROM patient_safety_state WHERE patient_id = ${patientId}`.execute(test.handle.db);
    expect(await checkPatientState(operator(ctx), patientId, { repair: false })).toMatchObject({
      basis: 'none',
      mismatch: true,
    });
  });

  it('a missing alert under a stale basis is put down to the basis; one after a settings change, to the settings', async () => {
    const ctx = await aClinicContext(test.handle);
    const { patientId } = await aPatientWithAlerts(ctx);
    await deleteAlert(patientId, 'bp-pre-dose');
    await sql`UPDATE patient_safety_state SET basis = ${'{"rules":0}'} WHERE patient_id = ${patientId}`.execute(
      test.handle.db,
    );
    expect((await checkPatientState(operator(ctx), patientId, { repair: false })).missing).toEqual([
      expect.objectContaining({ rule: 'bp-pre-dose', cause: 'rules' }),
    ]);
    await checkPatientState(operator(ctx), patientId, { repair: true });
    await deleteAlert(patientId, 'bp-pre-dose');
    await updateSafetySettings(operator(ctx), { safety: { maxDosesIn30Days: 10 } });
    expect((await checkPatientState(operator(ctx), patientId, { repair: false })).missing).toEqual([
      expect.objectContaining({ rule: 'bp-pre-dose', cause: 'settings' }),
    ]);
  });

  it('alerts a whole-history evaluation no longer finds are kept and explained; one nothing explains is a mismatch', async () => {
    const ctx = await aClinicContext(test.handle);
    // A dose with no questionnaire in the 8 days after it raised a missed follow-up; a questionnaire from
    // day 1, entered later (at the same clock time), means there was none to miss.
    const late = await aPatient(ctx);
    const course = await aCourse(ctx, late.id);
    await aDose(ctx, late.id, course.id);
    expect(await alertsOf(late.id)).toEqual([expect.stringMatching(/^missed-follow-up dose:/)]);
    await aPhq9(ctx, late.id, course.id, '2026-01-06T09:00:00Z');
    expect((await checkPatientState(operator(ctx), late.id, { repair: false })).unexpected).toEqual([
      expect.objectContaining({ rule: 'missed-follow-up', cause: 'later-writes' }),
    ]);

    const edited = await aPatientWithAlerts(ctx);
    // The dose's reading corrected a day later: its bp-pre-dose episode is gone from the history.
    await doseService.update(operator(ctx), edited.doseId, { systolicBefore: 120 });
    const later = await checkPatientState(operator(ctx), edited.patientId, { repair: true });
    expect(later).toMatchObject({ mismatch: false, outstanding: false, repaired: null });
    expect(later.unexpected).toEqual([
      expect.objectContaining({ rule: 'bp-pre-dose', episodeKey: `dose:${edited.doseId}`, cause: 'later-writes' }),
    ]);

    const settings = await aPatientWithAlerts(ctx);
    await updateSafetySettings(operator(ctx), { safety: { bpPreDoseSystolic: 160, bpPostDoseSystolic: 190 } });
    expect((await checkPatientState(operator(ctx), settings.patientId, { repair: false })).unexpected).toEqual([
      expect.objectContaining({ rule: 'bp-pre-dose', cause: 'settings' }),
    ]);

    const other = await aClinicContext(test.handle);
    const byHand = await aPatientWithAlerts(other);
    await raiseAlert(other, {
      patientId: byHand.patientId,
      rule: 'craving',
      severity: 'warning',
      episodeKey: 'high:assessment:none',
      raisedAt: '2026-01-07T09:00:00Z',
      evidence: {},
    });
    const check = await checkPatientState(operator(other), byHand.patientId, { repair: true });
    expect(check).toMatchObject({ mismatch: true, outstanding: true, missing: [] });
    expect(check.unexpected).toEqual([
      expect.objectContaining({ rule: 'craving', episodeKey: 'high:assessment:none', cause: 'unexplained' }),
    ]);
    expect(await alertsOf(byHand.patientId)).toContain('craving high:assessment:none');
  });

  it('a follow-up that came due after the last write is left to the next write, not reported missing', async () => {
    const ctx = await aClinicContext(test.handle);
    const patient = await aPatient(ctx);
    const course = await aCourse(ctx, patient.id);
    await aDose(ctx, patient.id, course.id, { givenAt: '2026-02-28T10:00:00Z' });
    const month = operator(ctx, new Date(FIXED_NOW.getTime() + 30 * DAY_MS));
    expect(await checkPatientState(month, patient.id, { repair: true })).toMatchObject({
      mismatch: false,
      missing: [],
      repaired: null,
    });
    expect((await alertsOf(patient.id)).some((a) => a.startsWith('missed-follow-up'))).toBe(false);
  });

  describe('a clinic', () => {
    it('counts every patient, or a sample of them; names the mismatching ones; a repair leaves none', async () => {
      const ctx = await aClinicContext(test.handle);
      const patients: string[] = [];
      for (let i = 0; i < 5; i++) patients.push((await aPatientWithAlerts(ctx)).patientId);
      const bare = await aPatient(ctx);
      await deleteAlert(patients[1]!, 'suicidality');
      await deleteAlert(patients[3]!, 'bp-pre-dose');

      const all = await checkClinicState(operator(ctx), { repair: false });
      expect(all).toMatchObject({
        clinicId: ctx.clinicId,
        patients: 6,
        checked: 6,
        consistent: 4,
        missingAlerts: 2,
        alertsRaised: 0,
        basisNotCurrent: 0,
        unexpectedAlerts: 0,
        failed: [],
      });
      expect(all.mismatched.sort()).toEqual([patients[1], patients[3]].sort());
      expect(all.outstanding.sort()).toEqual(all.mismatched);
      expect(all.details.map((d) => d.patientId).sort()).toEqual(all.mismatched);
      expect(all.mismatched).not.toContain(bare.id);

      const sampled = await checkClinicState(operator(ctx), { sample: 3, repair: false });
      expect(sampled).toMatchObject({ patients: 6, checked: 3 });
      expect(await checkClinicState(operator(ctx), { sample: 50, repair: false })).toMatchObject({ checked: 6 });

      const repaired = await checkClinicState(operator(ctx), { repair: true });
      expect(repaired).toMatchObject({ alertsRaised: 2, outstanding: [] });
      expect(await checkClinicState(operator(ctx), { repair: false })).toMatchObject({ consistent: 6, mismatched: [] });
    });
  });
});
