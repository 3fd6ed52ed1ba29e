import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { headerOf, startSmtpSink, textOf, type SinkOptions, type SmtpSink } from '../../test/schedules/smtp-sink.js';
import { formatMessage, formatUntil, questionnaireMail, redactLinks } from './message.js';
import { addressOf, smtpConfigFromEnv, type SmtpConfig } from './smtp-config.js';
import { dotStuff, sendSmtp, SmtpError } from './smtp.js';

const TOKEN = `lnk_${'ab'.repeat(16)}_${'x'.repeat(43)}`;

let sink: SmtpSink | null = null;
afterEach(async () => {
  await sink?.close();
  sink = null;
});

async function aSink(options: SinkOptions = {}): Promise<SmtpSink> {
  sink = await startSmtpSink(options);
  return sink;
}

function configFor(s: SmtpSink, overrides: Partial<SmtpConfig> = {}): SmtpConfig {
  return { host: '127.0.0.1', port: s.port, implicitTls: false, user: null, password: null, from: 'Care team <no-reply@clinic.example>', heloName: 'test.localhost', timeoutMs: 5000, ...overrides };
}

const aMessage = (text: string): string =>
  formatMessage({ messageId: '<m1@clinic.example>', from: 'Care team <no-reply@clinic.example>', to: 'pat@example.org', subject: 'Hi', text, date: new Date('2026-03-02T14:00:00Z') });

describe('message text', () => {
  it('says only that there is a questionnaire, the link and until when: no instrument, no score, no clinic name', () => {
    const until = formatUntil('2026-03-06T14:00:00Z', 'America/New_York');
    // 14:00Z on 6 March is 09:00 EST in New York.
    expect(until).toBe('Friday, March 6, 2026 at 9:00 AM EST');
    const { subject, body } = questionnaireMail('invite', `https://onset.example/p/#${TOKEN}`, until);
    expect(subject).toBe('A short questionnaire from your care team');
    expect(body).toContain('Your care team has a short questionnaire for you.');
    expect(body).toContain(`Open this link:\nhttps://onset.example/p/#${TOKEN}\n`);
    expect(body).toContain('It works until Friday, March 6, 2026 at 9:00 AM EST.');
    expect(body).not.toMatch(/gad|phq|pcl|bocs|anxiety|ketamine|score|dose/i);
    expect(questionnaireMail('reminder', 'u', until).subject).toBe('Reminder: a short questionnaire from your care team');
  });

  it('removes link tokens from a body kept after sending', () => {
    expect(redactLinks(`open https://x/p/#${TOKEN} now`)).toBe('open https://x/p/#[link removed] now');
  });

  it('formats an RFC 5322 message with a stable Message-ID and a base64 UTF-8 body', () => {
    const text = aMessage('héllo\n.dot line');
    expect(text).toContain('Message-ID: <m1@clinic.example>\r\n');
    expect(text).toContain('Date: Mon, 02 Mar 2026 14:00:00 +0000\r\n');
    expect(text).toContain('Content-Transfer-Encoding: base64\r\n');
    const body = text.split('\r\n\r\n')[1]!.replace(/\r\n/g, '');
    expect(Buffer.from(body, 'base64').toString('utf8')).toBe('héllo\r\n.dot line');
    expect(() => formatMessage({ messageId: '<a@b>', from: 'a@b.c', to: 'x@y.z\r\nBcc: evil@e.x', subject: 's', text: '', date: new Date(0) })).toThrow('the To header must be one line');
  });

  it('dot-stuffs lines that start with a dot and ends with the lone dot', () => {
    expect(dotStuff('.a\nb\n..c')).toBe('..a\r\nb\r\n...c\r\n.\r\n');
  });
});

