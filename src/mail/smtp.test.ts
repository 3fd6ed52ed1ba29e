import { describe, expect, it } from 'vitest';
import { formatMessage, formatUntil, questionnaireMail, redactLinks } from './message.js';
import { addressOf, smtpConfigFromEnv } from './smtp-config.js';
import { transportOptions } from './smtp.js';

const TOKEN = `lnk_${'ab'.repeat(16)}_${'x'.repeat(43)}`;

const aMessage = (text: string): string =>
  formatMessage({
    messageId: '<m1@clinic.example>',
    from: 'Care team <no-reply@clinic.example>',
    to: 'pat@example.org',
    subject: 'Hi',
    text,
    date: new Date('2026-03-02T14:00:00Z'),
  });

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
    expect(questionnaireMail('reminder', 'u', until).subject).toBe(
      'Reminder: a short questionnaire from your care team',
    );
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
    expect(() =>
      formatMessage({
        messageId: '<a@b>',
        from: 'a@b.c',
        to: 'x@y.z\r\nBcc: evil@e.x',
        subject: 's',
        text: '',
        date: new Date(0),
      }),
    ).toThrow('the To header must be one line');
  });
});

describe('configuration from the environment', () => {
  it('requires TLS unless plaintext is allowed, and allows it only towards this machine', () => {
    const base = { ONSET_SMTP_URL: 'smtp://mail.clinic.example', ONSET_MAIL_FROM: 'a@b.c' };
    expect(smtpConfigFromEnv(base)).toMatchObject({ allowPlaintext: false });
    expect(transportOptions(smtpConfigFromEnv(base)!)).toMatchObject({
      requireTLS: true,
      secure: false,
      tls: { rejectUnauthorized: true },
    });
    expect(() => smtpConfigFromEnv({ ...base, ONSET_SMTP_ALLOW_PLAINTEXT: '1' })).toThrow(
      'ONSET_SMTP_ALLOW_PLAINTEXT: is only allowed for a relay on this machine (localhost), not mail.clinic.example',
    );
    expect(() => smtpConfigFromEnv({ ...base, ONSET_SMTP_ALLOW_PLAINTEXT: 'yes' })).toThrow(
      'ONSET_SMTP_ALLOW_PLAINTEXT: must be 1 (allow) or 0',
    );
    const relay = smtpConfigFromEnv({
      ...base,
      ONSET_SMTP_URL: 'smtp://127.0.0.1:25',
      ONSET_SMTP_ALLOW_PLAINTEXT: '1',
    })!;
    expect(relay.allowPlaintext).toBe(true);
    expect(transportOptions(relay)).toMatchObject({ requireTLS: false, ignoreTLS: false });
  });

  it('reads user, password, host and port from ONSET_SMTP_URL, and the sender from ONSET_MAIL_FROM', () => {
    const config = smtpConfigFromEnv({
      ONSET_SMTP_URL: 'smtp://care%40clinic:p%3Ass@mail.clinic.example:2525',
      ONSET_MAIL_FROM: 'Care <no-reply@clinic.example>',
    });
    expect(config).toMatchObject({
      host: 'mail.clinic.example',
      port: 2525,
      implicitTls: false,
      user: 'care@clinic',
      password: 'p:ss',
    });
    expect(smtpConfigFromEnv({ ONSET_SMTP_URL: 'smtps://mail.example', ONSET_MAIL_FROM: 'a@b.c' })).toMatchObject({
      port: 465,
      implicitTls: true,
      user: null,
    });
    expect(smtpConfigFromEnv({})).toBeNull();
  });

  it('names the variable that is wrong', () => {
    expect(() => smtpConfigFromEnv({ ONSET_SMTP_URL: 'http://x', ONSET_MAIL_FROM: 'a@b.c' })).toThrow(
      'ONSET_SMTP_URL: scheme http: is not allowed',
    );
    expect(() => smtpConfigFromEnv({ ONSET_SMTP_URL: 'smtp://x' })).toThrow(
      'ONSET_MAIL_FROM: must be an e-mail address',
    );
    expect(() =>
      smtpConfigFromEnv({ ONSET_SMTP_URL: 'smtp://x', ONSET_MAIL_FROM: 'a@b.c', ONSET_SMTP_CA: '/nonexistent/ca.pem' }),
    ).toThrow('ONSET_SMTP_CA: cannot read /nonexistent/ca.pem');
    expect(addressOf('Care team <no-reply@clinic.example>')).toBe('no-reply@clinic.example');
    expect(addressOf('not an address')).toBeNull();
  });
});
