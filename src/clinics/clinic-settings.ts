import { lockClinic } from '../audit/audit.repository.js';
import { appendAudit } from '../audit/audit.service.js';
import { inTransaction } from '../db/transaction.js';
import type { ServiceContext } from '../records/context.js';
import { clinicRepository } from './clinic.repository.js';
import type { Clinic } from './clinic.schema.js';
import { getClinic } from './clinic.service.js';

/** What a settings change makes of the stored settings document. */
export interface SettingsChange<R> {
  /** The whole settings document as it is to be stored. */
  settings: Record<string, unknown>;
  /** What the audit entry records of the change. */
  detail: Record<string, unknown>;
  /** What the caller is answered. */
  result: R;
}

/**
 * The one way a clinic's settings are changed (cohort, forecast, safety, schedules, frame ancestors). In one
 * transaction: the clinic row is locked first (PostgreSQL; SQLite serialises writers), so no other settings
 * write interleaves; `change` works out the new document from the stored one; the document is written; the
 * audit entry comes after the write, so it seals the settings as stored; then `after` runs (the
 * schedules re-expand their courses), still inside the transaction.
 */
export async function changeClinicSettings<R>(
  ctx: ServiceContext,
  change: (stored: Clinic['settings']) => SettingsChange<R>,
  after?: (tx: ServiceContext) => Promise<void>,
): Promise<R> {
  return inTransaction(ctx, async (tx) => {
    await lockClinic(tx.db, tx.engine, tx.clinicId);
    const clinic = await getClinic(tx.db, tx.clinicId);
    const { settings, detail, result } = change(clinic.settings);
    await clinicRepository.update(tx.db, tx.clinicId, {
      settings: JSON.stringify(settings),
      updated_at: tx.now().toISOString(),
    });
    await appendAudit(tx, {
      action: 'update',
      entity: 'clinic-settings',
      entityId: tx.clinicId,
      patientId: null,
      detail,
    });
    await after?.(tx);
    return result;
  });
}
