import { alertRepository } from '../alerts/alert.repository.js';
import type { DatabaseHandle } from '../db/database.js';
import { alertMailRepository, type AlertMailRow } from './alert-mail.repository.js';
import { sendReady, type SendRunResult } from './leased-outbox.repository.js';
import { deliverClaimed, messageIdOf, sendRun, type Delivery, type MailWorkerOptions } from './send-run.js';

/**
 * Sends the alert mail outbox with the rules of the questionnaire outbox (send-run.ts deliverClaimed): a
 * lease per message, backoff on a temporary refusal, give up on a permanent one or after maxAttempts, and
 * one Message-ID per outbox row so a copy re-sent after a crash can be dropped by the receiver.
 */

/** Whether the alert still waits for someone: open. Once acknowledged or resolved, a clinician has it in hand. */
async function stillWanted(handle: DatabaseHandle, row: AlertMailRow): Promise<boolean> {
  const alert = await alertRepository.findById(handle.db, row.clinic_id, row.alert_id);
  return alert?.status === 'open';
}

/** Claims and sends ready alert e-mails one at a time until none is left or the batch is done. */
export async function sendPendingAlertMail(
  handle: DatabaseHandle,
  now: Date,
  options: MailWorkerOptions,
): Promise<SendRunResult> {
  const run = sendRun(options, now, 'alert message');
  const delivery: Delivery<AlertMailRow> = {
    outbox: alertMailRepository,
    stillWanted: (row) => stillWanted(handle, row),
    mail: (row) => ({
      messageId: messageIdOf(`${row.id}.alert`, options.from),
      from: options.from,
      to: row.to_address,
      subject: row.subject,
      text: row.body,
      date: now,
    }),
  };
  return sendReady(handle.db, alertMailRepository, run, (row) =>
    deliverClaimed(handle.db, row, { now, workerId: run.workerId, options }, delivery),
  );
}
