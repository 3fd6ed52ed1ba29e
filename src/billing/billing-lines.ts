import { localDateOf } from '../shared/time-zone.js';

/**
 * The billing lines a clinic prepares from its records (pure). Onset prepares the lines and does not
 * submit claims. Each code carries the source it was checked against and that source's date
 * (docs/rems.md, "Billing lines"); a code no source we found supports is left out.
 */

export interface BillingCode {
  code: string;
  system: 'HCPCS' | 'CPT';
  description: string;
  source: string;
  sourceDate: string;
}

/** G2082 and G2083 (HCPCS Level II, effective 1 January 2020), as docs/rems.md cites them. */
export const G2082: BillingCode = {
  code: 'G2082',
  system: 'HCPCS',
  description:
    'Office or other outpatient visit, established patient, supervision and provision of up to 56 mg esketamine nasal self-administration, includes 2 hours post-administration observation',
  source: 'CMS HCPCS Level II code G2082, added 2020-01-01 (docs/rems.md, "Billing lines")',
  sourceDate: '2020-01-01',
};
export const G2083: BillingCode = {
  code: 'G2083',
  system: 'HCPCS',
  description:
    'Office or other outpatient visit, established patient, supervision and provision of greater than 56 mg esketamine nasal self-administration, includes 2 hours post-administration observation',
  source: 'CMS HCPCS Level II code G2083, added 2020-01-01 (docs/rems.md, "Billing lines")',
  sourceDate: '2020-01-01',
};
/** CPT 96127, per standardised instrument (AMA CPT descriptor as docs/rems.md cites it). */
export const CPT_96127: BillingCode = {
  code: '96127',
  system: 'CPT',
  description: 'Brief emotional/behavioral assessment with scoring and documentation, per standardized instrument',
  source: 'AMA CPT 96127 descriptor, as quoted in the coding guide of 2025-12-25 cited in docs/rems.md',
  sourceDate: '2025-12-25',
};

/** The esketamine dose that G2082 covers at most, in mg ("up to 56 mg"). */
export const G2082_MAX_MG = 56;

/**
 * The instruments Onset counts as standardised for CPT 96127: published, validated scales. Onset's own
 * single-item ratings (anxiety VAS, craving, urinary symptoms) are not (docs/rems.md).
 */
export const STANDARDISED_INSTRUMENTS: ReadonlySet<string> = new Set([
  'gad7',
  'phq9',
  'hama',
  'lsas',
  'minispin',
  'ocir',
  'ybocs',
  'pcl5',
  'cssrs',
  'cadss6',
]);

export interface BillableDose {
  id: string;
  patientId: string;
  givenAt: string;
  drug: string;
  route: string;
  mg: number;
}

export interface BillableAssessment {
  id: string;
  patientId: string;
  instrument: string;
  completedAt: string;
  complete: boolean;
}

export interface BillingLine {
  patientId: string;
  /** The clinic-local date of the service (the visit). */
  serviceDate: string;
  code: string;
  system: BillingCode['system'];
  units: number;
  description: string;
  /** What the line was prepared from: the dose, or the instruments completed that day. */
  basis: string;
  source: string;
  sourceDate: string;
}

/** The esketamine code for a recorded dose: G2082 up to 56 mg, G2083 above. */
export function esketamineCode(mg: number): BillingCode {
  return mg <= G2082_MAX_MG ? G2082 : G2083;
}

const lineOf = (
  code: BillingCode,
  rest: Omit<BillingLine, 'code' | 'system' | 'description' | 'source' | 'sourceDate'>,
): BillingLine => ({
  ...rest,
  code: code.code,
  system: code.system,
  description: code.description,
  source: code.source,
  sourceDate: code.sourceDate,
});

/**
 * One esketamine line per intranasal esketamine dose; one 96127 line per patient and clinic-local day with
 * a unit per distinct standardised instrument completed that day, at most `maxUnits96127` (the clinic's
 * per-visit cap). A visit is a patient's clinic-local day (Onset's choice, docs/rems.md).
 */
export function billingLines(input: {
  doses: readonly BillableDose[];
  assessments: readonly BillableAssessment[];
  timeZone: string;
  maxUnits96127: number;
}): BillingLine[] {
  const lines: BillingLine[] = [];
  for (const dose of input.doses) {
    if (dose.drug !== 'esketamine' || dose.route !== 'intranasal') continue;
    lines.push(
      lineOf(esketamineCode(dose.mg), {
        patientId: dose.patientId,
        serviceDate: localDateOf(Date.parse(dose.givenAt), input.timeZone),
        units: 1,
        basis: `dose ${dose.id} (${dose.mg} mg)`,
      }),
    );
  }
  const visits = new Map<string, { patientId: string; date: string; instruments: Set<string> }>();
  for (const a of input.assessments) {
    if (!a.complete || !STANDARDISED_INSTRUMENTS.has(a.instrument)) continue;
    const date = localDateOf(Date.parse(a.completedAt), input.timeZone);
    const key = `${a.patientId} ${date}`;
    const visit = visits.get(key) ?? { patientId: a.patientId, date, instruments: new Set<string>() };
    visit.instruments.add(a.instrument);
    visits.set(key, visit);
  }
  for (const visit of visits.values()) {
    const instruments = [...visit.instruments].sort();
    lines.push(
      lineOf(CPT_96127, {
        patientId: visit.patientId,
        serviceDate: visit.date,
        units: Math.min(instruments.length, input.maxUnits96127),
        basis: `instruments ${instruments.join(', ')}`,
      }),
    );
  }
  return lines.sort(
    (x, y) =>
      x.serviceDate.localeCompare(y.serviceDate) ||
      x.patientId.localeCompare(y.patientId) ||
      x.code.localeCompare(y.code),
  );
}

/** The CSV columns of `onset export billing`, in order (docs/rems.md, "Billing lines"). */
export const BILLING_COLUMNS = [
  'patient_id',
  'patient_label',
  'service_date',
  'code_system',
  'code',
  'units',
  'description',
  'basis',
  'source',
  'source_date',
] as const;

/** A line as a CSV row in BILLING_COLUMNS order. */
export function billingRow(line: BillingLine, patientLabel: string): (string | number)[] {
  return [
    line.patientId,
    patientLabel,
    line.serviceDate,
    line.system,
    line.code,
    line.units,
    line.description,
    line.basis,
    line.source,
    line.sourceDate,
  ];
}
