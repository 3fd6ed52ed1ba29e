import { appendAudit } from '../audit/audit.service.js';
import type { ServiceContext } from '../records/context.js';
import { readWorkersOf } from '../db/read-workers.js';
import { inTransaction } from '../db/transaction.js';
import type { Role } from '../shared/vocabulary.js';
import { getCohortSettings } from './cohort-settings.js';
import {
  COHORT_REPORT_JOB,
  PUBLISHED_COHORT_JSON_JOB,
  type CohortReportRequest,
  type CohortReportResult,
} from './cohort-report.job.js';

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
  await auditCohortRead(ctx, definition.instrument, report.n);
  return { definition, report };
}

/** One 'read' audit entry for a cohort report served. */
async function auditCohortRead(ctx: ServiceContext, instrument: string, patients: number): Promise<void> {
  await inTransaction(ctx, (tx) =>
    appendAudit(tx, {
      action: 'read',
      entity: 'cohort-report',
      entityId: null,
      patientId: null,
      detail: { instrument, patients },
    }),
  );
}

/**
 * `GET /api/v1/cohort`'s answer as `role` may read it, as JSON bytes a read worker computed and serialised
 * (cohort-report.job.ts publishedCohortJsonJob): researchers get the report with the clinic's small cells
 * suppressed (suppress.ts), clinicians and admins get every figure. Every cohort figure that leaves Onset
 * for a signed-in user goes through here. The read is audited as cohortReport's is.
 */
export async function publishedCohortJson(
  ctx: ServiceContext,
  role: Role,
  request: CohortReportRequest,
): Promise<Uint8Array> {
  const minCellSize = role === 'researcher' ? (await getCohortSettings(ctx)).minCellSize : null;
  const { json, instrument, n } = await readWorkersOf(ctx).run(PUBLISHED_COHORT_JSON_JOB, {
    ...request,
    clinicId: ctx.clinicId,
    minCellSize,
  });
  await auditCohortRead(ctx, instrument, n);
  return json;
}
