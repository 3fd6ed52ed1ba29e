import { changeClinicSettings } from '../clinics/clinic-settings.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { invalid } from '../shared/errors.js';
import { crisisMessage } from './crisis.js';
import { resolveSafetySettings, type SafetySettings } from './settings.js';

export interface ClinicSafetySettings {
  /** Every threshold in force, defaults filled in (each field's default and source: settings.ts). */
  safety: SafetySettings;
  /** Shown to a patient at once after a positive suicidality answer (shown at once, before anything else). */
  crisisMessage: string;
}

export async function getSafetySettings(ctx: ServiceContext): Promise<ClinicSafetySettings> {
  const clinic = await getClinic(ctx.db, ctx.clinicId);
  return { safety: resolveSafetySettings(clinic.settings.safety ?? {}), crisisMessage: crisisMessage(clinic.settings) };
}

/**
 * Changes the clinic's safety thresholds and crisis text. The merged settings are validated whole
 * (each bad field named) before anything is stored; the change is audited.
 */
export async function updateSafetySettings(
  ctx: ServiceContext,
  body: { safety?: unknown; crisisMessage?: string | null },
): Promise<ClinicSafetySettings> {
  if (body.crisisMessage != null && (body.crisisMessage.trim().length < 20 || body.crisisMessage.length > 2000)) {
    throw invalid('crisisMessage', 'must be 20–2000 characters and say how to get help now');
  }
  return changeClinicSettings(ctx, (stored) => {
    const current = (stored.safety ?? {}) as Record<string, unknown>;
    const merged = body.safety === undefined ? current : { ...current, ...(body.safety as Record<string, unknown>) };
    const safety = resolveSafetySettings(merged);
    const settings: Record<string, unknown> = { ...stored, safety: merged };
    if (body.crisisMessage !== undefined) settings.crisisMessage = body.crisisMessage;
    return {
      settings,
      detail: { fields: Object.keys(body).sort() },
      result: { safety, crisisMessage: crisisMessage(settings) },
    };
  });
}
