/**
 * What both mail senders (questionnaire invitations, urgent alert notices) share: the transport, the options, retry
 * backoff.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DeliveryOutcome, LeasedOutbox, LeasedRow, SendRun } from './leased-outbox.repository.js';
import type { OutgoingMail } from './message.js';
import { addressOf } from './smtp-config.js';
import { SmtpError } from './smtp.js';
import { MINUTE_MS } from '../shared/time.js';

export interface MailTransport {
  /** Resolves once the mail server has accepted the message; throws SmtpError otherwise. */
  send(mail: OutgoingMail): Promise<void>;
}

export interface MailWorkerOptions {
  transport: MailTransport;
  /** The header sender, e.g. `Care team <no-reply@clinic.example>`. */
  from: string;
  /** Where patients open links, e.g. https://onset.clinic.example (ONSET_PUBLIC_URL). */
  publicUrl: string;
  /** Names this worker in claimed_by (default host:pid:random). */
  workerId?: string;
  /** How long a claim holds (default 5 minutes: far longer than one SMTP exchange). */
  leaseMs?: number;
  /** Attempts before a message is given up as failed (default 8, about 4 hours of backoff). */
  maxAttempts?: number;
  /** Messages sent per run at most (default 100). */
  batch?: number;
}

/** Minutes before retry k (1, 2, 4, … at most 60): a server that is down for a while is not hammered. */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * MINUTE_MS;
}

/**
 * One send run's settings from the worker options (this process's worker id, lease 5 minutes and 100 messages unless
 * set).
 */
export function sendRun(options: MailWorkerOptions, now: Date, label: string): SendRun {
  return {
    workerId: options.workerId ?? defaultWorkerId(),
    now,
    leaseMs: options.leaseMs ?? 5 * MINUTE_MS,
    batch: options.batch ?? 100,
    label,
  };
}

/** This process's name in claimed_by: host, pid and a random part. */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** The Message-ID of an outbox row's message: one per row, so a copy re-sent after a crash can be dropped. */
export function messageIdOf(localPart: string, from: string): string {
  const domain = addressOf(from)?.split('@')[1] ?? 'onset.invalid';
  return `<${localPart}@${domain}>`;
}

/** Server replies may quote the recipient; errors are logged, and addresses stay out of logs. */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>@"]+@[^\s<>@"]+/g, '[address]');
}

/** What one outbox adds to the shared delivery rules. */
export interface Delivery<Row extends LeasedRow> {
  outbox: LeasedOutbox<Row>;
  /** Whether the message is still wanted (its questionnaire still open; its alert still open). */
  stillWanted(row: Row): Promise<boolean>;
  /** The message as it is sent. */
  mail(row: Row): OutgoingMail;
  /** The body kept once the message is closed (sent, failed or cancelled); the body as queued when absent. */
  closedBody?(row: Row): string;
}

/**
 * Delivers one claimed message, by the rules both outboxes share: a message no longer wanted is
 * cancelled; a temporary refusal is retried after backoffMs; a permanent refusal, or the maxAttempts-th
 * attempt, gives up as failed; an accepted message is marked sent at once.
 */
export async function deliverClaimed<Row extends LeasedRow>(
  db: Kysely<Database>,
  row: Row,
  run: { now: Date; workerId: string; options: MailWorkerOptions },
  delivery: Delivery<Row>,
): Promise<{ outcome: DeliveryOutcome; error?: string }> {
  const { now, workerId, options } = run;
  const stamp = now.toISOString();
  const closed = delivery.closedBody === undefined ? {} : { body: delivery.closedBody(row) };
  if (!(await delivery.stillWanted(row))) {
    await delivery.outbox.finish(db, row, workerId, { state: 'cancelled', now: stamp, ...closed });
    return { outcome: 'cancelled' };
  }
  try {
    await options.transport.send(delivery.mail(row));
  } catch (error) {
    const message = withoutAddresses(error instanceof Error ? error.message : String(error));
    const attempts = row.attempts + 1;
    if ((error instanceof SmtpError && error.permanent) || attempts >= (options.maxAttempts ?? 8)) {
      await delivery.outbox.finish(db, row, workerId, { state: 'failed', now: stamp, ...closed, error: message });
      return { outcome: 'failed', error: message };
    }
    const notBefore = new Date(now.getTime() + backoffMs(attempts)).toISOString();
    await delivery.outbox.finish(db, row, workerId, { state: 'pending', now: stamp, notBefore, error: message });
    return { outcome: 'retried', error: message };
  }
  await delivery.outbox.finish(db, row, workerId, { state: 'sent', now: stamp, ...closed, error: null });
  return { outcome: 'sent' };
}
