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
import { OUTCOME_DEFINITIONS } from '../outcomes/index.js';
import type { OutcomeDefinition, OutcomeOptions } from '../outcomes/types.js';
import { systemContext } from '../records/context.js';
import { loadCohortInputs, outcomeDefinition } from './cohort-inputs.js';
import { suppressSmallCells } from './suppress.js';

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

export interface PublishedCohortJsonRequest extends CohortReportRequest {
  clinicId: string;
  /** The clinic's minimum cell size when the reader is a researcher (suppress.ts); null for staff. */
  minCellSize: number | null;
}

export interface PublishedCohortJson {
  /** `GET /api/v1/cohort`'s whole answer as UTF-8 JSON: the definition, the report as the reader may see
   * it, and the outcome definitions. */
  json: Uint8Array;
  instrument: string;
  /** Patients in the report, for the audit entry. */
  n: number;
}

/**
 * The cohort report as the reader may see it, serialised on the worker: a report over thousands of
 * patients is megabytes of JSON, and building and encoding it on the request thread stalled the writes
 * that arrived meanwhile for hundreds of milliseconds (bench/report-load.ts). The bytes are handed over
 * without a copy (db/read-job.ts transferablesOf); the request thread only writes them out.
 */
export async function publishedCohortJsonJob(
  reads: WorkerReads,
  input: PublishedCohortJsonRequest,
): Promise<PublishedCohortJson> {
  const { minCellSize, ...request } = input;
  const { definition, report } = await computeCohortReportJob(reads, request);
  const published = minCellSize === null ? { ...report, suppression: null } : suppressSmallCells(report, minCellSize);
  const answer = { definition, report: published, definitions: OUTCOME_DEFINITIONS };
  return { json: new TextEncoder().encode(JSON.stringify(answer)), instrument: definition.instrument, n: report.n };
}

export const PUBLISHED_COHORT_JSON_JOB = readJob('the cohort report', import.meta.url, publishedCohortJsonJob);
