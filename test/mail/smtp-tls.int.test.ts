// Mail carries bearer links, so it goes out encrypted or not at all. A real SMTP server (smtp-server)
// on 127.0.0.1 with a certificate made for this run: offering STARTTLS, the invitation is delivered in
// a TLS session; withholding it, nothing is sent, and the outbox keeps the message for a retry with
// an error that names the reason and holds neither the text nor the link.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { runMailWorkerOnce, smtpTransport, type MailWorkerOptions } from '../../src/mail/worker.js';
import { describeEachEngine } from '../support/databases.js';
import { aScheduledCourse, freshScheduleDb, PCL5_ONLY, type ScheduleTestDb } from '../schedules/support.js';

const FROM = 'Care team <no-reply@clinic.example>';
const NOON = '2026-01-05T12:00:00.000Z';

interface Server {
  port: number;
  /** What reached the server: each MAIL FROM and message, with whether the session was encrypted. */
  mailFrom: { secure: boolean }[];
  messages: { secure: boolean; text: string }[];
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, made by openssl for this run only (removed afterwards). */
function makeCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'onset-smtp-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startServer(tls: { key: string; cert: string }, options: Partial<SMTPServerOptions>): Promise<Server> {
  const mailFrom: Server['mailFrom'] = [];
  const messages: Server['messages'] = [];
  const server = new SMTPServer({
    ...tls,
    secure: false,
    authOptional: true,
    logger: false,
    onMailFrom(_address, session, callback) {
      mailFrom.push({ secure: session.secure });
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({ secure: session.secure, text: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
    ...options,
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, mailFrom, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function workerOptions(server: Server, ca: string): MailWorkerOptions {
  // The production default: STARTTLS required, the certificate verified against the given CA.
  const transport = smtpTransport({
    host: '127.0.0.1',
    port: server.port,
    implicitTls: false,
    allowPlaintext: false,
    user: null,
    password: null,
    from: FROM,
    heloName: 'test',
    timeoutMs: 5000,
    tls: { ca },
  });
  return { transport, from: FROM, publicUrl: 'https://onset.test', workerId: 'tls-test' };
}

async function invitationOf(
  handle: DatabaseHandle,
  clinicId: string,
): Promise<{ state: string; attempts: number; body: string; last_error: string | null } | undefined> {
  return handle.db
    .selectFrom('mail_outbox')
    .select(['state', 'attempts', 'body', 'last_error'])
    .where('clinic_id', '=', clinicId)
    .where('kind', '=', 'invite')
    .executeTakeFirst();
}

describeEachEngine('e-mail goes out over TLS only', (engine) => {
  let test: ScheduleTestDb;
  let tls: { key: string; cert: string };
  let server: Server | null = null;
  beforeAll(async () => {
    tls = makeCertificate();
    test = await freshScheduleDb(engine);
  });
  afterAll(async () => {
    await test.drop();
  });
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('delivers through STARTTLS when the server offers it: the whole session is encrypted', async () => {
    server = await startServer(tls, {});
    const s = await aScheduledCourse(test.handle, NOON, PCL5_ONLY, { email: 'tls@example.org' });
    expect(await runMailWorkerOnce(test.handle, new Date(NOON), workerOptions(server, tls.cert))).toMatchObject({
      sent: 1,
      failed: 0,
      errors: [],
    });
    expect(server.mailFrom).toEqual([{ secure: true }]);
    expect(server.messages.map((m) => m.secure)).toEqual([true]);
    expect(await invitationOf(test.handle, s.ctx.clinicId)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('sends nothing to a server that withholds STARTTLS, and keeps the message for a retry, its link out of the error', async () => {
    server = await startServer(tls, { hideSTARTTLS: true, disabledCommands: ['STARTTLS'] });
    const s = await aScheduledCourse(test.handle, NOON, PCL5_ONLY, { email: 'plain@example.org' });
    const run = await runMailWorkerOnce(test.handle, new Date(NOON), workerOptions(server, tls.cert));
    expect(run).toMatchObject({ sent: 0, retried: 1, failed: 0 });
    expect(server.mailFrom).toEqual([]);
    expect(server.messages).toEqual([]);
    const row = await invitationOf(test.handle, s.ctx.clinicId);
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(row?.last_error).toContain('offers no STARTTLS');
    // The queued text keeps its link for the retry; what is logged and stored as the error does not.
    expect(row?.body).toContain('lnk_');
    for (const logged of [row?.last_error ?? '', ...run.errors]) {
      expect(logged).not.toMatch(/lnk_|https:\/\/|questionnaire|plain@example/);
    }
  });
});
