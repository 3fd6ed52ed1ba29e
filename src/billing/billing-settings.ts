import { Type, type Static } from '@sinclair/typebox';
import { changeClinicSettings } from '../clinics/clinic-settings.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { validate } from '../shared/validate.js';

/**
 * Onset's default cap on CPT 96127 units per visit (docs/rems.md, "Billing lines"): coding guides report
 * that most payers accept up to 4; the clinic sets its payers' cap.
 */
export const DEFAULT_MAX_96127_UNITS = 4;
const BOUNDS = { minimum: 1, maximum: 20 } as const;
const DESCRIPTION = 'CPT 96127 units per visit at most (one per standardised instrument completed)';

export const BillingSettings = Type.Object(
  { max96127UnitsPerVisit: Type.Integer({ ...BOUNDS, default: DEFAULT_MAX_96127_UNITS, description: DESCRIPTION }) },
  { additionalProperties: false },
);
export type BillingSettings = Static<typeof BillingSettings>;

/** What may be changed (no defaults here, so an empty body changes nothing). */
export const BillingSettingsInput = Type.Partial(
  Type.Object({ max96127UnitsPerVisit: Type.Integer({ ...BOUNDS, description: DESCRIPTION }) }),
  { additionalProperties: false },
);

/** The stored billing settings with defaults filled in. */
export function resolveBillingSettings(stored: unknown): BillingSettings {
  return validate(BillingSettings, {
    max96127UnitsPerVisit: DEFAULT_MAX_96127_UNITS,
    ...(stored as object | undefined),
  });
}

/** The clinic's billing settings, defaults filled in (stored under `settings.billing` on the clinic). */
export async function getBillingSettings(ctx: ServiceContext): Promise<BillingSettings> {
  return resolveBillingSettings((await getClinic(ctx.db, ctx.clinicId)).settings.billing);
}

/** Changes the clinic's billing settings after validating them (the field and reason named); audited. */
export async function updateBillingSettings(ctx: ServiceContext, body: unknown): Promise<BillingSettings> {
  const input = validate(BillingSettingsInput, body ?? {});
  return changeClinicSettings(ctx, (stored) => {
    const merged = resolveBillingSettings({ ...(stored.billing as object | undefined), ...input });
    return { settings: { ...stored, billing: merged }, detail: { billing: merged }, result: merged };
  });
}
