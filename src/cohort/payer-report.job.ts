/**
 * The one-page outcomes report for payers (docs/outcomes.md "Outcomes for payers"), computed on a read
 * worker like the cohort report (cohort-report.job.ts): the ITT cohort of the period, its dropout and
 * costs, and the period's REMS forms on time, all read from one snapshot.
 */
import { getClinic } from '../clinics/clinic.service.js';
import { readJob, type WorkerReads } from '../db/read-job.js';
import { getInstrument } from '../instruments/registry.js';
import { cohortMembers, computeCohortReport } from '../outcomes/cohort/compute.js';
import { cohortCostPerReliefDay, dropoutFigure, type PayerReport } from '../outcomes/cohort/payer.js';
import { OUTCOME_DEFINITIONS, type OutcomeMetricKey } from '../outcomes/definitions.js';
import { systemContext } from '../records/context.js';
import { formsOnTime } from '../rems/monitoring.js';
import { listDoseForms } from '../rems/rems-session.repository.js';
import { wilsonProportion } from '../stats/wilson.js';
import { loadCohortInputs, outcomeDefinition } from './cohort-inputs.js';
import { hasSyntheticPatients } from './cohort.repository.js';
import { payerReportPdf } from './payer-pdf.js';

export type { PayerReport } from '../outcomes/cohort/payer.js';

export interface PayerReportRequest {
  clinicId: string;
  instrument: string;
  /** The period [from, to): epoch ms of UTC midnights. */
  from: number;
  to: number;
  inductionDoses: number;
  /** When the report is made (epoch ms): dropout and the forms' deadlines are judged at this instant. */
  asOf: number;
}

const REPORTED: readonly OutcomeMetricKey[] = [
  'ittResponse',
  'ittRemission',
  'dropout',
  'cohortCostPerReliefDay',
  'costPerResponder',
  'adverseEventsPer100Doses',
  'remsFormsOnTime',
];

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The payer report of one clinic and period, computed on a read worker. */
export async function computePayerReportJob(reads: WorkerReads, input: PayerReportRequest): Promise<PayerReport> {
  const definition = outcomeDefinition(input.instrument);
  const filter = { from: input.from, to: input.to };
  const ctx = systemContext(reads.handle, input.clinicId);
  const fromIso = new Date(input.from).toISOString();
  const toIso = new Date(input.to).toISOString();
  const { clinic, patients, forms, synthetic } = await reads.snapshot(ctx, async (tx) => ({
    clinic: await getClinic(tx.db, tx.clinicId),
    patients: await loadCohortInputs(tx, { instrument: definition.instrument, ...filter }),
    forms: await listDoseForms(tx.db, tx.clinicId, fromIso, toIso),
    synthetic: await hasSyntheticPatients(tx.db, tx.clinicId),
  }));
  const cohortInput = { definition, patients, filter };
  const members = cohortMembers(cohortInput);
  const cohort = computeCohortReport(cohortInput, members);
  const asOf = new Date(input.asOf);
  const onTime = formsOnTime(
    forms.map((f) => ({ givenAt: f.given_at, submittedAt: f.form_submitted_at })),
    asOf,
    clinic.timeZone,
  );
  return {
    clinic: { name: clinic.name, timeZone: clinic.timeZone },
    synthetic,
    instrument: { id: definition.instrument, name: getInstrument(definition.instrument).shortName },
    definition,
    period: { from: isoDate(input.from), to: isoDate(input.to) },
    asOf: asOf.toISOString(),
    n: cohort.n,
    withoutBaseline: cohort.withoutBaseline,
    responseByDose: cohort.responseByDose.rows.map((row) => ({ dose: row.dose, itt: row.itt })),
    dropout: dropoutFigure(members.summaries, input.asOf, input.inductionDoses),
    costPerReliefDay: cohortCostPerReliefDay(members.summaries),
    costPerResponder: cohort.costPerResponder,
    adverseEvents: cohort.adverseEvents,
    remsFormsOnTime: {
      ...onTime,
      n: onTime.judged,
      definition: 'remsFormsOnTime',
      share: wilsonProportion(onTime.onTime, onTime.judged),
    },
    definitions: Object.fromEntries(REPORTED.map((key) => [key, OUTCOME_DEFINITIONS[key]])),
  };
}

export const PAYER_REPORT_JOB = readJob('the payer report', import.meta.url, computePayerReportJob);

export interface PayerReportPdf {
  pdf: Uint8Array;
  /** Patients in the report, for the audit entry. */
  n: number;
  instrument: string;
}

/** The payer report as its one-page PDF, drawn on the worker as well (payer-pdf.ts). */
export async function payerReportPdfJob(
  reads: WorkerReads,
  input: PayerReportRequest & { preparedBy: string },
): Promise<PayerReportPdf> {
  const { preparedBy, ...request } = input;
  const report = await computePayerReportJob(reads, request);
  return { pdf: await payerReportPdf(report, preparedBy), n: report.n, instrument: report.instrument.id };
}

export const PAYER_REPORT_PDF_JOB = readJob('the payer report', import.meta.url, payerReportPdfJob);
