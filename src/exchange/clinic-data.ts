/** A clinic's whole record set for an export, loaded one patient at a time, de-identified when asked. */
import type { Alert } from '../alerts/alert.schema.js';
import { listAlerts } from '../alerts/alert.service.js';
import { appendAudit } from '../audit/audit.service.js';
import { loadPatientRecords, patientIds, type PatientRecords } from '../fhir/load.js';
import type { ServiceContext } from '../records/context.js';
import { deidentifyAlert, deidentifyRecords, type DeidentifyKey } from './deidentify.js';

export interface ExportOptions {
  /** Present for a research export: pseudonyms, shifted dates, no names, contacts or free text. */
  deidentify?: DeidentifyKey;
  /** Called after each patient is loaded. */
  onProgress?: (done: number, total: number) => void;
}

export interface ClinicData {
  patients: PatientRecords[];
  alerts: Alert[];
}

/** Every patient's records (label order) and every alert of the clinic. */
export async function loadClinicData(
  ctx: ServiceContext,
  options: ExportOptions,
  withAlerts: boolean,
): Promise<ClinicData> {
  const ids = await patientIds(ctx);
  const patients: PatientRecords[] = [];
  for (const id of ids) {
    const records = await loadPatientRecords(ctx, id);
    if (records !== undefined)
      patients.push(options.deidentify === undefined ? records : deidentifyRecords(records, options.deidentify));
    options.onProgress?.(patients.length, ids.length);
  }
  if (options.deidentify !== undefined) {
    // Research exports list patients by pseudonym, so the order says nothing about the real labels.
    patients.sort((a, b) => a.patient.label.localeCompare(b.patient.label));
  }
  const alerts = withAlerts ? await loadAlerts(ctx, options.deidentify) : [];
  return { patients, alerts };
}

async function loadAlerts(ctx: ServiceContext, key: DeidentifyKey | undefined): Promise<Alert[]> {
  const alerts = await listAlerts(ctx, { limit: Number.MAX_SAFE_INTEGER, offset: 0 });
  const oldestFirst = [...alerts].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id));
  return key === undefined ? oldestFirst : oldestFirst.map((alert) => deidentifyAlert(alert, key));
}

/** Counts of what an export holds, for its audit entry and the CLI's summary. */
export function countRecords(data: ClinicData): Record<string, number> {
  const sum = (pick: (p: PatientRecords) => readonly unknown[]): number =>
    data.patients.reduce((n, p) => n + pick(p).length, 0);
  return {
    patients: data.patients.length,
    courses: sum((p) => p.courses),
    doses: sum((p) => p.doses),
    assessments: sum((p) => p.assessments),
    adverseEvents: sum((p) => p.adverseEvents),
    therapySessions: sum((p) => p.therapySessions),
    medications: sum((p) => p.medications),
    alerts: data.alerts.length,
  };
}

/** The export's audit entry: who exported what, in which form (counts only, never values). */
export async function auditExport(
  ctx: ServiceContext,
  format: 'fhir' | 'csv',
  deidentified: boolean,
  counts: Record<string, number>,
): Promise<void> {
  await appendAudit(ctx, {
    action: 'export',
    entity: 'clinic',
    entityId: ctx.clinicId,
    patientId: null,
    detail: { format, deidentified, ...counts },
  });
}
