import { appendAudit } from '../audit/audit.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { DatabaseHandle } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { systemActor, type Actor, type ServiceContext } from '../records/context.js';
import { invalid } from '../shared/errors.js';
import { newRecordId } from '../shared/ids.js';
import { patientSummaryRepository } from '../patients/patient-summary.repository.js';
import { insertRows, refreshStatistics, takenLabels } from './load.repository.js';
import { addPatientRows, emptyRows, type SyntheticRows } from './rows.js';
import type { SyntheticPatient } from './types.js';

/** Patients per transaction: ~200 patients are ~6,000 assessment rows, a few seconds of work at most. */
export const PATIENTS_PER_TRANSACTION = 200;

export interface LoadSyntheticOptions {
  clinicId: string;
  /** An array, or a lazy sequence (`generatePatients`) so that a large cohort never sits in memory whole. */
  patients: Iterable<SyntheticPatient>;
  /** How many patients the sequence holds, for progress; defaults to the array's length. */
  total?: number;
  /** Called after each committed transaction; `total` is null when it is not known. */
  onProgress?: (done: number, total: number | null) => void;
  /** Who loads (default: Onset itself) and when (default: now); both go into the audit entry. */
  actor?: Actor;
  now?: Date;
}

/** Rows written by a load, per table. */
export interface LoadSummary {
  patients: number;
  courses: number;
  doses: number;
  assessments: number;
  adverseEvents: number;
  therapySessions: number;
  medications: number;
}

/**
 * Bulk-loads generated patients with all their records, scored, in multi-row INSERTs and one transaction
 * per 200 patients. Each transaction holds whole patients, so a failure leaves only complete patients
 * behind (all marked synthetic). The records get no audit entries of their own: they are generated demo
 * data, not a person's action on a patient's record, and 600,000 entries would bury the real trail. One
 * audit entry records the load itself: who, when and how many rows (and whether it completed).
 */
export async function loadSyntheticCohort(handle: DatabaseHandle, options: LoadSyntheticOptions): Promise<LoadSummary> {
  const now = options.now ?? new Date();
  const ctx: ServiceContext = {
    db: handle.db,
    reader: handle.reader,
    engine: handle.engine,
    clinicId: options.clinicId,
    actor: options.actor ?? systemActor(),
    now: () => now,
  };
  await getClinic(handle.db, options.clinicId);
  const total = options.total ?? (Array.isArray(options.patients) ? options.patients.length : null);
  const summary = emptySummary();
  try {
    let batchCount = 0;
    for (const batch of batches(options.patients, PATIENTS_PER_TRANSACTION)) {
      await inTransaction(ctx, (tx) => loadBatch(tx, batch, newRecordId));
      addToSummary(summary, batch);
      batchCount += 1;
      // Statistics follow the tables as they double in size: 7 refreshes for 100 batches.
      if ((batchCount & (batchCount - 1)) === 0) await refreshStatistics(handle.db, handle.engine, 'parents');
      options.onProgress?.(summary.patients, total);
    }
    await refreshStatistics(handle.db, handle.engine, 'all');
  } catch (error) {
    // Batches already committed stay; the audit entry still says what was written.
    if (summary.patients > 0) await auditLoad(ctx, summary, false).catch(() => undefined);
    throw error;
  }
  await auditLoad(ctx, summary, true);
  return summary;
}

async function loadBatch(tx: ServiceContext, batch: readonly SyntheticPatient[], newId: () => string): Promise<void> {
  const taken = await takenLabels(
    tx.db,
    tx.clinicId,
    batch.map((p) => p.label),
  );
  if (taken.length > 0) {
    const shown = taken.slice(0, 3).join(', ') + (taken.length > 3 ? ` and ${taken.length - 3} more` : '');
    throw invalid(
      'patients',
      `label ${shown} already used in this clinic; labels must be unique per clinic (load into a new clinic)`,
    );
  }
  const rows: SyntheticRows = emptyRows();
  const context = { clinicId: tx.clinicId, stamp: tx.now().toISOString(), newId };
  for (const patient of batch) addPatientRows(rows, patient, context);
  await insertRows(tx.db, rows);
  await patientSummaryRepository.refreshMany(
    tx.db,
    tx.clinicId,
    rows.patients.map((p) => p.id),
    context.stamp,
  );
}

async function auditLoad(ctx: ServiceContext, summary: LoadSummary, complete: boolean): Promise<void> {
  await inTransaction(ctx, (tx) =>
    // Counts only: the audit trail never repeats patient data.
    appendAudit(tx, {
      action: 'create',
      entity: 'synthetic-cohort',
      entityId: null,
      patientId: null,
      detail: { ...summary, complete },
    }),
  );
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[], void, undefined> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function emptySummary(): LoadSummary {
  return { patients: 0, courses: 0, doses: 0, assessments: 0, adverseEvents: 0, therapySessions: 0, medications: 0 };
}

function addToSummary(summary: LoadSummary, batch: readonly SyntheticPatient[]): void {
  for (const patient of batch) {
    summary.patients += 1;
    summary.courses += 1;
    summary.doses += patient.doses.length;
    summary.assessments += patient.assessments.length;
    summary.adverseEvents += patient.adverseEvents.length;
    summary.therapySessions += patient.therapySessions.length;
    summary.medications += patient.medications.length;
  }
}
