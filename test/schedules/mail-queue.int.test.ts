import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { submitQuestionnaire } from '../../src/assessments/submit-questionnaire.js';
import { resolvePatientLink } from '../../src/auth/patient-link.service.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { enqueueDueMail } from '../../src/mail/enqueue.js';
import { outboxRepository } from '../../src/mail/outbox.repository.js';
import { runMailWorkerOnce, smtpTransport, type MailRunResult, type MailWorkerOptions } from '../../src/mail/worker.js';
import { allAt } from '../../src/instruments/fixtures.js';
import { getInstrument } from '../../src/instruments/registry.js';
import { closeDue } from '../../src/schedules/completions.js';
import { listDue } from '../../src/schedules/due-list.service.js';
import { describeEachEngine } from '../support/databases.js';
import { headerOf, startSmtpSink, textOf, type SmtpSink } from './smtp-sink.js';
import { aScheduledCourse, at, freshScheduleDb, on, PCL5_ONLY, type ScheduleTestDb, YBOCS_ONLY } from './support.js';
import { MINUTE_MS } from '../../src/shared/time.js';

const PUBLIC_URL = 'https://onset.test';
const FROM = 'Care team <no-reply@clinic.example>';
// The course starts 2026-01-05T09:00Z; its OCD baseline (Y-BOCS) falls due then, with no expiry until the first dose.
const NOON = '2026-01-05T12:00:00.000Z';

const plusMinutes = (iso: string, minutes: number): Date => new Date(Date.parse(iso) + minutes * MINUTE_MS);

function workerOptions(sink: SmtpSink, workerId = 'test-worker'): MailWorkerOptions {
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
  return { transport, from: FROM, publicUrl: PUBLIC_URL, workerId };
}

/** The link token in a received message's text. */
function tokenIn(text: string): string {
  const match = /https:\/\/onset\.test\/p\/#(lnk_[0-9a-f]{32}_[A-Za-z0-9_-]{43})/.exec(text);
  if (match?.[1] === undefined) throw new Error(`no link in: ${text}`);
  return match[1];
}

async function outboxOf(
  handle: DatabaseHandle,
  clinicId: string,
): Promise<{ kind: string; state: string; body: string; attempts: number }[]> {
  return handle.db
    .selectFrom('mail_outbox')
    .select(['kind', 'state', 'body', 'attempts'])
    .where('clinic_id', '=', clinicId)
    .orderBy('kind')
    .execute();
}

/** Runs one worker in its own process (as a second server would) and returns its result. */
function workerProcess(location: string, sink: SmtpSink, now: string, workerId: string): Promise<MailRunResult> {
  const script = fileURLToPath(new URL('./mail-worker-process.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, location, String(sink.port), now, workerId], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as MailRunResult);
      else reject(new Error(`worker ${workerId} exited ${code}: ${err}`));
    });
  });
}

