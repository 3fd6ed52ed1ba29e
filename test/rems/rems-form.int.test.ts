import { PDFDocument } from 'pdf-lib';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listEntries } from '../../src/audit/audit.repository.js';
import { verifyAudit } from '../../src/audit/audit-verify.js';
import { dashboard } from '../../src/dashboard/dashboard.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { remsBoard } from '../../src/rems/rems-board.service.js';
import { remsForm, submitRemsForm } from '../../src/rems/rems-form.service.js';
import { remsSessionService } from '../../src/rems/rems-session.service.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aCourse, anEsketamineDoseBody, aPatient, aRemsSessionBody } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

// The context's clock is 2026-03-01T12:00Z, 07:00 on 1 March in the clinic's New York.
describeEachEngine('REMS Patient Monitoring Form and board', (engine) => {
  let test: TestDatabase;
  let a: ServiceContext;
  let b: ServiceContext;
  let patientId: string;
  let courseId: string;

  beforeAll(async () => {
    test = await freshDatabase(engine);
    const clinic = await aClinicContext(test.handle, 'Clinic A');
    const user = await createUser(clinic, {
      email: `nurse.${engine}@example.org`,
      role: 'clinician',
      password: 'a long enough password',
      displayName: 'Dana Reyes',
    });
    a = { ...clinic, actor: { type: 'user', id: user.id, ip: null } };
    b = await aClinicContext(test.handle, 'Clinic B');
    patientId = (await aPatient(a, { name: 'Alice Example', sex: 'female' })).id;
    courseId = (await aCourse(a, patientId)).id;
  });
  afterAll(async () => {
    await test.drop();
  });

  async function aSession(givenAt: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const dose = await doseService.create(a, anEsketamineDoseBody(patientId, courseId, { givenAt }));
    return (await remsSessionService.create(a, { ...aRemsSessionBody(dose.id, dose.givenAt), ...overrides })).id;
  }

  it('previews a DRAFT, submits once with who and when, stores the PDF and its SHA-256, and audits it', async () => {
    const id = await aSession('2026-03-01T09:00:00.000Z');
    const draft = await remsForm(a, id);
    expect(draft).toMatchObject({ status: 'draft', missing: [], submittedAt: null });
    expect(draft.fields.find((f) => f.name === 'treatment.lotNumber')?.value).toBe('LOT-7731A');

    const submitted = await submitRemsForm(a, id);
    expect(submitted).toMatchObject({
      status: 'submitted',
      submittedAt: '2026-03-01T12:00:00.000Z',
      submittedBy: 'Dana Reyes',
    });
    const bytes = Buffer.from(submitted.pdf, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(submitted.sha256);
    const pdfForm = (await PDFDocument.load(bytes)).getForm();
    expect(pdfForm.getTextField('form.status').getText()).toBe('SUBMITTED 2026-03-01T12:00:00.000Z by Dana Reyes');
    expect(pdfForm.getTextField('patient.lastName').getText()).toBe('Example');
    expect(pdfForm.getTextField('treatment.totalMinutes').getText()).toBe('125');
    // Read again later, the stored PDF comes back byte for byte.
    expect((await remsForm(a, id)).pdf).toBe(submitted.pdf);

    await expect(submitRemsForm(a, id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message:
        'the Patient Monitoring Form of this session was already submitted at 2026-03-01T12:00:00.000Z by Dana Reyes; a form is submitted once',
    });
    await expect(remsSessionService.update(a, id, { notes: 'late note' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const entries = await listEntries(a.db, a.clinicId, { patientId });
    expect(entries.filter((e) => e.action === 'submit' && e.entity_id === id)).toHaveLength(1);
    expect((await verifyAudit(a.db, a.clinicId)).ok).toBe(true);
  });

  it('refuses to submit a form with missing fields, naming each, and records nothing', async () => {
    const id = await aSession('2026-02-27T15:00:00.000Z', { lotNumber: null, maois: null, fortyMinuteAt: null });
    await expect(submitRemsForm(a, id)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [
        { field: 'maois', reason: 'is required for the Patient Monitoring Form' },
        { field: 'lotNumber', reason: 'is required for the Patient Monitoring Form' },
        { field: 'fortyMinuteAt', reason: 'is required for the Patient Monitoring Form' },
      ],
    });
    expect((await remsSessionService.get(a, id)).formSubmittedAt).toBeNull();
    expect((await remsForm(a, id)).missing.map((p) => p.field)).toEqual(['maois', 'lotNumber', 'fortyMinuteAt']);
  });

  it('sorts forms on the board by status, and counts overdue forms as warnings in the work queue', async () => {
    const overdue = await aSession('2026-02-21T15:00:00.000Z'); // due 28 Feb: overdue since midnight
    const dueSoon = await aSession('2026-02-23T15:00:00.000Z'); // due 2 March
    const due = await aSession('2026-02-28T15:00:00.000Z'); // due 7 March
    const board = await remsBoard(a);
    expect(board.overdue.map((i) => [i.sessionId, i.dueDate, i.daysLeft])).toEqual([[overdue, '2026-02-28', -1]]);
    expect(board.dueSoon.map((i) => [i.sessionId, i.dueDate, i.daysLeft])).toEqual([[dueSoon, '2026-03-02', 1]]);
    expect(board.due.map((i) => i.sessionId)).toEqual(expect.arrayContaining([due]));
    expect(board.due.map((i) => i.sessionId)).not.toContain(overdue);
    expect(board.submitted.length).toBe(1);

    const queue = await dashboard(a);
    const row = queue.items.find((i) => i.patient.id === patientId);
    expect(row).toMatchObject({ remsFormsOverdue: 1 });
    expect(queue.counts.remsFormsOverdue).toBe(1);
    const alertsOnly = row?.openAlerts.warning ?? 0;
    await submitRemsForm(a, overdue);
    const after = (await dashboard(a)).items.find((i) => i.patient.id === patientId);
    expect(after).toMatchObject({ remsFormsOverdue: 0 });
    expect(after?.openAlerts.warning).toBe(alertsOnly - 1);
    expect((await remsBoard(a)).overdue).toEqual([]);
  });

  it("clinic B sees neither clinic A's forms nor its board", async () => {
    const id = await aSession('2026-02-28T17:00:00.000Z');
    await expect(remsForm(b, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(submitRemsForm(b, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await remsBoard(b)).toEqual({ overdue: [], dueSoon: [], due: [], submitted: [] });
    expect((await dashboard(b)).counts.remsFormsOverdue).toBe(0);
  });
});
