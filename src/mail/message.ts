import type { OutboxKind } from '../db/schema.js';

/**
 * The e-mails Onset sends to patients, and their wire format. The text carries no clinical detail: no
 * clinic name (a clinic's name can reveal the treatment), no instrument, no score — only that the care
 * team has a questionnaire, the link, and until when it works.
 */

export interface OutgoingMail {
  /** Stable per outbox row, so that a receiver can drop a copy re-sent after a crash. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
}

const SUBJECTS: Record<OutboxKind, string> = {
  invite: 'A short questionnaire from your care team',
  reminder: 'Reminder: a short questionnaire from your care team',
};

/** "Friday, March 6, 2026 at 9:00 AM EST" in the clinic's time zone. */
export function formatUntil(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** Subject and text of an invitation or reminder: the link and its end, nothing clinical. */
export function questionnaireMail(kind: OutboxKind, url: string, until: string): { subject: string; body: string } {
  const opening =
    kind === 'invite'
      ? 'Your care team has a short questionnaire for you.'
      : 'A reminder: your care team has a short questionnaire for you.';
  const body = [
    'Hello,',
    '',
    opening,
    'Open this link:',
    url,
    '',
    `It works until ${until}.`,
    '',
    'This message was sent automatically; please do not reply to it. If you did not expect it, please contact your care team.',
    '',
  ].join('\n');
  return { subject: SUBJECTS[kind], body };
}

/** A patient link token: never kept in the outbox once the message has gone. */
const TOKEN = /lnk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}/g;

/** The body with every link token removed (kept for the record after sending or dropping). */
export function redactLinks(body: string): string {
  return body.replace(TOKEN, '[link removed]');
}

function headerValue(value: string, name: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`the ${name} header must be one line`);
  // Non-ASCII text travels as an RFC 2047 encoded word.
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** The RFC 5322 message: headers, then the text as UTF-8 in base64 lines of 76 characters. */
export function formatMessage(mail: OutgoingMail): string {
  const body = Buffer.from(mail.text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64');
  const lines = body.match(/.{1,76}/g) ?? [];
  return [
    `From: ${headerValue(mail.from, 'From')}`,
    `To: ${headerValue(mail.to, 'To')}`,
    `Subject: ${headerValue(mail.subject, 'Subject')}`,
    `Date: ${mail.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${headerValue(mail.messageId, 'Message-ID')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    'Auto-Submitted: auto-generated',
    '',
    ...lines,
    '',
  ].join('\r\n');
}
