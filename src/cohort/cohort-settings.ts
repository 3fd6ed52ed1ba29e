import { Type, type Static } from '@sinclair/typebox';
import { lockChain } from '../audit/audit.repository.js';
import { appendAudit } from '../audit/audit.service.js';
import { clinicRepository } from '../clinics/clinic.repository.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
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
  return inTransaction(ctx, async (tx) => {
    // As every settings write: the chain first (so no other settings write interleaves), the entry after
    // the write (so it seals the settings as stored).
    await lockChain(tx.db, tx.engine, tx.clinicId);
    const clinic = await getClinic(tx.db, tx.clinicId);
    const merged = resolveCohortSettings({ ...(clinic.settings.cohort as object | undefined), ...input });
    const settings = { ...clinic.settings, cohort: merged };
    await clinicRepository.update(tx.db, tx.clinicId, {
      settings: JSON.stringify(settings),
      updated_at: tx.now().toISOString(),
    });
    await appendAudit(tx, {
      action: 'update',
      entity: 'clinic-settings',
      entityId: tx.clinicId,
      patientId: null,
      detail: { cohort: merged },
    });
    return merged;
  });
}
