/**
 * The payer report's words (docs/outcomes.md "Outcomes for payers"), one set for the PDF
 * (src/cohort/payer-pdf.ts) and the web page, so that both say the same thing about each figure: its value,
 * its n and, beside it, the key of its definition.
 */
import { plural } from '../../shared/plural.js';
import { addDays, dayWords } from '../../shared/time-zone.js';
import { ADVERSE_WORDS, vocabularyWords } from '../../shared/vocabulary.js';
import type { Proportion } from '../../stats/wilson.js';
import type { PayerReport } from '../cohort/payer.js';
import type { OutcomeMetricKey } from '../definitions.js';

export interface PayerLine {
  label: string;
  /** The figure with its n, e.g. "2 of 40 patients (5%; 95% CI 1–17%)". */
  value: string;
  /** What went into it, or null. */
  detail: string | null;
  definition: OutcomeMetricKey;
}

export interface PayerRow {
  dose: string;
  response: string;
  remission: string;
  n: string;
}

export interface PayerLines {
  title: string;
  meta: string[];
  notAClaim: string;
  /** The synthetic-data warning, or null for a clinic of real patients. */
  synthetic: string | null;
  responseHeading: string;
  responseRows: PayerRow[];
  figures: PayerLine[];
  definitionKeys: OutcomeMetricKey[];
}

function pct(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** "12 of 40 (30%; 95% CI 18–45%)", or "0 of 0 (no patients)". */
export function proportionWords(p: Proportion, of = ''): string {
  const counted = `${p.numerator} of ${p.denominator}${of === '' ? '' : ` ${of}`}`;
  if (p.proportion === null) return `${counted} (none to count)`;
  return `${counted} (${pct(p.proportion)}; 95% CI ${pct(p.lower).replace('%', '')}–${pct(p.upper)})`;
}

function usd(value: number): string {
  return value.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
}

function days(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** The report in words. */
export function payerLines(report: PayerReport): PayerLines {
  const lastDay = addDays(report.period.to, -1);
  const { dropout, costPerReliefDay: perDay, costPerResponder: perResponder, adverseEvents: ae } = report;
  const forms = report.remsFormsOnTime;
  const perHundred = ae.doses > 0 ? (ae.events / ae.doses) * 100 : null;
  const categories = ae.byCategory
    .map((c) => `${vocabularyWords(ADVERSE_WORDS, c.category)} ${c.per100Doses.toFixed(1)}`)
    .join('; ');
  const unknownCost = (count: number): string =>
    `unknown: ${plural(count, 'patient')} without a price or a default course price`;
  return {
    title: `Outcomes for payers: ${report.clinic.name}`,
    meta: [
      `Patients with a dose from ${dayWords(report.period.from)} to ${dayWords(lastDay)}: ` +
        `${report.n}, each counted in every figure (intention to treat). Instrument: ${report.instrument.name}.`,
      `Made ${dayWords(report.asOf.slice(0, 10))}, ${report.asOf.slice(11, 16)} UTC. Dropout and the REMS forms' deadlines are judged at ` +
        `that time (clinic time zone ${report.clinic.timeZone}).`,
    ],
    notAClaim: 'Onset prepares this report from the clinic’s records; it is not a claim.',
    synthetic: report.synthetic
      ? 'SYNTHETIC DATA: this clinic holds generated demo patients, not real people. Do not send this report to a payer.'
      : null,
    responseHeading: `Response and remission by dose number (intention to treat, n = ${report.n})`,
    responseRows: report.responseByDose.map((row) => ({
      dose: String(row.dose),
      response: proportionWords(row.itt.response),
      remission: proportionWords(row.itt.remission),
      n: String(row.itt.response.n),
    })),
    figures: [
      {
        label: 'Dropout',
        value: proportionWords(dropout.share, 'patients'),
        detail:
          `Induction series: ${plural(dropout.inductionDoses, 'dose')}; ${dropout.completedInduction} completed it, ` +
          `${dropout.stillInInduction} still in induction.`,
        definition: 'dropout',
      },
      {
        label: 'Cost per relief-day',
        value:
          perDay.valueUsd === null
            ? perDay.patientsWithUnknownCost > 0
              ? unknownCost(perDay.patientsWithUnknownCost)
              : 'unknown: no day in response'
            : `${usd(perDay.valueUsd)} (n = ${perDay.n} patients)`,
        detail:
          perDay.totalCostUsd === null
            ? null
            : `${usd(perDay.totalCostUsd)} ÷ ${days(perDay.reliefDays)} days in response.`,
        definition: 'cohortCostPerReliefDay',
      },
      {
        label: 'Cost per responder',
        value:
          perResponder.valueUsd === null
            ? perResponder.patientsWithUnknownCost > 0
              ? unknownCost(perResponder.patientsWithUnknownCost)
              : 'unknown: nobody responded'
            : `${usd(perResponder.valueUsd)} (n = ${perResponder.n} patients)`,
        detail:
          perResponder.totalCostUsd === null
            ? null
            : `${usd(perResponder.totalCostUsd)} ÷ ${plural(perResponder.responders, 'responder')}.`,
        definition: 'costPerResponder',
      },
      {
        label: 'Adverse events per 100 doses',
        value:
          perHundred === null
            ? 'no doses'
            : `${perHundred.toFixed(1)} (${plural(ae.events, 'event')} over ${plural(ae.doses, 'dose')})`,
        detail: categories === '' ? null : `By category, per 100 doses: ${categories}.`,
        definition: 'adverseEventsPer100Doses',
      },
      {
        label: 'REMS forms on time',
        value: forms.judged === 0 ? 'no esketamine form due in the period' : proportionWords(forms.share, 'forms'),
        detail: `${forms.late} late, ${forms.missing} missing past the due date, ` + `${forms.notYetDue} not yet due.`,
        definition: 'remsFormsOnTime',
      },
    ],
    definitionKeys: [
      'ittResponse',
      'ittRemission',
      'dropout',
      'cohortCostPerReliefDay',
      'costPerResponder',
      'adverseEventsPer100Doses',
      'remsFormsOnTime',
    ],
  };
}
