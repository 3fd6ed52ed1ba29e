import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { listAlerts } from '../../src/alerts/alert.service.js';
import { submitQuestionnaire } from '../../src/assessments/submit-questionnaire.js';
import { runMailWorkerOnce, smtpTransport } from '../../src/mail/worker.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aPatient, FIXED_NOW } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';
import { startSmtpSink, textOf, type SmtpSink } from '../schedules/smtp-sink.js';

const FROM = 'Onset <alerts@clinic.example>';

// The wiring itself: raiseAlert queues through the environment, runMailWorkerOnce sends. The only test that
// sets ONSET_SMTP_URL in the environment, because the hook reads it there; restored after each test.
describeEachEngine('urgent alert mail, wired into raiseAlert and the mail worker', (engine) => {
  let db: TestDatabase;
  let sink: SmtpSink;
  beforeAll(async () => {
    db = await freshDatabase(engine);
  });
  afterAll(async () => {
    await db.drop();
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await sink.close();
  });

  it('a positive PHQ-9 item 9 through the real services reaches the clinician through the worker', async () => {
    sink = await startSmtpSink();
    vi.stubEnv('ONSET_SMTP_URL', `smtp://127.0.0.1:${sink.port}`);
    vi.stubEnv('ONSET_PUBLIC_URL', 'https://onset.test');
    const ctx = await aClinicContext(db.handle);
    const email = `hook-${ctx.clinicId.slice(0, 8)}@clinic.example`;
    await createUser(ctx, { email, role: 'clinician', password: 'correct horse battery staple' });
    const { id: patientId } = await aPatient(ctx);
    await submitQuestionnaire(ctx, {
      patientId,
      instrument: 'phq9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 1],
      completedAt: '2026-03-01T11:00:00Z',
    });
    expect((await listAlerts(ctx)).map((a) => a.rule)).toEqual(['suicidality']);

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
    expect(
      await runMailWorkerOnce(db.handle, FIXED_NOW, {
        transport,
        from: FROM,
        publicUrl: 'https://onset.test',
        workerId: 'hook-test',
      }),
    ).toMatchObject({ sent: 1, errors: [] });
    expect(sink.messages.map((m) => m.to)).toEqual([[email]]);
    expect(textOf(sink.messages[0]!)).toContain('Sign in to review it: https://onset.test/');
  });
});