describe('configuration from the environment', () => {
  it('reads user, password, host and port from ONSET_SMTP_URL, and the sender from ONSET_MAIL_FROM', () => {
    const config = smtpConfigFromEnv({ ONSET_SMTP_URL: 'smtp://care%40clinic:p%3Ass@mail.clinic.example:2525', ONSET_MAIL_FROM: 'Care <no-reply@clinic.example>' });
    expect(config).toMatchObject({ host: 'mail.clinic.example', port: 2525, implicitTls: false, user: 'care@clinic', password: 'p:ss' });
    expect(smtpConfigFromEnv({ ONSET_SMTP_URL: 'smtps://mail.example', ONSET_MAIL_FROM: 'a@b.c' })).toMatchObject({ port: 465, implicitTls: true, user: null });
    expect(smtpConfigFromEnv({})).toBeNull();
  });

  it('names the variable that is wrong', () => {
    expect(() => smtpConfigFromEnv({ ONSET_SMTP_URL: 'http://x', ONSET_MAIL_FROM: 'a@b.c' })).toThrow('ONSET_SMTP_URL: scheme http: is not allowed');
    expect(() => smtpConfigFromEnv({ ONSET_SMTP_URL: 'smtp://x' })).toThrow('ONSET_MAIL_FROM: must be an e-mail address');
    expect(addressOf('Care team <no-reply@clinic.example>')).toBe('no-reply@clinic.example');
    expect(addressOf('not an address')).toBeNull();
  });
});

describe('SMTP client against a local sink', () => {
  it('delivers one message: envelope, dot-stuffed text, AUTH PLAIN on loopback, QUIT', async () => {
    const s = await aSink();
    await sendSmtp(configFor(s, { user: 'care', password: 'secret' }), { to: 'Pat <pat@example.org>' }, aMessage('line one\n.starts with a dot'));
    expect(s.messages).toHaveLength(1);
    const [message] = s.messages;
    expect(message).toMatchObject({ from: 'no-reply@clinic.example', to: ['pat@example.org'], auth: 'care:secret', tls: false });
    expect(textOf(message!)).toBe('line one\r\n.starts with a dot');
    expect(headerOf(message!, 'Message-ID')).toBe('<m1@clinic.example>');
    expect(s.commands.map((c) => c.split(' ')[0])).toEqual(['EHLO', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'QUIT']);
  });

  it('a 5xx refusal is permanent; a 4xx one is worth retrying', async () => {
    const s = await aSink({ rcptReply: (a) => (a.startsWith('gone') ? '550 no such user' : '451 try later') });
    const permanent = await sendSmtp(configFor(s), { to: 'gone@example.org' }, aMessage('x')).catch((e: unknown) => e);
    expect(permanent).toBeInstanceOf(SmtpError);
    expect(permanent).toMatchObject({ code: 550, permanent: true, message: 'RCPT TO: the server answered 550 no such user' });
    const transient = await sendSmtp(configFor(s), { to: 'busy@example.org' }, aMessage('x')).catch((e: unknown) => e);
    expect(transient).toMatchObject({ code: 451, permanent: false });
    expect(s.messages).toHaveLength(0);
  });

  it('a refused connection is a transient failure', async () => {
    const s = await aSink();
    const port = s.port;
    await s.close();
    sink = null;
    const error = await sendSmtp({ ...configFor(s), port }, { to: 'pat@example.org' }, aMessage('x')).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SmtpError', permanent: false });
    expect((error as Error).message).toMatch(/^connection failed/);
  });

  const openssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!openssl)('upgrades with STARTTLS when the server offers it, then authenticates inside TLS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onset-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
      const key = readFileSync(join(dir, 'key.pem'), 'utf8');
      const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const s = await aSink({ tls: { key, cert } });
      await sendSmtp(configFor(s, { user: 'care', password: 'secret', tls: { ca: cert } }), { to: 'pat@example.org' }, aMessage('secret text'));
      expect(s.messages).toMatchObject([{ tls: true, auth: 'care:secret' }]);
      expect(s.commands.map((c) => c.split(' ')[0])).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'AUTH', 'MAIL', 'RCPT', 'DATA', 'QUIT']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
