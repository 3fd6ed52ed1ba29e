import { appendAudit, auditPatientRead, inAuditedRead } from '../audit/audit.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import { inSnapshot, inTransaction } from '../db/transaction.js';
import type { ServiceContext } from '../records/context.js';
import { formatCsv } from '../shared/csv.js';
import { invalid, notFound } from '../shared/errors.js';
import { patientRepository } from '../patients/patient.repository.js';
import { BILLING_COLUMNS, billingLines, billingRow, type BillingLine } from './billing-lines.js';
import { assessmentsForBilling, dosesForBilling, patientLabels } from './billing.repository.js';
import { resolveBillingSettings } from './billing-settings.js';

/** The period of an export: from `from` (inclusive) to `to` (exclusive), UTC date-times. */
export interface BillingPeriod {
  from: string;
  to: string;
}

/**
 * The clinic's billing lines for a period, as CSV with the documented columns (docs/rems.md), read on one
 * snapshot and audited as an export. Onset prepares the lines; it does not submit claims.
 */
export async function exportBillingCsv(
  ctx: ServiceContext,
  period: BillingPeriod,
): Promise<{ csv: string; lines: BillingLine[] }> {
  if (Date.parse(period.from) >= Date.parse(period.to)) throw invalid('--to', 'must be after --from');
  const { lines, labels } = await inSnapshot(ctx, async (tx) => {
    const clinic = await getClinic(tx.db, tx.clinicId);
    const { max96127UnitsPerVisit } = resolveBillingSettings(clinic.settings.billing);
    const prepared = billingLines({
      doses: await dosesForBilling(tx.db, tx.clinicId, period.from, period.to),
      assessments: await assessmentsForBilling(tx.db, tx.clinicId, period.from, period.to),
      timeZone: clinic.timeZone,
      maxUnits96127: max96127UnitsPerVisit,
    });
    return {
      lines: prepared,
      labels: await patientLabels(tx.db, tx.clinicId, [...new Set(prepared.map((l) => l.patientId))]),
    };
  });
  await inTransaction(ctx, (tx) =>
    appendAudit(tx, {
      action: 'export',
      entity: 'clinic',
      entityId: tx.clinicId,
      patientId: null,
      detail: { format: 'billing-csv', lines: lines.length, from: period.from, to: period.to },
    }),
  );
  const csv = formatCsv(
    BILLING_COLUMNS,
    lines.map((line) => billingRow(line, labels.get(line.patientId) ?? '')),
  );
  return { csv, lines };
}

// Every record Onset can hold falls inside these bounds (shared/schema.ts YEAR_MIN, YEAR_MAX).
const ALL_TIME: BillingPeriod = { from: '1900-01-01T00:00:00.000Z', to: '2101-01-01T00:00:00.000Z' };

/** One patient's billing lines over all their records, for the patient summary; an audited read. */
export async function patientBillingLines(ctx: ServiceContext, patientId: string): Promise<BillingLine[]> {
  return inAuditedRead(ctx, async (tx) => {
    if ((await patientRepository.findById(tx.db, tx.clinicId, patientId)) === undefined)
      throw notFound('patient', patientId);
    const clinic = await getClinic(tx.db, tx.clinicId);
    const { max96127UnitsPerVisit } = resolveBillingSettings(clinic.settings.billing);
    const lines = billingLines({
      doses: await dosesForBilling(tx.db, tx.clinicId, ALL_TIME.from, ALL_TIME.to, patientId),
      assessments: await assessmentsForBilling(tx.db, tx.clinicId, ALL_TIME.from, ALL_TIME.to, patientId),
      timeZone: clinic.timeZone,
      maxUnits96127: max96127UnitsPerVisit,
    });
    await auditPatientRead(tx, {
      action: 'list',
      entity: 'billing-line',
      patientIds: lines.map((l) => l.patientId),
      requestedPatientId: patientId,
    });
    return lines;
  });
}
