import { randomUUID } from 'node:crypto';
import { patientService } from '../patients/patient.service.js';
import type { Alert } from '../alerts/alert.schema.js';
import type { ServiceContext } from '../records/context.js';
import { queuedMessage } from './leased-outbox.repository.js';
import { alertMailRepository } from './alert-mail.repository.js';

/**
 * E-mail to the clinic's clinicians and admins when an urgent alert is raised. The text carries no
 * clinical detail: no patient name or label, no rule, no score — e-mail crosses systems Onset does not
 * control, so it only says that something urgent waits behind the sign-in.
 */

/** What queueing needs; null means e-mail is off (no ONSET_SMTP_URL). */
export interface AlertMailSettings {
  /** Where staff sign in, e.g. https://onset.clinic.example (ONSET_PUBLIC_URL); '' when unknown. */
  publicUrl: string;
}

const SUBJECT = 'Onset: an urgent safety alert needs your attention';

/**
 * Alert mail settings from the environment: null when ONSET_SMTP_URL is unset (e-mail is off). It never
 * throws: it runs inside the write that raised the alert, and a mail setting must not lose a clinical
 * record (`onset start` already refuses a bad ONSET_SMTP_URL, ONSET_MAIL_FROM or ONSET_PUBLIC_URL).
 */
export function alertMailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AlertMailSettings | null {
  const smtpUrl = env.ONSET_SMTP_URL ?? '';
  return smtpUrl === '' ? null : { publicUrl: env.ONSET_PUBLIC_URL ?? '' };
}

/** Subject and text of an alert e-mail: that an urgent alert waits, and where to sign in; nothing clinical. */
export function alertMailText(publicUrl: string): { subject: string; body: string } {
  const base = publicUrl.replace(/\/+$/, '');
  // Without a usable address the notice still goes out: knowing an urgent alert waits matters more than the link.
  const signIn = /^https?:\/\/[^/\s]+/.test(base) ? `Sign in to review it: ${base}/` : 'Sign in to Onset to review it.';
  const body = [
    'An urgent safety alert needs your attention in Onset. ' + signIn,
    '',
    'This message was sent automatically; please do not reply to it.',
    '',
  ].join('\n');
  return { subject: SUBJECT, body };
}

/**
 * Queues one e-mail per active clinician and admin of the alert's clinic when the alert is urgent and
 * e-mail is on. Call it in the transaction that raised the alert, so the alert and its e-mails commit
 * together; queueing again for the same alert adds nothing. Returns the number of e-mails queued.
 */
export async function enqueueAlertMail(
  ctx: ServiceContext,
  alert: Alert,
  settings: AlertMailSettings | null = alertMailSettingsFromEnv(),
): Promise<number> {
  if (settings === null || alert.severity !== 'urgent') return 0;
  // Synthetic demo patients never page a real clinician.
  const [patient] = await patientService.loadForPatient(ctx, alert.patientId);
  if (patient === undefined || patient.synthetic) return 0;
  const { subject, body } = alertMailText(settings.publicUrl);
  const now = ctx.now().toISOString();
  let queued = 0;
  for (const address of await alertMailRepository.recipients(ctx.db, alert.clinicId)) {
    const inserted = await alertMailRepository.insertOnce(ctx.db, {
      clinic_id: alert.clinicId,
      id: randomUUID(),
      alert_id: alert.id,
      to_address: address,
      subject,
      body,
      ...queuedMessage(now),
    });
    if (inserted) queued += 1;
  }
  return queued;
}
