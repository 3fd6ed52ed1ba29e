import { appendAudit } from '../audit/audit.service.js';
import type { OutcomeDefinition } from '../outcomes/types.js';
import type { ServiceContext } from '../records/context.js';
import { readWorkersOf } from '../db/read-workers.js';
import { inTransaction } from '../db/transaction.js';
import type { Role } from '../shared/vocabulary.js';
import { getCohortSettings } from './cohort-settings.js';
import { COHORT_REPORT_JOB, type CohortReportRequest, type CohortReportResult } from './cohort-report.job.js';
import { suppressSmallCells, type PublishedCohortReport } from './suppress.js';

/**
 * The clinic's cohort report (docs/outcomes.md "Cohort") computed from its records. A read worker reads
 * them from one snapshot of its own connection and computes the report (cohort-report.job.ts), so the
 * request thread goes on serving requests and committing writes meanwhile; the snapshot is the
 * database as it was when the job began on the worker. Inside a write transaction the report still
 * reads what is committed, never that transaction's own writes. The read is audited as one 'read' of
 * the cohort report.
 */
export async function cohortReport(ctx: ServiceContext, request: CohortReportRequest): Promise<CohortReportResult> {
  const { definition, report } = await readWorkersOf(ctx).run(COHORT_REPORT_JOB, {
    ...request,
    clinicId: ctx.clinicId,
  });
  await inTransaction(ctx, (tx) =>
    appendAudit(tx, {
      action: 'read',
      entity: 'cohort-report',
      entityId: null,
      patientId: null,
      detail: { instrument: definition.instrument, patients: report.n },
    }),
  );
  return { definition, report };
}

export interface PublishedCohortReportResult {
  definition: OutcomeDefinition;
  report: PublishedCohortReport;
}

/**
 * The cohort report as `role` may read it: researchers get it with the clinic's small cells
 * suppressed (suppress.ts), clinicians and admins get every figure. Every cohort figure that leaves
 * Onset for a signed-in user goes through here.
 */
export async function publishedCohortReport(
  ctx: ServiceContext,
  role: Role,
  request: CohortReportRequest,
): Promise<PublishedCohortReportResult> {
  const { definition, report } = await cohortReport(ctx, request);
  if (role !== 'researcher') return { definition, report: { ...report, suppression: null } };
  const { minCellSize } = await getCohortSettings(ctx);
  return { definition, report: suppressSmallCells(report, minCellSize) };
}
