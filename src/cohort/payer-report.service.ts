/**
 * The outcomes report for payers (docs/outcomes.md "Outcomes for payers"): checked here, computed and drawn
 * on a read worker (payer-report.job.ts), audited as one 'read' of the payer report. The HTTP routes and
 * the web page call it; the request's words are the same on each.
 */
import { Type, type Static } from '@sinclair/typebox';
import { appendAudit } from '../audit/audit.service.js';
import { readWorkersOf } from '../db/read-workers.js';
import { inTransaction } from '../db/transaction.js';
import { DEFAULT_INDUCTION_DOSES } from '../outcomes/cohort/payer.js';
import type { ServiceContext } from '../records/context.js';
import { invalid } from '../shared/errors.js';
import { DateOnly, Text } from '../shared/schema.js';
import { validate } from '../shared/validate.js';
import { actorName } from '../users/user.service.js';
import {
  PAYER_REPORT_JOB,
  PAYER_REPORT_PDF_JOB,
  type PayerReport,
  type PayerReportRequest,
} from './payer-report.job.js';

export const PayerReportQuery = Type.Object(
  {
    instrument: Type.Optional(Text({ minLength: 1, maxLength: 40, default: 'gad7', description: 'the instrument' })),
    from: DateOnly('the period’s first day (UTC, inclusive)'),
    to: DateOnly('the day after the period’s last day (UTC, exclusive)'),
    inductionDoses: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 20,
        default: DEFAULT_INDUCTION_DOSES,
        description: 'doses of the induction series a dropout is measured against',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PayerReportQuery = Static<typeof PayerReportQuery>;

function requestOf(ctx: ServiceContext, query: unknown): PayerReportRequest {
  const q = validate(PayerReportQuery, query);
  const from = Date.parse(`${q.from}T00:00:00Z`);
  const to = Date.parse(`${q.to}T00:00:00Z`);
  if (to <= from) throw invalid('to', 'must be after from');
  return {
    clinicId: ctx.clinicId,
    instrument: q.instrument ?? 'gad7',
    from,
    to,
    inductionDoses: q.inductionDoses ?? DEFAULT_INDUCTION_DOSES,
    asOf: ctx.now().getTime(),
  };
}

async function auditPayerRead(ctx: ServiceContext, detail: Record<string, unknown>): Promise<void> {
  await inTransaction(ctx, (tx) =>
    appendAudit(tx, { action: 'read', entity: 'payer-report', entityId: null, patientId: null, detail }),
  );
}

/** The payer report of a period, as figures. */
export async function payerReport(ctx: ServiceContext, query: unknown): Promise<PayerReport> {
  const request = requestOf(ctx, query);
  const report = await readWorkersOf(ctx).run(PAYER_REPORT_JOB, request);
  await auditPayerRead(ctx, { format: 'json', instrument: report.instrument.id, patients: report.n });
  return report;
}

/** The payer report of a period as its one-page PDF, naming who prepared it. */
export async function payerReportPdf(ctx: ServiceContext, query: unknown): Promise<Uint8Array> {
  const request = requestOf(ctx, query);
  const preparedBy = await actorName(ctx);
  const { pdf, n, instrument } = await readWorkersOf(ctx).run(PAYER_REPORT_PDF_JOB, { ...request, preparedBy });
  await auditPayerRead(ctx, { format: 'pdf', instrument, patients: n });
  return pdf;
}
