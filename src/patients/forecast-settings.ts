import { lockChain } from '../audit/audit.repository.js';
import { appendAudit } from '../audit/audit.service.js';
import { clinicRepository } from '../clinics/clinic.repository.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { Clinic } from '../clinics/clinic.schema.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import { validate } from '../shared/validate.js';

import {
  DEFAULT_RELIEF_ENDING_WITHIN_DAYS,
  ForecastSettings,
  ForecastSettingsInput,
} from './forecast-settings.schema.js';

// The schemas live in forecast-settings.schema.ts, which the web app imports without this module's services.
export * from './forecast-settings.schema.js';

/** The clinic's forecast settings, defaults filled in (stored under `settings.forecast` on the clinic). */
export async function getForecastSettings(ctx: ServiceContext): Promise<ForecastSettings> {
  return forecastSettingsOf(await getClinic(ctx.db, ctx.clinicId));
}

/** The forecast settings of a clinic already read. */
export function forecastSettingsOf(clinic: Clinic): ForecastSettings {
  return validate(ForecastSettings, {
    reliefEndingWithinDays: DEFAULT_RELIEF_ENDING_WITHIN_DAYS,
    showOnProgressPage: false,
    ...(clinic.settings.forecast as object | undefined),
  });
}

/** Changes the clinic's forecast settings after validating them (the field and reason named); audited. */
export async function updateForecastSettings(ctx: ServiceContext, body: unknown): Promise<ForecastSettings> {
  const input = validate(ForecastSettingsInput, body ?? {});
  return inTransaction(ctx, async (tx) => {
    // As every settings write: the chain first (so no other settings write interleaves), the entry after
    // the write (so it seals the settings as stored).
    await lockChain(tx.db, tx.engine, tx.clinicId);
    const clinic = await getClinic(tx.db, tx.clinicId);
    const merged = forecastSettingsOf({
      ...clinic,
      settings: { ...clinic.settings, forecast: { ...(clinic.settings.forecast as object | undefined), ...input } },
    });
    const settings = { ...clinic.settings, forecast: merged };
    await clinicRepository.update(tx.db, tx.clinicId, {
      settings: JSON.stringify(settings),
      updated_at: tx.now().toISOString(),
    });
    await appendAudit(tx, {
      action: 'update',
      entity: 'clinic-settings',
      entityId: tx.clinicId,
      patientId: null,
      detail: { forecast: merged },
    });
    return merged;
  });
}
