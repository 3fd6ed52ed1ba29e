import { Type, type Static } from '@sinclair/typebox';
import { changeClinicSettings } from '../clinics/clinic-settings.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { validate } from '../shared/validate.js';

/**
 * Below 11 is the common public-health rule for publishing counts of people (a cell of 1–10 is
 * withheld); 2 is the least that still hides a single patient, and above 100 no clinic report survives.
 */
export const DEFAULT_MIN_CELL_SIZE = 11;
export const MIN_CELL_SIZE_BOUNDS = { minimum: 2, maximum: 100 } as const;

export const CohortSettings = Type.Object(
  {
    minCellSize: Type.Integer({
      ...MIN_CELL_SIZE_BOUNDS,
      default: DEFAULT_MIN_CELL_SIZE,
      description:
        'Researchers see no cohort figure about fewer patients (or events) than this; a smaller cell reads "suppressed (n < minCellSize)".',
    }),
  },
  { additionalProperties: false },
);
export type CohortSettings = Static<typeof CohortSettings>;

/** What an admin may change (no defaults here, so an empty body changes nothing). */
export const CohortSettingsInput = Type.Partial(
  Type.Object({
    minCellSize: Type.Integer({
      ...MIN_CELL_SIZE_BOUNDS,
      description: CohortSettings.properties.minCellSize.description,
    }),
  }),
  { additionalProperties: false },
);

/** The clinic's cohort settings, defaults filled in (stored under `settings.cohort` on the clinic). */
export async function getCohortSettings(ctx: ServiceContext): Promise<CohortSettings> {
  const clinic = await getClinic(ctx.db, ctx.clinicId);
  return resolveCohortSettings(clinic.settings.cohort);
}

function resolveCohortSettings(stored: unknown): CohortSettings {
  return validate(CohortSettings, { minCellSize: DEFAULT_MIN_CELL_SIZE, ...(stored as object | undefined) });
}

/** Changes the clinic's cohort settings after validating them (the field and reason named); audited. */
export async function updateCohortSettings(ctx: ServiceContext, body: unknown): Promise<CohortSettings> {
  const input = validate(CohortSettingsInput, body ?? {});
  return changeClinicSettings(ctx, (stored) => {
    const merged = resolveCohortSettings({ ...(stored.cohort as object | undefined), ...input });
    return { settings: { ...stored, cohort: merged }, detail: { cohort: merged }, result: merged };
  });
}
