import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { listAlerts, raiseAlert, transitionAlert } from '../../src/alerts/alert.service.js';
import { submitQuestionnaire } from '../../src/assessments/submit-questionnaire.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { enqueueAlertMail, type AlertMailSettings } from '../../src/mail/alert-mail.js';
import { sendPendingAlertMail } from '../../src/mail/alert-mail-sender.js';
import { runMailWorkerOnce, smtpTransport, type MailWorkerOptions } from '../../src/mail/worker.js';
import type { ServiceContext } from '../../src/records/context.js';
import { inTransaction } from '../../src/db/transaction.js';
import { afterClinicalWrite } from '../../src/records/write-hooks.js';
import { createUser, updateUser } from '../../src/users/user.service.js';
import { aClinicContext, aPatient, FIXED_NOW } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';
import { headerOf, startSmtpSink, textOf, type SmtpSink } from '../schedules/smtp-sink.js';
import { MINUTE_MS } from '../../src/shared/time.js';

const PUBLIC_URL = 'https://onset.test';
const FROM = 'Onset <alerts@clinic.example>';
const SETTINGS: AlertMailSettings = { publicUrl: PUBLIC_URL };
const EXPECTED_TEXT = 'An urgent safety alert needs your attention in Onset. Sign in to review it: https://onset.test/';
const plusMinutes = (minutes: number): Date => new Date(FIXED_NOW.getTime() + minutes * MINUTE_MS);

function workerOptions(sink: SmtpSink): MailWorkerOptions {
  const transport = smtpTransport({
    host: '127.0.0.1',
    port: sink.port,
    implicitTls: false,
    allowPlaintext: true,
    user: null,
    password: null,
    from: FROM,
    heloName: 'test',
    timeoutMs: 5000,
  });
  return { transport, from: FROM, publicUrl: PUBLIC_URL, workerId: 'alert-test-worker' };
}

/**
 * One worker pass. runMailWorkerOnce sends alert mail once sendPendingAlertMail is wired into it; the
 * explicit call after it then finds nothing left, so the test holds before and after that change.
 */
async function deliver(handle: DatabaseHandle, sink: SmtpSink, now: Date): Promise<void> {
  await runMailWorkerOnce(handle, now, workerOptions(sink));
  await sendPendingAlertMail(handle, now, workerOptions(sink));
}

let unique = 0;
/** A staff user of the clinic with a unique address; `disabled` users are switched off after creation. */
async function aUser(
  ctx: ServiceContext,
  role: 'admin' | 'clinician' | 'researcher',
  disabled = false,
): Promise<string> {
  unique += 1;
  const email = `${role}${disabled ? '-off' : ''}-${unique}-${ctx.clinicId.slice(0, 8)}@clinic.example`;
  const user = await createUser(ctx, { email, role, password: 'correct horse battery staple' });
  if (disabled) await updateUser(ctx, user.id, { disabled: true });
  return email;
}

/** PHQ-9 answers in item order, item 9 (thoughts of death or self-harm) at `item9`, the rest at 0. */
const phq9With = (item9: number): number[] => [0, 0, 0, 0, 0, 0, 0, 0, item9];

/**
 * A clinical write and the alert hook in one transaction: what raiseAlert does once raiseAlert adds
 * `enqueueAlertMail(tx, alert)` after its insert. Idempotent (the outbox key), so it holds after that too.
 */
async function withAlertMail(ctx: ServiceContext, write: (tx: ServiceContext) => Promise<unknown>): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const before = new Set((await listAlerts(tx)).map((a) => a.id));
    await write(tx);
    let queued = 0;
    for (const alert of await listAlerts(tx))
      if (!before.has(alert.id)) queued += await enqueueAlertMail(tx, alert, SETTINGS);
    return queued;
  });
}

async function outboxRows(
  handle: DatabaseHandle,
  clinicId: string,
): Promise<{ to_address: string; state: string; attempts: number }[]> {
  return handle.db
    .selectFrom('alert_mail_outbox')
    .select(['to_address', 'state', 'attempts'])
    .where('clinic_id', '=', clinicId)
    .orderBy('to_address')
    .execute();
}

