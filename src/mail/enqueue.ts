import { randomUUID } from 'node:crypto';
import { lockPatient } from '../records/guards.js';
import { issuePatientLink } from '../auth/patient-link.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import { hasItemText } from '../instruments/licensed-text.js';
import { listInstruments } from '../instruments/registry.js';
import type { DatabaseHandle } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { dueRepository } from '../schedules/due.repository.js';
import { DAY_MS, HOUR_MS } from '../shared/time.js';
import { resolveScheduleSettings } from '../schedules/schedule-settings.js';
import type { OutboxKind } from '../db/schema.js';
import { systemContext } from '../records/context.js';
import { queuedMessage } from './leased-outbox.repository.js';
import { formatUntil, questionnaireMail } from './message.js';
import { outboxRepository, type InviteCandidate } from './outbox.repository.js';

/** The longest a patient link may live (the link service allows 1 to 720 hours). */
const MAX_LINK_HOURS = 720;

/** Thrown inside the enqueue transaction to undo it when another worker got there first. */
class AlreadyQueued extends Error {}

export interface EnqueueResult {
  queued: number;
  failed: { dueAssessmentId: string; message: string }[];
}

/** The patient's questionnaire page for a link token. */
export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/p/#${token}`;
}

/** Hours the link works: until the item expires (or, with no expiry yet, the clinic's expiry days), at least 1. */
function linkHours(candidate: InviteCandidate, now: number, expiryDays: number): number {
  const end = candidate.expires_at === null ? now + expiryDays * DAY_MS : Date.parse(candidate.expires_at);
  return Math.min(MAX_LINK_HOURS, Math.max(1, Math.floor((end - now) / HOUR_MS)));
}

function outboxRow(
  candidate: InviteCandidate,
  kind: OutboxKind,
  notBefore: string,
  now: string,
): Parameters<typeof outboxRepository.insertOnce>[1] {
  return {
    clinic_id: candidate.clinic_id,
    id: randomUUID(),
    due_assessment_id: candidate.id,
    kind,
    to_address: candidate.email,
    subject: '',
    body: '',
    ...queuedMessage(now, notBefore),
  };
}

/**
 * Queues one item's invitation, and its reminder when the reminder falls before the link ends, in one
 * transaction: the outbox row is inserted first (the unique key lets one worker win), then the link is
 * issued and written into the text. Returns false when another worker had already queued it.
 */
async function enqueueOne(
  handle: DatabaseHandle,
  candidate: InviteCandidate,
  now: Date,
  publicUrl: string,
): Promise<boolean> {
  const ctx = systemContext(handle, candidate.clinic_id, { now });
  try {
    return await inTransaction(ctx, async (tx) => {
      // Locks in the order every clinical write takes them (the patient, then schedule rows), so none can deadlock.
      await lockPatient(tx, candidate.patient_id);
      const stamp = now.toISOString();
      const invite = outboxRow(candidate, 'invite', stamp, stamp);
      if (!(await outboxRepository.insertOnce(tx.db, invite))) throw new AlreadyQueued();
      const current = await dueRepository.findById(tx.db, tx.clinicId, candidate.id);
      if (current === undefined || current.completed_at !== null) throw new AlreadyQueued();
      const clinic = await getClinic(tx.db, tx.clinicId);
      const hours = linkHours(candidate, now.getTime(), resolveScheduleSettings(clinic.settings).expiryDays);
      const body = {
        purpose: 'questionnaire',
        instrument: candidate.instrument,
        courseId: candidate.course_id,
        expiresInHours: hours,
      };
      const { token, link } = await issuePatientLink(tx, candidate.patient_id, body);
      await dueRepository.setLink(tx.db, tx.clinicId, candidate.id, link.id, stamp);
      const url = linkUrl(publicUrl, token);
      const until = formatUntil(link.expiresAt, clinic.timeZone);
      await outboxRepository.setContent(tx.db, tx.clinicId, invite.id, questionnaireMail('invite', url, until));
      const reminderAt = candidate.reminder_at === null ? null : Date.parse(candidate.reminder_at);
      if (reminderAt !== null && reminderAt > now.getTime() && reminderAt < Date.parse(link.expiresAt)) {
        const reminder = outboxRow(candidate, 'reminder', new Date(reminderAt).toISOString(), stamp);
        if (await outboxRepository.insertOnce(tx.db, reminder))
          await outboxRepository.setContent(tx.db, tx.clinicId, reminder.id, questionnaireMail('reminder', url, until));
      }
      return true;
    });
  } catch (error) {
    if (error instanceof AlreadyQueued) return false;
    throw error;
  }
}

/**
 * The instruments a patient may be e-mailed: those whose item text is present. A due item of any other
 * (Y-BOCS, the C-SSRS screener until the clinic's licensed text is loaded) stays on the due list for a
 * clinician to enter from a licensed form; a patient is never sent bare "Item 1" labels.
 */
function sendableInstruments(): string[] {
  return listInstruments()
    .filter((def) => hasItemText(def))
    .map((def) => def.id);
}

/**
 * Queues the invitation (and reminder) of every due item that fell due by `now`, for patients with an
 * e-mail address. Items with less than an hour left are skipped: a link that dies before it is read helps nobody.
 */
export async function enqueueDueMail(
  handle: DatabaseHandle,
  now: Date,
  publicUrl: string,
  limit = 200,
): Promise<EnqueueResult> {
  const openUntil = new Date(now.getTime() + HOUR_MS).toISOString();
  const candidates = await outboxRepository.inviteCandidates(
    handle.db,
    now.toISOString(),
    openUntil,
    limit,
    sendableInstruments(),
  );
  const result: EnqueueResult = { queued: 0, failed: [] };
  for (const candidate of candidates) {
    try {
      if (await enqueueOne(handle, candidate, now, publicUrl)) result.queued += 1;
    } catch (error) {
      result.failed.push({
        dueAssessmentId: candidate.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return result;
}
