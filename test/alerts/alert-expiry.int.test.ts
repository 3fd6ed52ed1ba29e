// Information alerts expire after the clinic's infoAlertExpiryDays (default 14), through the same close as a
// clinician's, and the header counts the patients who need action today (docs/safety.md).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expireInfoAlerts, expiryNote } from '../../src/alerts/alert-expiry.service.js';
import { getAlert, raiseAlert, transitionAlert } from '../../src/alerts/alert.service.js';
import { listEntries } from '../../src/audit/audit.repository.js';
import { verifyAudit } from '../../src/audit/audit-verify.js';
import { clinicStatus, dashboard } from '../../src/dashboard/dashboard.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { remsSessionService } from '../../src/rems/rems-session.service.js';
import { updateSafetySettings } from '../../src/safety/safety-settings.service.js';
import { aClinicContext, aCourse, anEsketamineDoseBody, aPatient, aRemsSessionBody } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

// The context's clock: 2026-03-01T12:00Z. Fourteen days before it: 2026-02-15T12:00Z.
describeEachEngine('information alerts expire; who needs action today', (engine) => {
  let test: TestDatabase;
  let a: ServiceContext;
  let b: ServiceContext;

  beforeAll(async () => {
    test = await freshDatabase(engine);
    a = await aClinicContext(test.handle, 'Clinic A');
    b = await aClinicContext(test.handle, 'Clinic B');
  });
  afterAll(async () => {
    await test.drop();
  });

  const raise = async (
    ctx: ServiceContext,
    patientId: string,
    severity: 'urgent' | 'warning' | 'info',
    raisedAt: string,
  ): Promise<string> =>
    (
      await raiseAlert(ctx, {
        patientId,
        rule: severity === 'info' ? 'missed-follow-up' : 'craving',
        severity,
        episodeKey: `${severity}-${raisedAt}`,
        raisedAt,
        evidence: {},
      })
    ).alert.id;

  it('closes information alerts raised more than 14 days ago, and nothing else, audited and counted', async () => {
    const patient = (await aPatient(a)).id;
    const old = await raise(a, patient, 'info', '2026-02-15T11:59:00.000Z');
    const acknowledged = await raise(a, patient, 'info', '2026-02-01T09:00:00.000Z');
    await transitionAlert(a, acknowledged, 'acknowledged', {});
    const recent = await raise(a, patient, 'info', '2026-02-15T12:01:00.000Z');
    const exactly = await raise(a, patient, 'info', '2026-02-15T12:00:00.000Z'); // 14 days: not more than 14
    const oldWarning = await raise(a, patient, 'warning', '2025-12-01T09:00:00.000Z');
    const oldUrgent = await raise(a, patient, 'urgent', '2025-12-01T09:00:00.000Z');
    const otherClinic = await raise(b, (await aPatient(b)).id, 'info', '2026-01-01T09:00:00.000Z');
    const before = (await dashboard(a)).items.find((i) => i.patient.id === patient)?.openAlerts;
    expect(before).toMatchObject({ urgent: 1, warning: 1, info: 3 });

    expect(await expireInfoAlerts(a)).toBe(2);
    for (const id of [old, acknowledged]) {
      expect(await getAlert(a, id)).toMatchObject({
        status: 'resolved',
        resolvedAt: '2026-03-01T12:00:00.000Z',
        resolvedBy: null,
        resolveComment: expiryNote(14),
      });
    }
    expect(expiryNote(14)).toBe(
      'Expired: an information alert closes by itself 14 days after it was raised (clinic setting infoAlertExpiryDays).',
    );
    for (const id of [recent, exactly, oldWarning, oldUrgent])
      expect((await getAlert(a, id)).status).not.toBe('resolved');
    expect((await getAlert(b, otherClinic)).status).toBe('open');
    expect((await dashboard(a)).items.find((i) => i.patient.id === patient)?.openAlerts).toMatchObject({
      urgent: 1,
      warning: 1,
      info: 2,
    });
    const closes = (await listEntries(a.db, a.clinicId, { patientId: patient })).filter(
      (e) => e.action === 'update' && e.entity === 'alert',
    );
    expect(closes.map((e) => e.entity_id)).toEqual(expect.arrayContaining([old, acknowledged]));
    expect((await verifyAudit(a.db, a.clinicId)).ok).toBe(true);
    // A second pass finds nothing left to close.
    expect(await expireInfoAlerts(a)).toBe(0);
  });

  it('keeps every information alert when the clinic sets 0, and follows a shorter expiry', async () => {
    const c = await aClinicContext(test.handle, 'Clinic C');
    const patient = (await aPatient(c)).id;
    const id = await raise(c, patient, 'info', '2026-02-25T12:00:00.000Z');
    await updateSafetySettings(c, { safety: { infoAlertExpiryDays: 0 } });
    expect(await expireInfoAlerts(c)).toBe(0);
    await updateSafetySettings(c, { safety: { infoAlertExpiryDays: 3 } });
    expect(await expireInfoAlerts(c)).toBe(1);
    expect((await getAlert(c, id)).resolveComment).toBe(expiryNote(3));
    await expect(updateSafetySettings(c, { safety: { infoAlertExpiryDays: 366 } })).rejects.toMatchObject({
      problems: [{ field: 'infoAlertExpiryDays', reason: 'must be at most 365' }],
    });
  });

  it('counts patients with an open urgent alert, an open warning or an overdue REMS form, nobody else', async () => {
    const d = await aClinicContext(test.handle, 'Clinic D');
    const urgent = (await aPatient(d)).id;
    await raise(d, urgent, 'urgent', '2026-02-28T09:00:00.000Z');
    const warning = (await aPatient(d)).id;
    await raise(d, warning, 'warning', '2026-02-28T09:00:00.000Z');
    const acknowledged = (await aPatient(d)).id;
    await transitionAlert(d, await raise(d, acknowledged, 'warning', '2026-02-27T09:00:00.000Z'), 'acknowledged', {});
    const info = (await aPatient(d)).id;
    await raise(d, info, 'info', '2026-02-28T09:00:00.000Z');
    const overdue = (await aPatient(d, { name: 'Alice Example' })).id;
    const course = (await aCourse(d, overdue)).id;
    const dose = await doseService.create(
      d,
      anEsketamineDoseBody(overdue, course, { givenAt: '2026-02-20T15:00:00.000Z' }),
    );
    await remsSessionService.create(d, aRemsSessionBody(dose.id, dose.givenAt)); // due 27 Feb, not submitted
    await aPatient(d); // nothing at all

    expect(await clinicStatus(d)).toEqual({ patients: 6, needsAction: 3, synthetic: false });
    expect((await dashboard(d)).counts.needsAction).toBe(3);
    expect(await clinicStatus(b)).toMatchObject({ needsAction: 0 });
  });
});
