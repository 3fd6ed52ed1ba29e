import { Type, type Static } from '@sinclair/typebox';
import { lockChain } from '../audit/audit.repository.js';
import { appendAudit } from '../audit/audit.service.js';
import { clinicRepository } from '../clinics/clinic.repository.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { Clinic } from '../clinics/clinic.schema.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import { validate } from '../shared/validate.js';

/**
 * How the clinic shows the relief forecast (docs/outcomes.md "Forecast"): how far ahead the work queue
 * lists relief likely ending (3 days by default: the demo clinic's typical relief is about 3 days, and a
 * longer horizon fills the queue), and whether the patient's progress page says how long their relief has
 * usually lasted (off unless the clinic turns it on).
 */
export const DEFAULT_RELIEF_ENDING_WITHIN_DAYS = 3;
export const RELIEF_ENDING_WITHIN_DAYS_BOUNDS = { minimum: 1, maximum: 30 } as const;

const descriptions = {
  reliefEndingWithinDays: 'The work queue lists a patient whose relief is predicted (median) to end within this many days of now: ahead, or passed that recently while the last check-in still showed relief.',
  showOnProgressPage: 'The patient\'s progress page says how long their relief after a session has usually lasted (from their own relief episodes); never advice, never a date.',
};

export const ForecastSettings = Type.Object(
  {
    reliefEndingWithinDays: Type.Integer({ ...RELIEF_ENDING_WITHIN_DAYS_BOUNDS, default: DEFAULT_RELIEF_ENDING_WITHIN_DAYS, description: descriptions.reliefEndingWithinDays }),
    showOnProgressPage: Type.Boolean({ default: false, description: descriptions.showOnProgressPage }),
  },
  { additionalProperties: false },
);
export type ForecastSettings = Static<typeof ForecastSettings>;

/** What an admin may change (no defaults here, so an empty body changes nothing). */
export const ForecastSettingsInput = Type.Partial(
  Type.Object({
    reliefEndingWithinDays: Type.Integer({ ...RELIEF_ENDING_WITHIN_DAYS_BOUNDS, description: descriptions.reliefEndingWithinDays }),
    showOnProgressPage: Type.Boolean({ description: descriptions.showOnProgressPage }),
  }),
  { additionalProperties: false },
);

/** The clinic's forecast settings, defaults filled in (stored under `settings.forecast` on the clinic). */
export async function getForecastSettings(ctx: ServiceContext): Promise<ForecastSettings> {
  return forecastSettingsOf(await getClinic(ctx.db, ctx.clinicId));
}

/** The forecast settings of a clinic already read. */
export function forecastSettingsOf(clinic: Clinic): ForecastSettings {
  return validate(ForecastSettings, { reliefEndingWithinDays: DEFAULT_RELIEF_ENDING_WITHIN_DAYS, showOnProgressPage: false, ...(clinic.settings.forecast as object | undefined) });
}

/** Changes the clinic's forecast settings after validating them (the field and reason named); audited. */
export async function updateForecastSettings(ctx: ServiceContext, body: unknown): Promise<ForecastSettings> {
  const input = validate(ForecastSettingsInput, body ?? {});
  return inTransaction(ctx, async (tx) => {
    // As every settings write: the chain first (so no other settings write interleaves), the entry after
    // the write (so it seals the settings as stored).
    await lockChain(tx.db, tx.engine, tx.clinicId);
    const clinic = await getClinic(tx.db, tx.clinicId);
    const merged = forecastSettingsOf({ ...clinic, settings: { ...clinic.settings, forecast: { ...(clinic.settings.forecast as object | undefined), ...input } } });
    const settings = { ...clinic.settings, forecast: merged };
    await clinicRepository.update(tx.db, tx.clinicId, { settings: JSON.stringify(settings), updated_at: tx.now().toISOString() });
    await appendAudit(tx, { action: 'update', entity: 'clinic-settings', entityId: tx.clinicId, patientId: null, detail: { forecast: merged } });
    return merged;
  });
}