describeEachEngine('e-mail delivery through the durable outbox', (engine) => {
  let test: ScheduleTestDb;
  let sink: SmtpSink;
  beforeAll(async () => {
    test = await freshScheduleDb(engine);
  });
  afterAll(async () => {
    await test.drop();
  });
  afterEach(async () => {
    await sink.close();
  });

  it('survives a restart: queued, handle closed, reopened, sent exactly once; the link works and closes the item', async () => {
    sink = await startSmtpSink();
    const first = test.reopen();
    const s = await aScheduledCourse(first, NOON, PCL5_ONLY, { email: 'pat@example.org' });
    expect(await enqueueDueMail(first, new Date(NOON), PUBLIC_URL)).toEqual({ queued: 1, failed: [] });
    await first.close();

    const second = test.reopen();
    expect(await runMailWorkerOnce(second, new Date(NOON), workerOptions(sink))).toMatchObject({
      queued: 0,
      sent: 1,
      failed: 0,
      errors: [],
    });
    expect(await runMailWorkerOnce(second, plusMinutes(NOON, 1), workerOptions(sink))).toMatchObject({
      queued: 0,
      sent: 0,
    });
    expect(sink.messages).toHaveLength(1);
    const [message] = sink.messages;
    expect(message).toMatchObject({ from: 'no-reply@clinic.example', to: ['pat@example.org'] });
    const text = textOf(message!);
    // No instrument (PCL-5), no score, no clinic name in the text.
    expect(text).not.toMatch(/pcl|ptsd|clinic [0-9]/i);
    // Baseline without expiry: the link lives the clinic's expiry days (4) from noon on 01-05 → 01-09 12:00Z = 07:00
    // EST.
    expect(text).toContain('It works until Friday, January 9, 2026 at 7:00 AM EST.');
    const token = tokenIn(text);

    // Once sent, the outbox keeps the message without its link; the reminder waits for its time.
    const rows = await outboxOf(second, s.ctx.clinicId);
    expect(rows.map((r) => [r.kind, r.state, r.body.includes('lnk_')])).toEqual([
      ['invite', 'sent', false],
      ['reminder', 'pending', true],
    ]);

    const resolved = await resolvePatientLink(second.db, token, new Date(NOON));
    expect(resolved).toMatchObject({
      state: 'valid',
      identity: { patientId: s.patientId, purpose: 'questionnaire', instrument: 'pcl5', courseId: s.courseId },
    });

    // The patient answers through the e-mailed link; the submission closes the item the link was sent for.
    const link = resolved.identity!;
    const patientCtx = {
      ...on(at(s.ctx, '2026-01-05T18:00:00Z'), second),
      actor: { type: 'patient-link' as const, id: link.linkId, ip: null },
    };
    const { assessment } = await submitQuestionnaire(patientCtx, {
      patientId: s.patientId,
      instrument: 'pcl5',
      answers: allAt(getInstrument('pcl5'), 1),
      completedAt: '2026-01-05T18:00:00Z',
      courseId: s.courseId,
      link,
    });
    await closeDue(patientCtx, assessment); // the assessment write hook, once wired
    const [baseline] = await listDue(on(s.ctx, second), { patientId: s.patientId });
    expect(baseline).toMatchObject({ key: 'baseline:pcl5', status: 'completed', assessmentId: assessment.id });

    // The reminder (due + 2 days = 01-07T09:00Z) is dropped: the item is answered.
    expect(await runMailWorkerOnce(second, new Date('2026-01-07T09:00:00Z'), workerOptions(sink))).toMatchObject({
      sent: 0,
      cancelled: 1,
    });
    expect(sink.messages).toHaveLength(1);
  });

  it('never e-mails a questionnaire whose item text is not loaded: the Y-BOCS item waits for a clinician', async () => {
    const s = await aScheduledCourse(test.handle, NOON, YBOCS_ONLY, { email: 'ocd@example.org' });
    expect(await enqueueDueMail(test.handle, new Date(NOON), PUBLIC_URL)).toEqual({ queued: 0, failed: [] });
    expect(await outboxOf(test.handle, s.ctx.clinicId)).toEqual([]);
    const [baseline] = await listDue(s.ctx, { patientId: s.patientId });
    expect(baseline).toMatchObject({ key: 'baseline:ybocs', status: 'due' });
  });

  it('sends the reminder at its time with the same link while the item is open', async () => {
    sink = await startSmtpSink();
    const s = await aScheduledCourse(test.handle, NOON, PCL5_ONLY, { email: 'rem@example.org' });
    await runMailWorkerOnce(test.handle, new Date(NOON), workerOptions(sink));
    // Reminder at due + 2 days: 01-07T09:00Z. A minute before, nothing; at the time, the reminder.
    expect(await runMailWorkerOnce(test.handle, new Date('2026-01-07T08:59:00Z'), workerOptions(sink))).toMatchObject({
      sent: 0,
    });
    expect(await runMailWorkerOnce(test.handle, new Date('2026-01-07T09:00:00Z'), workerOptions(sink))).toMatchObject({
      sent: 1,
    });
    const mine = sink.messages.filter((m) => m.to.includes('rem@example.org'));
    expect(mine.map((m) => headerOf(m, 'Subject'))).toEqual([
      'A short questionnaire from your care team',
      'Reminder: a short questionnaire from your care team',
    ]);
    expect(tokenIn(textOf(mine[1]!))).toBe(tokenIn(textOf(mine[0]!)));
    expect((await outboxOf(test.handle, s.ctx.clinicId)).map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('a worker that dies after the server accepted the message: resent once its lease runs out, with the same Message-ID', async () => {
    sink = await startSmtpSink();
    const s = await aScheduledCourse(test.handle, NOON, PCL5_ONLY, { email: 'crash@example.org' });
    await enqueueDueMail(test.handle, new Date(NOON), PUBLIC_URL);
    // The dead worker: claims the invitation (5-minute lease), hands it to the server, and never marks it sent.
    const row = await outboxRepository.nextReady(test.handle.db, NOON, []);
    expect(row?.clinic_id).toBe(s.ctx.clinicId);
    expect(
      await outboxRepository.claim(test.handle.db, row!, {
        workerId: 'dead',
        now: NOON,
        until: plusMinutes(NOON, 5).toISOString(),
      }),
    ).toBe(true);
    await workerOptions(sink).transport.send({
      messageId: `<${row!.id}.invite@clinic.example>`,
      from: FROM,
      to: row!.to_address,
      subject: row!.subject,
      text: row!.body,
      date: new Date(NOON),
    });

    // While the lease holds, no one else touches it.
    expect(await runMailWorkerOnce(test.handle, plusMinutes(NOON, 1), workerOptions(sink))).toMatchObject({ sent: 0 });
    // After it, the message goes again: the one duplicate SMTP cannot rule out, carrying the same Message-ID.
    expect(await runMailWorkerOnce(test.handle, plusMinutes(NOON, 6), workerOptions(sink))).toMatchObject({ sent: 1 });
    const copies = sink.messages.filter((m) => m.to.includes('crash@example.org'));
    expect(copies).toHaveLength(2);
    expect(headerOf(copies[1]!, 'Message-ID')).toBe(headerOf(copies[0]!, 'Message-ID'));
    expect((await outboxOf(test.handle, s.ctx.clinicId)).find((r) => r.kind === 'invite')).toMatchObject({
      state: 'sent',
      attempts: 2,
    });
  });

  it('retries a temporary refusal with backoff and gives up on a permanent one', async () => {
    let refusals = 1;
    sink = await startSmtpSink({
      rcptReply: (a) => (a.startsWith('gone') ? '550 no such user' : refusals-- > 0 ? '451 try later' : '250 OK'),
    });
    const busy = await aScheduledCourse(test.handle, NOON, PCL5_ONLY, { email: 'busy@example.org' });
    const gone = await aScheduledCourse(test.handle, NOON, PCL5_ONLY, { email: 'gone@example.org' });
    const run = await runMailWorkerOnce(test.handle, new Date(NOON), workerOptions(sink));
    expect(run).toMatchObject({ queued: 2, sent: 0, retried: 1, failed: 1 });
    expect((await outboxOf(test.handle, gone.ctx.clinicId)).find((r) => r.kind === 'invite')).toMatchObject({
      state: 'failed',
      body: expect.not.stringContaining('lnk_') as unknown,
    });
    // First retry after 1 minute: not at 30 s, then at 1 min.
    expect(
      await runMailWorkerOnce(test.handle, new Date(Date.parse(NOON) + 30_000), workerOptions(sink)),
    ).toMatchObject({ sent: 0 });
    expect(await runMailWorkerOnce(test.handle, plusMinutes(NOON, 1), workerOptions(sink))).toMatchObject({ sent: 1 });
    expect((await outboxOf(test.handle, busy.ctx.clinicId)).find((r) => r.kind === 'invite')).toMatchObject({
      state: 'sent',
      attempts: 2,
    });
  });

  it('no duplicate e-mails when two workers in two processes run at once', async () => {
    sink = await startSmtpSink();
    const patients = 10;
    const emails = Array.from({ length: patients }, (_, i) => `twice${i}@example.org`);
    for (const email of emails) await aScheduledCourse(test.handle, NOON, PCL5_ONLY, { email });
    const results = await Promise.all([
      workerProcess(test.location, sink, NOON, 'worker-a'),
      workerProcess(test.location, sink, NOON, 'worker-b'),
    ]);
    const mine = sink.messages.filter((m) => m.to.some((t) => emails.includes(t)));
    // One invitation per patient, whichever worker queued or sent it.
    expect(mine.map((m) => m.to[0]).sort()).toEqual([...emails].sort());
    expect(new Set(mine.map((m) => headerOf(m, 'Message-ID'))).size).toBe(patients);
    expect(results.reduce((n, r) => n + r.queued, 0)).toBe(patients);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(patients);
    // The losing worker's link was rolled back with its outbox row: one link per patient.
    const links = await test.handle.db
      .selectFrom('patient_links as l')
      .innerJoin('patients as p', (j) => j.onRef('p.clinic_id', '=', 'l.clinic_id').onRef('p.id', '=', 'l.patient_id'))
      .select('l.id')
      .where('p.email', 'in', emails)
      .execute();
    const invited = await test.handle.db
      .selectFrom('mail_outbox')
      .select('to_address')
      .where('to_address', 'in', emails)
      .where('kind', '=', 'invite')
      .execute();
    expect(invited).toHaveLength(patients);
    expect(links).toHaveLength(patients);
  }, 60_000);
});
