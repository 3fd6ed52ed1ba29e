import type { ServiceContext } from '../records/context.js';
import { mailStatusRepository, type OutboxCounts } from './mail-status.repository.js';

/** One outbox in figures: what waits to go (queued, or being handed to the server now), what went, what failed. */
export interface OutboxStatus {
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  cancelled: number;
  lastSentAt: string | null;
}

export interface MailStatus {
  /** Whether this server hands e-mail to an SMTP server (ONSET_SMTP_URL is set). */
  configured: boolean;
  /** The state in one sentence, as the admin area shows it. */
  sentence: string;
  /** Questionnaire invitations and reminders to patients. */
  questionnaires: OutboxStatus;
  /** Notices to clinicians that an urgent alert is waiting (they name no patient). */
  alerts: OutboxStatus;
}

/** The words shown when this server sends no e-mail. */
export const NOT_CONFIGURED =
  'No e-mail will be sent: this server has no SMTP server set up (ONSET_SMTP_URL). Patients get no questionnaire invitations or reminders, and notices of urgent alerts stay queued, unsent.';

function statusOf(counts: OutboxCounts): OutboxStatus {
  const n = (state: keyof OutboxCounts['byState']): number => counts.byState[state] ?? 0;
  return {
    queued: n('pending'),
    sending: n('sending'),
    sent: n('sent'),
    failed: n('failed'),
    cancelled: n('cancelled'),
    lastSentAt: counts.lastSentAt,
  };
}

/**
 * The clinic's e-mail in figures: whether the server sends it and how many messages of each outbox are queued,
 * sent, failed or cancelled. Counts only: no address, subject, body or error text (which may quote an address).
 */
export async function mailStatus(ctx: ServiceContext, configured: boolean): Promise<MailStatus> {
  const counts = await mailStatusRepository.counts(ctx.db, ctx.clinicId);
  const questionnaires = statusOf(counts.questionnaires);
  const alerts = statusOf(counts.alerts);
  const failed = questionnaires.failed + alerts.failed;
  const sentence = !configured
    ? NOT_CONFIGURED
    : failed === 0
      ? 'E-mail is sent through the SMTP server this server is set up with.'
      : `E-mail is sent through the SMTP server this server is set up with; ${failed} ${failed === 1 ? 'message' : 'messages'} could not be delivered and will not be tried again.`;
  return { configured, sentence, questionnaires, alerts };
}