describeEachEngine('urgent alerts e-mailed to the clinic', (engine) => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let ctx: ServiceContext;
  let staff: { clinician: string; admin: string; researcher: string; disabled: string };
  let patientId: string;

  beforeAll(async () => {
    db = await freshDatabase(engine);
  });
  afterAll(async () => {
    await db.drop();
  });
  beforeEach(async () => {
    sink = await startSmtpSink();
    ctx = await aClinicContext(db.handle);
    staff = {
      clinician: await aUser(ctx, 'clinician'),
      admin: await aUser(ctx, 'admin'),
      researcher: await aUser(ctx, 'researcher'),
      disabled: await aUser(ctx, 'clinician', true),
    };
    patientId = (await aPatient(ctx, { name: 'Jane Roe' })).id;
  });
  afterEach(async () => {
    await sink.close();
  });

  const submitPhq9 = (tx: ServiceContext, item9: number): Promise<unknown> =>
    submitQuestionnaire(tx, {
      patientId,
      instrument: 'phq9',
      answers: phq9With(item9),
      completedAt: '2026-03-01T11:00:00Z',
    });

  it('a PHQ-9 with item 9 above 0: one alert, one e-mail to each active clinician and admin, nothing clinical in it', async () => {
    // Active clinician + admin = 2; the researcher and the disabled clinician get none.
    expect(await withAlertMail(ctx, (tx) => submitPhq9(tx, 1))).toBe(2);
    const alerts = await listAlerts(ctx);
    expect(alerts.map((a) => [a.rule, a.severity])).toEqual([['suicidality', 'urgent']]);

    await deliver(db.handle, sink, FIXED_NOW);
    const mine = sink.messages.filter((m) => Object.values(staff).some((s) => m.to.includes(s)));
    expect(mine.map((m) => m.to[0]).sort()).toEqual([staff.admin, staff.clinician].sort());
    for (const message of mine) {
      expect(message.from).toBe('alerts@clinic.example');
      const text = textOf(message);
      expect(text.split(/\r?\n/)[0]).toBe(EXPECTED_TEXT);
      // No patient name or label, no instrument, item, rule or score.
      expect(`${headerOf(message, 'Subject') ?? ''}\n${text}`).not.toMatch(
        /jane|roe|P-\d|phq|item|suicid|self-harm|score|9/i,
      );
      expect(headerOf(message, 'Message-ID')).toMatch(/^<[0-9a-f-]{36}\.alert@clinic\.example>$/);
    }
    expect((await outboxRows(db.handle, ctx.clinicId)).map((r) => r.state)).toEqual(['sent', 'sent']);

    // The next pass sends nothing again.
    const count = sink.messages.length;
    await deliver(db.handle, sink, plusMinutes(1));
    expect(sink.messages).toHaveLength(count);
  });

  it('a second raise of the same episode queues and sends nothing', async () => {
    await withAlertMail(ctx, (tx) => submitPhq9(tx, 2));
    await deliver(db.handle, sink, FIXED_NOW);
    const count = sink.messages.length;
    expect(count).toBe(2);

    // The rules run again over the same history: the episode exists, no alert is created.
    expect(await withAlertMail(ctx, (tx) => afterClinicalWrite(tx, patientId))).toBe(0);
    // Even queueing the same alert again adds nothing: the outbox key (clinic, alert, address) holds.
    const [alert] = await listAlerts(ctx);
    expect(await inTransaction(ctx, (tx) => enqueueAlertMail(tx, alert!, SETTINGS))).toBe(0);
    await deliver(db.handle, sink, plusMinutes(1));
    expect(sink.messages).toHaveLength(count);
    expect(await outboxRows(db.handle, ctx.clinicId)).toHaveLength(2);
  });

  it('a warning alert sends nothing, and neither does an urgent one with e-mail off', async () => {
    const warning = {
      patientId,
      rule: 'short-observation',
      severity: 'warning',
      episodeKey: 'dose:test',
      raisedAt: '2026-03-01T11:00:00Z',
      evidence: {},
    };
    expect(await withAlertMail(ctx, (tx) => raiseAlert(tx, warning))).toBe(0);
    const urgent = await raiseAlert(ctx, {
      ...warning,
      rule: 'suicidality',
      severity: 'urgent',
      episodeKey: 'assessment:test',
    });
    // Settings null: no ONSET_SMTP_URL.
    expect(await inTransaction(ctx, (tx) => enqueueAlertMail(tx, urgent.alert, null))).toBe(0);
    await deliver(db.handle, sink, FIXED_NOW);
    expect(sink.messages.filter((m) => Object.values(staff).some((s) => m.to.includes(s)))).toEqual([]);
    expect(await outboxRows(db.handle, ctx.clinicId)).toEqual([]);
  });

  it('rolls back with the write that raised the alert', async () => {
    const failing = withAlertMail(ctx, async (tx) => {
      await submitPhq9(tx, 1);
      throw new Error('the write fails after the alert');
    });
    await expect(failing).rejects.toThrow('the write fails after the alert');
    expect(await listAlerts(ctx)).toEqual([]);
    expect(await outboxRows(db.handle, ctx.clinicId)).toEqual([]);
  });

  it('retries a temporary refusal after the backoff, and drops mail for an alert already acknowledged', async () => {
    await sink.close();
    let refusals = 1;
    sink = await startSmtpSink({ rcptReply: () => (refusals-- > 0 ? '451 try later' : '250 OK') });
    await withAlertMail(ctx, (tx) => submitPhq9(tx, 1));
    // Two messages: the first is refused once (retried), the second goes.
    const first = await sendPendingAlertMail(db.handle, FIXED_NOW, workerOptions(sink));
    expect(first).toMatchObject({ sent: 1, retried: 1, failed: 0 });
    expect(first.errors.join()).not.toMatch(/@/);
    // First retry after 1 minute (backoffMs(1)): not at 30 s.
    expect(
      await sendPendingAlertMail(db.handle, new Date(FIXED_NOW.getTime() + 30_000), workerOptions(sink)),
    ).toMatchObject({ sent: 0 });
    expect(await sendPendingAlertMail(db.handle, plusMinutes(1), workerOptions(sink))).toMatchObject({ sent: 1 });
    expect((await outboxRows(db.handle, ctx.clinicId)).map((r) => r.attempts).sort()).toEqual([1, 2]);

    // A new episode acknowledged before the worker runs: its e-mails are cancelled, not sent.
    await withAlertMail(ctx, (tx) =>
      submitQuestionnaire(tx, {
        patientId,
        instrument: 'phq9',
        answers: phq9With(1),
        completedAt: '2026-03-01T11:30:00Z',
      }),
    );
    const [newest] = await listAlerts(ctx); // newest first: the 11:30 episode
    await transitionAlert(ctx, newest!.id, 'acknowledged', { comment: 'called the patient' });
    expect(await sendPendingAlertMail(db.handle, plusMinutes(2), workerOptions(sink))).toMatchObject({
      sent: 0,
      cancelled: 2,
    });
  });
});
