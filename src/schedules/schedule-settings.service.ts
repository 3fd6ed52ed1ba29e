import { lockChain } from '../audit/audit.repository.js';
import { appendAudit } from '../audit/audit.service.js';
import { clinicRepository } from '../clinics/clinic.repository.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
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
  return inTransaction(ctx, async (tx) => {
    // Lock the chain (and the clinic row on PostgreSQL) first, so no other settings write interleaves;
    // the entry comes after the write, so it seals the settings as stored.
    await lockChain(tx.db, tx.engine, tx.clinicId);
    const clinic = await getClinic(tx.db, tx.clinicId);
    const next = { ...resolveScheduleSettings(clinic.settings), ...patch };
    await clinicRepository.update(tx.db, tx.clinicId, {
      settings: JSON.stringify({ ...clinic.settings, schedules: next }),
      updated_at: tx.now().toISOString(),
    });
    await appendAudit(tx, {
      action: 'update',
      entity: 'clinic-settings',
      entityId: tx.clinicId,
      patientId: null,
      detail: { fields: Object.keys(patch).sort() },
    });
    for (const courseId of await scheduleRepository.courseIdsOfClinic(tx.db, tx.clinicId))
      await refreshDue(tx, courseId);
    return next;
  });
}
