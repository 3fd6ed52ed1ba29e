import { changeClinicSettings } from '../clinics/clinic-settings.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { Clinic } from '../clinics/clinic.schema.js';
import type { ServiceContext } from '../records/context.js';
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
  return resolveForecastSettings(clinic.settings.forecast);
}

function resolveForecastSettings(stored: unknown): ForecastSettings {
  return validate(ForecastSettings, {
    reliefEndingWithinDays: DEFAULT_RELIEF_ENDING_WITHIN_DAYS,
    showOnProgressPage: false,
    ...(stored as object | undefined),
  });
}

/** Changes the clinic's forecast settings after validating them (the field and reason named); audited. */
export async function updateForecastSettings(ctx: ServiceContext, body: unknown): Promise<ForecastSettings> {
  const input = validate(ForecastSettingsInput, body ?? {});
  return changeClinicSettings(ctx, (stored) => {
    const merged = resolveForecastSettings({ ...(stored.forecast as object | undefined), ...input });
    return { settings: { ...stored, forecast: merged }, detail: { forecast: merged }, result: merged };
  });
}
