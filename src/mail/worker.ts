import type { DatabaseHandle } from '../db/database.js';
import { dueRepository } from '../schedules/due.repository.js';
import { invalid } from '../shared/errors.js';
import { startLoop, type Loop } from '../schedules/loop.js';
import { sendPendingAlertMail } from './alert-mail-sender.js';
import { enqueueDueMail } from './enqueue.js';
import { sendReady, type SendRunResult } from './leased-outbox.repository.js';
import { formatMessage, redactLinks } from './message.js';
import { outboxRepository, type OutboxRow } from './outbox.repository.js';
import { smtpConfigFromEnv, type SmtpConfig } from './smtp-config.js';
import { sendSmtp } from './smtp.js';
import {
  defaultWorkerId,
  deliverClaimed,
  messageIdOf,
  sendRun,
  type Delivery,
  type MailTransport,
  type MailWorkerOptions,
} from './send-run.js';

export { backoffMs, type MailTransport, type MailWorkerOptions } from './send-run.js';

/**
 * The mail worker: queues invitations as due items fall due (enqueue.ts), then sends the outbox.
 *
 * Delivery is at least once, never silently lost: a message is claimed with a lease (state 'sending',
 * claimed_by, claimed_until) by one conditional UPDATE, so two workers never hold the same row; it is
 * marked 'sent' right after the server accepts it. If the process dies between the server's 250 and that
 * mark, the lease runs out and another run sends the message again — the one duplicate SMTP cannot rule
 * out. The window is one database write long, and the copy carries the same Message-ID (one per outbox
 * row), so mail systems that de-duplicate by Message-ID drop it.
 */

/** Delivery over SMTP with the given configuration. */
export function smtpTransport(config: SmtpConfig): MailTransport {
  return { send: (mail) => sendSmtp(config, { to: mail.to }, formatMessage(mail)) };
}

/** One pass: invitations queued, and what became of the messages sent (both outboxes). */
export interface MailRunResult extends SendRunResult {
  queued: number;
}

/** Whether the item the message is for still wants an answer: open, and not expired. */
async function stillWanted(handle: DatabaseHandle, row: OutboxRow, now: number): Promise<boolean> {
  const item = await dueRepository.findById(handle.db, row.clinic_id, row.due_assessment_id);
  return (
    item !== undefined && item.completed_at === null && (item.expires_at === null || Date.parse(item.expires_at) > now)
  );
}

/** Claims and sends ready messages one at a time until none is left or the batch is done. */
export async function sendPendingMail(
  handle: DatabaseHandle,
  now: Date,
  options: MailWorkerOptions,
): Promise<SendRunResult> {
  const run = sendRun(options, now, 'message');
  const delivery: Delivery<OutboxRow> = {
    outbox: outboxRepository,
    stillWanted: (row) => stillWanted(handle, row, now.getTime()),
    mail: (row) => ({
      messageId: messageIdOf(`${row.id}.${row.kind}`, options.from),
      from: options.from,
      to: row.to_address,
      subject: row.subject,
      text: row.body,
      date: now,
    }),
    // Once the message is closed, the stored copy keeps no working link.
    closedBody: (row) => redactLinks(row.body),
  };
  return sendReady(handle.db, outboxRepository, run, (row) =>
    deliverClaimed(handle.db, row, { now, workerId: run.workerId, options }, delivery),
  );
}

/** One pass of the worker at `now`: queue what fell due, then send what is ready (urgent alert mail first). */
export async function runMailWorkerOnce(
  handle: DatabaseHandle,
  now: Date,
  options: MailWorkerOptions = mailOptionsFromEnv(),
): Promise<MailRunResult> {
  const queued = await enqueueDueMail(handle, now, options.publicUrl);
  // Alert mail goes first: a clinician's urgent notice must not wait behind a batch of questionnaire invitations.
  const alerts = await sendPendingAlertMail(handle, now, options);
  const sent = await sendPendingMail(handle, now, options);
  return {
    queued: queued.queued,
    sent: alerts.sent + sent.sent,
    retried: alerts.retried + sent.retried,
    failed: alerts.failed + sent.failed,
    cancelled: alerts.cancelled + sent.cancelled,
    errors: [
      ...queued.failed.map((f) => `due item ${f.dueAssessmentId}: ${f.message}`),
      ...alerts.errors,
      ...sent.errors,
    ],
  };
}

/**
 * Worker options from the environment: ONSET_SMTP_URL, ONSET_MAIL_FROM and ONSET_PUBLIC_URL. Throws a
 * field error naming the missing variable (start the worker only when ONSET_SMTP_URL is set).
 */
export function mailOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): MailWorkerOptions {
  const config = smtpConfigFromEnv(env);
  if (config === null) throw invalid('ONSET_SMTP_URL', 'is not set: e-mail delivery is off');
  const publicUrl = env.ONSET_PUBLIC_URL ?? '';
  if (!/^https?:\/\/[^/]+/.test(publicUrl))
    throw invalid(
      'ONSET_PUBLIC_URL',
      'must be the address patients open the links at, e.g. https://onset.clinic.example',
    );
  return { transport: smtpTransport(config), from: config.from, publicUrl, workerId: defaultWorkerId() };
}

/** Runs the worker every `intervalMs` (default 30 s) until stopped; errors go to `onError`. */
export function startMailWorker(
  handle: DatabaseHandle,
  options: MailWorkerOptions,
  onError: (error: unknown) => void,
  intervalMs = 30_000,
): Loop {
  return startLoop(
    async () => {
      const result = await runMailWorkerOnce(handle, new Date(), options);
      for (const error of result.errors) onError(new Error(error));
    },
    intervalMs,
    onError,
  );
}
