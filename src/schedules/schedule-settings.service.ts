import { changeClinicSettings } from '../clinics/clinic-settings.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { validate } from '../shared/validate.js';
import { refreshDue } from './refresh-due.js';
import { resolveScheduleSettings, ScheduleSettingsPatch, type ScheduleSettings } from './schedule-settings.js';
import { scheduleRepository } from './schedule.repository.js';

/** The clinic's schedule settings (reminder, expiry, grace), defaults filled in. */
export async function getScheduleSettings(ctx: ServiceContext): Promise<ScheduleSettings> {
  return resolveScheduleSettings((await getClinic(ctx.db, ctx.clinicId)).settings);
}

/**
 * Changes the clinic's schedule settings and re-expands every scheduled course in the same transaction,
 * so open items take the new reminder and expiry times (completed items keep theirs).
 */
export async function updateScheduleSettings(ctx: ServiceContext, body: unknown): Promise<ScheduleSettings> {
  const patch = validate(ScheduleSettingsPatch, body);
  return changeClinicSettings(
    ctx,
    (stored) => {
      const next = { ...resolveScheduleSettings(stored), ...patch };
      return { settings: { ...stored, schedules: next }, detail: { fields: Object.keys(patch).sort() }, result: next };
    },
    async (tx) => {
      for (const courseId of await scheduleRepository.courseIdsOfClinic(tx.db, tx.clinicId)) {
        await refreshDue(tx, courseId);
      }
    },
  );
}
