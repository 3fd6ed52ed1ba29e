import { alertRepository } from '../alerts/alert.repository.js';
import type { DatabaseHandle } from '../db/database.js';
import type { OutgoingMail } from './message.js';
import { alertMailRepository, type AlertMailRow } from './alert-mail.repository.js';
import { addressOf } from './smtp-config.js';
import { SmtpError } from './smtp.js';
import { sendReady, type DeliveryOutcome, type SendRunResult } from './leased-outbox.repository.js';
import { backoffMs, sendRun, type MailWorkerOptions } from './send-run.js';

/**
 * Sends the alert mail outbox with the rules of the questionnaire outbox (worker.ts): a lease per message,
 * backoff on a temporary refusal, give up on a permanent one or after maxAttempts, and one Message-ID per
 * outbox row so a copy re-sent after a crash can be dropped by the receiver.
 */

function messageIdOf(row: AlertMailRow, from: string): string {
  const domain = addressOf(from)?.split('@')[1] ?? 'onset.invalid';
  return `<${row.id}.alert@${domain}>`;
}

/** Server replies may quote the recipient; errors are logged, and addresses stay out of logs (as in worker.ts). */
function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>@"]+@[^\s<>@"]+/g, '[address]');
}

/** Whether the alert still waits for someone: open. Once acknowledged or resolved, a clinician has it in hand. */
async function stillWanted(handle: DatabaseHandle, row: AlertMailRow): Promise<boolean> {
  const alert = await alertRepository.findById(handle.db, row.clinic_id, row.alert_id);
  return alert?.status === 'open';
}

async function deliver(
  handle: DatabaseHandle,
  row: AlertMailRow,
  now: Date,
  options: MailWorkerOptions,
  workerId: string,
): Promise<{ outcome: DeliveryOutcome; error?: string }> {
  const stamp = now.toISOString();
  if (!(await stillWanted(handle, row))) {
    await alertMailRepository.finish(handle.db, row, workerId, { state: 'cancelled', now: stamp });
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
    if ((error instanceof SmtpError && error.permanent) || attempts >= (options.maxAttempts ?? 8)) {
      await alertMailRepository.finish(handle.db, row, workerId, { state: 'failed', now: stamp, error: message });
      return { outcome: 'failed', error: message };
    }
    const notBefore = new Date(now.getTime() + backoffMs(attempts)).toISOString();
    await alertMailRepository.finish(handle.db, row, workerId, {
      state: 'pending',
      now: stamp,
      notBefore,
      error: message,
    });
    return { outcome: 'retried', error: message };
  }
  await alertMailRepository.finish(handle.db, row, workerId, { state: 'sent', now: stamp, error: null });
  return { outcome: 'sent' };
}

/** Claims and sends ready alert e-mails one at a time until none is left or the batch is done. */
export async function sendPendingAlertMail(
  handle: DatabaseHandle,
  now: Date,
  options: MailWorkerOptions,
): Promise<SendRunResult> {
  const run = sendRun(options, now, 'alert message');
  return sendReady(handle.db, alertMailRepository, run, (row) => deliver(handle, row, now, options, run.workerId));
}
