/**
 * The cohort report as a read worker computes it (db/read-workers.ts): the request is checked, the
 * clinic's records are read from one snapshot of the worker's own connection and the report is
 * computed there, so neither the reading nor the computing holds the request thread. The result is
 * plain data; the caller audits the read and applies the reader's suppression (cohort.service.ts).
 */
import { readJob, type WorkerReads } from '../db/read-job.js';
import { checkFilter } from '../outcomes/cohort/filter.js';
import { computeCohortReport } from '../outcomes/cohort/compute.js';
import type { CohortFilter, CohortReport } from '../outcomes/cohort/types.js';
import type { OutcomeDefinition, OutcomeOptions } from '../outcomes/types.js';
import { systemContext } from '../records/context.js';
import { loadCohortInputs, outcomeDefinition } from './cohort-inputs.js';

export interface CohortReportRequest {
  instrument: string;
  filter?: CohortFilter;
  options?: Partial<OutcomeOptions>;
  /** Report response and remission after doses 1…maxDose (default 8). */
  maxDose?: number;
}

export interface CohortReportResult {
  /** The thresholds the report was computed with, from the instrument library. */
  definition: OutcomeDefinition;
  report: CohortReport;
}

/** The clinic's cohort report (docs/outcomes.md "Cohort"), computed on a read worker. */
export async function computeCohortReportJob(
  reads: WorkerReads,
  input: CohortReportRequest & { clinicId: string },
): Promise<CohortReportResult> {
  const definition = outcomeDefinition(input.instrument);
  const filter = input.filter ?? {};
  checkFilter(filter);
  const ctx = systemContext(reads.handle, input.clinicId);
  const patients = await reads.snapshot(ctx, (tx) =>
    loadCohortInputs(tx, {
      instrument: definition.instrument,
      from: filter.from,
      to: filter.to,
      route: filter.route,
      setting: filter.setting,
    }),
  );
  const report = computeCohortReport({
    definition,
    patients,
    filter,
    options: input.options,
    maxDose: input.maxDose,
  });
  return { definition, report };
}

export const COHORT_REPORT_JOB = readJob('the cohort report', import.meta.url, computeCohortReportJob);
