import type { DatabaseHandle } from '../db/database.js';
import { dueRepository } from '../schedules/due.repository.js';
import { invalid } from '../shared/errors.js';
import { startLoop, type Loop } from '../schedules/loop.js';
import { sendPendingAlertMail } from './alert-mail-sender.js';
import { enqueueDueMail } from './enqueue.js';
import { sendReady, type DeliveryOutcome, type SendRunResult } from './leased-outbox.repository.js';
import { formatMessage, redactLinks, type OutgoingMail } from './message.js';
import { outboxRepository, type OutboxRow } from './outbox.repository.js';
import { addressOf, smtpConfigFromEnv, type SmtpConfig } from './smtp-config.js';
import { sendSmtp, SmtpError } from './smtp.js';
import { backoffMs, defaultWorkerId, sendRun, type MailTransport, type MailWorkerOptions } from './send-run.js';

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

function messageIdOf(row: OutboxRow, from: string): string {
  const domain = addressOf(from)?.split('@')[1] ?? 'onset.invalid';
  return `<${row.id}.${row.kind}@${domain}>`;
}

/** Whether the item the message is for still wants an answer: open, and not expired. */
async function stillWanted(handle: DatabaseHandle, row: OutboxRow, now: number): Promise<boolean> {
  const item = await dueRepository.findById(handle.db, row.clinic_id, row.due_assessment_id);
  return (
    item !== undefined && item.completed_at === null && (item.expires_at === null || Date.parse(item.expires_at) > now)
  );
}

/** Server replies may quote the recipient; errors are logged, and patient addresses stay out of logs. */
function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>@"]+@[^\s<>@"]+/g, '[address]');
}

async function deliver(
  handle: DatabaseHandle,
  row: OutboxRow,
  now: Date,
  options: MailWorkerOptions,
  workerId: string,
): Promise<{ outcome: DeliveryOutcome; error?: string }> {
  const stamp = now.toISOString();
  if (!(await stillWanted(handle, row, now.getTime()))) {
    await outboxRepository.finish(handle.db, row, workerId, {
      state: 'cancelled',
      now: stamp,
      body: redactLinks(row.body),
    });
    return { outcome: 'cancelled' };
  }
  const mail: OutgoingMail = {
    messageId: messageIdOf(row, options.from),
    from: options.from,
    to: row.to_address,
    subject: row.subject,
    text: row.body,
    date: now,
  };
  try {
    await options.transport.send(mail);
  } catch (error) {
    const message = withoutAddresses(error instanceof Error ? error.message : String(error));
    const attempts = row.attempts + 1;
    const permanent = error instanceof SmtpError && error.permanent;
    if (permanent || attempts >= (options.maxAttempts ?? 8)) {
      await outboxRepository.finish(handle.db, row, workerId, {
        state: 'failed',
        now: stamp,
        body: redactLinks(row.body),
        error: message,
      });
      return { outcome: 'failed', error: message };
    }
    const notBefore = new Date(now.getTime() + backoffMs(attempts)).toISOString();
    await outboxRepository.finish(handle.db, row, workerId, {
      state: 'pending',
      now: stamp,
      notBefore,
      error: message,
    });
    return { outcome: 'retried', error: message };
  }
  await outboxRepository.finish(handle.db, row, workerId, {
    state: 'sent',
    now: stamp,
    body: redactLinks(row.body),
    error: null,
  });
  return { outcome: 'sent' };
}

/** Claims and sends ready messages one at a time until none is left or the batch is done. */
export async function sendPendingMail(
  handle: DatabaseHandle,
  now: Date,
  options: MailWorkerOptions,
): Promise<SendRunResult> {
  const run = sendRun(options, now, 'message');
  return sendReady(handle.db, outboxRepository, run, (row) => deliver(handle, row, now, options, run.workerId));
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
