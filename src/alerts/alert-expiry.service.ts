/**
 * Information alerts expire (docs/safety.md "Information alerts expire"): one still open, or acknowledged,
 * `infoAlertExpiryDays` after it was raised (a clinic setting, default 14; 0 = never) is closed by Onset
 * through the same path as a clinician's close — recorded, audited and reflected in the work queue — with
 * a note that says it expired. Urgent alerts and warnings never expire.
 */
import { getClinic, listClinics } from '../clinics/clinic.service.js';
import type { DatabaseHandle } from '../db/database.js';
import { systemActor, systemContext, type ServiceContext } from '../records/context.js';
import { resolveSafetySettings } from '../safety/settings.js';
import { startLoop, type Loop } from '../schedules/loop.js';
import { OnsetError } from '../shared/errors.js';
import { DAY_MS, HOUR_MS } from '../shared/time.js';
import { plural } from '../shared/plural.js';
import { alertRepository } from './alert.repository.js';
import { transitionAlert } from './alert.service.js';

/** The note an expired alert is closed with. */
export function expiryNote(days: number): string {
  return `Expired: an information alert closes by itself ${plural(days, 'day')} after it was raised (clinic setting infoAlertExpiryDays).`;
}

/** Closes the clinic's information alerts raised more than the clinic's expiry ago; how many it closed. */
export async function expireInfoAlerts(ctx: ServiceContext): Promise<number> {
  const clinic = await getClinic(ctx.db, ctx.clinicId);
  const days = resolveSafetySettings(clinic.settings.safety ?? {}).infoAlertExpiryDays;
  if (days === 0) return 0;
  const before = new Date(ctx.now().getTime() - days * DAY_MS).toISOString();
  const ids = await alertRepository.unresolvedBefore(ctx.db, ctx.clinicId, 'info', before);
  // Onset closes them itself, whoever asked for the pass: no staff member's name goes on an expiry.
  const onset: ServiceContext = { ...ctx, actor: systemActor() };
  let closed = 0;
  for (const id of ids) {
    try {
      await transitionAlert(onset, id, 'resolved', { comment: expiryNote(days) });
      closed++;
    } catch (error) {
      // Closed by someone meanwhile: nothing left to expire.
      if (!(error instanceof OnsetError && error.code === 'CONFLICT')) throw error;
    }
  }
  return closed;
}

/** Expires information alerts in every clinic, now and then every hour, acting as Onset itself. */
export function startAlertExpiryLoop(
  handle: DatabaseHandle,
  onError: (error: unknown) => void,
  intervalMs = HOUR_MS,
): Loop {
  return startLoop(
    async () => {
      for (const clinic of await listClinics(handle.db)) {
        try {
          await expireInfoAlerts(systemContext(handle, clinic.id));
        } catch (error) {
          onError(error);
        }
      }
    },
    intervalMs,
    onError,
  );
}
