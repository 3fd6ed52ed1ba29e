// One esketamine session in a real browser against the real app: from the dose on the patient page to the
// submitted REMS Patient Monitoring Form; discharge refused before 120 minutes (on the page and by the
// server); an overdue form on the REMS board, reached from the work queue; axe on every page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts } from '../../src/alerts/alert.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { remsSessionService } from '../../src/rems/rems-session.service.js';
import { DAY_MS, MINUTE_MS } from '../../src/shared/time.js';
import { createUser } from '../../src/users/user.service.js';
import { toLocalInput } from '../../web/src/app/format.js';
import { aClinicContext, aCourse, anEsketamineDoseBody, aPatient, aRemsSessionBody } from '../support/builders.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import {
  axeViolations,
  openBrowserSession,
  pageCspViolations,
  type BrowserSession,
  type RunningApp,
} from './browser.js';

const EMAIL = 'nurse.rems@example.org';
const PASSWORD = 'correct horse battery staple';

describe('REMS esketamine session in a browser', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let early: string; // given 95 minutes ago
  let ready: string; // given 130 minutes ago
  let readyAt: number;
  let ctx: ServiceContext;
  let patientId: string;

  beforeAll(async () => {
    db = await freshSqlite();
    // The real clock: the doses are placed in the past so that the 120 minutes have or have not passed.
    ctx = { ...(await aClinicContext(db.handle, 'REMS clinic')), now: () => new Date() };
    await createUser(ctx, { email: EMAIL, role: 'clinician', password: PASSWORD, displayName: 'Nurse Rems' });
    const patient = await aPatient(ctx, { label: 'P-REMS-1', name: 'Alice Example', sex: 'female' });
    patientId = patient.id;
    const course = await aCourse(ctx, patient.id, { startedAt: new Date(Date.now() - 20 * DAY_MS).toISOString() });
    const dose = async (msAgo: number): Promise<{ id: string; givenAt: string }> =>
      doseService.create(
        ctx,
        anEsketamineDoseBody(patient.id, course.id, { givenAt: new Date(Date.now() - msAgo).toISOString() }),
      );
    const old = await dose(10 * DAY_MS);
    await remsSessionService.create(ctx, aRemsSessionBody(old.id, old.givenAt));
    const second = await dose(130 * MINUTE_MS);
    ready = second.id;
    readyAt = Date.parse(second.givenAt);
    early = (await dose(95 * MINUTE_MS)).id;
    session = await openBrowserSession(db.handle, { signInAs: { email: EMAIL, password: PASSWORD } });
    ({ running, page } = session);
  });

  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('reaches the REMS board from the work queue, where the 10-day-old form is overdue', async () => {
    const link = page.getByTestId('rems-queue-link');
    await expect.poll(() => link.textContent()).toContain('1 overdue (counted among the warnings)');
    // The overdue form counts as one more warning beside the warnings the safety rules raised.
    const alerts = await listAlerts(ctx, { patientId, status: 'open', limit: 100, offset: 0 });
    const warnings = alerts.filter((a) => a.severity === 'warning').length + 1;
    expect(await page.getByRole('row', { name: /P-REMS-1/ }).textContent()).toContain(`■ ${warnings} warning`);
    await link.getByRole('link', { name: 'REMS Patient Monitoring Forms' }).click();
    await page.getByRole('heading', { level: 1, name: 'REMS Patient Monitoring Forms' }).waitFor();
    const overdue = page.getByRole('heading', { name: 'Overdue: past the 7-day window (1)' });
    await overdue.waitFor();
    const section = page.locator('section', { has: overdue });
    expect(await section.getByRole('row', { name: /P-REMS-1/ }).textContent()).toMatch(/Overdue by 3 days/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('opens the session from the dose on the patient page; discharge is refused before 120 minutes', async () => {
    await page.goto(`${running.url}/`);
    await page.getByRole('link', { name: 'P-REMS-1' }).click();
    await page.getByRole('heading', { level: 1, name: 'P-REMS-1' }).waitFor();
    // Newest dose first: the one given 95 minutes ago.
    await page
      .getByRole('link', { name: /^Monitoring and form/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Esketamine session of P-REMS-1' }).waitFor();
    expect(page.url()).toContain(`/rems/doses/${early}`);
    await page.getByRole('button', { name: 'Start the monitoring record' }).click();
    await page.getByRole('heading', { name: 'Monitoring record' }).waitFor();
    expect(await page.getByTestId('rems-minutes').textContent()).toMatch(/^9[5-7] minutes since the dose/);
    // No pre-dose reading yet: overdue, in words.
    expect(await page.getByTestId('rems-next-vital').textContent()).toMatch(
      /Overdue.*Overdue: Blood pressure before the dose was due at \d\d:\d\d, 9[5-7] minutes ago\./,
    );
    const discharge = page.getByRole('button', { name: 'Record discharge now' });
    expect(await discharge.isDisabled()).toBe(true);
    expect(await page.locator('#discharge-reason').textContent()).toMatch(
      /^Discharge can be recorded from \d\d:\d\d: the SPRAVATO REMS requires at least 120 minutes of monitoring after the dose \(2[3-5] minutes to go\)\.$/,
    );
    expect(await axeViolations(page)).toEqual([]);

    // The server refuses it too, whatever the page allows.
    const answer = await page.evaluate(async (doseId) => {
      const { csrfToken } = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const list = (await (await fetch('/api/v1/rems-sessions?limit=1000')).json()) as {
        items: { id: string; doseId: string }[];
      };
      const id = list.items.find((s) => s.doseId === doseId)?.id ?? '';
      const response = await fetch(`/api/v1/rems-sessions/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ dischargedAt: new Date().toISOString() }),
      });
      return { status: response.status, body: await response.text() };
    }, early);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(
      /dischargedAt: must be at least 120 minutes after the dose \(given \d\d:\d\d\); it is 9[5-7] minutes/,
    );
  });

  it('walks a session from the dose to the submitted form', async () => {
    await page.goto(`${running.url}/rems/doses/${ready}`);
    await page.getByRole('button', { name: 'Start the monitoring record' }).click();
    await page.getByRole('heading', { name: 'Monitoring record' }).waitFor();
    // Saving with nothing filled leaves the form's missing fields named, each a link to its box.
    const missing = page.locator('.rems-missing');
    await expect.poll(() => missing.textContent()).toContain('lotNumber: is required for the Patient Monitoring Form');

    const at = (minutes: number): string => toLocalInput(new Date(readyAt + minutes * MINUTE_MS));
    const boxes: [string, string][] = [
      ['beforeSystolic', '128'],
      ['beforeDiastolic', '82'],
      ['beforeAt', at(-10)],
      ['fortyMinuteSystolic', '138'],
      ['fortyMinuteDiastolic', '86'],
      ['fortyMinuteAt', at(40)],
      ['dischargeSystolic', '124'],
      ['dischargeDiastolic', '80'],
      ['dischargeAt', at(118)],
      ['pulseOximetry', '97'],
      ['pulseOximetryAt', at(30)],
      ['dissociationNote', 'mild, resolved by 70 minutes'],
      ['devicesUsed', '2'],
      ['lotNumber', 'LOT-WEB-42'],
      ['readyToLeaveAt', at(90)],
      ['patientBirthDate', '1985-04-12'],
      ['providerName', 'Nurse Rems'],
      ['providerPhone', '555-0142'],
      ['providerEmail', 'nurse.rems@example.org'],
      ['settingName', 'REMS clinic'],
      ['settingAddress', '12 Wharf Street, Portland, ME 04101'],
    ];
    for (const [field, value] of boxes) await page.locator(`#rems-${field}`).fill(value);
    const answers: [string, 'yes' | 'no'][] = [
      ['vitalsAcceptableBefore', 'yes'],
      ['vitalsAcceptableAtCompletion', 'yes'],
      ['sedation', 'no'],
      ['dissociation', 'yes'],
      ['respiratoryDepression', 'no'],
      ['seriousAdverseEvent', 'no'],
      ['benzodiazepines', 'no'],
      ['nonBenzodiazepineSedativeHypnotics', 'no'],
      ['psychostimulants', 'yes'],
      ['maois', 'no'],
    ];
    for (const [field, value] of answers) await page.locator(`#rems-${field}`).selectOption(value);
    await page.getByRole('button', { name: 'Save the monitoring record' }).click();
    await expect.poll(() => page.locator('.rems-missing').count()).toBe(1);
    await expect
      .poll(() => missing.textContent())
      .toBe('Still to fill in (1)dischargedAt: is required for the Patient Monitoring Form');
    expect(await page.getByTestId('rems-next-vital').count()).toBe(0);

    const discharge = page.getByRole('button', { name: 'Record discharge now' });
    expect(await discharge.isDisabled()).toBe(false);
    await discharge.click();
    await page.getByText(/^Discharged at \d\d:\d\d, after 13\d minutes of monitoring\.$/).waitFor();
    await expect.poll(() => page.locator('.rems-missing').count()).toBe(0);
    const values = page.getByRole('table', { name: "The form's fields as Onset fills them" });
    expect(await values.getByRole('row', { name: /Lot number/ }).textContent()).toContain('LOT-WEB-42');
    expect(await values.getByRole('row', { name: /^Dose administered/ }).textContent()).toContain('56 mg');
    expect(await page.getByRole('link', { name: 'Download the PDF (DRAFT)' }).getAttribute('href')).toMatch(/^blob:/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Submit the form' }).click();
    await expect
      .poll(() => page.getByTestId('rems-form-status').textContent())
      .toMatch(/^Submitted .* by Nurse Rems\./);
    expect(await page.getByRole('button', { name: 'Submit the form' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Download the PDF' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'REMS forms' }).click();
    const submitted = page.getByRole('heading', { name: 'Submitted in the last 30 days (1)' });
    await submitted.waitFor();
    expect(
      await page
        .locator('section', { has: submitted })
        .getByRole('row', { name: /P-REMS-1/ })
        .count(),
    ).toBe(1);
    expect(await pageCspViolations(page)).toEqual([]);
  });

  it('lists the billing lines on the patient summary, saying Onset does not submit claims', async () => {
    await page.goto(`${running.url}/patients/${patientId}/summary`);
    const billing = page.locator('section', { has: page.getByRole('heading', { name: 'Billing lines' }) });
    await billing.getByRole('table').waitFor();
    expect(await billing.textContent()).toContain(
      'Onset prepares these lines from the record; it does not submit claims.',
    );
    // Three esketamine doses of 56 mg: three G2082 lines, each with its source and date.
    const rows = billing.getByRole('row', { name: /HCPCS G2082/ });
    expect(await rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('(2020-01-01)');
    expect(await axeViolations(page)).toEqual([]);
  });
});
