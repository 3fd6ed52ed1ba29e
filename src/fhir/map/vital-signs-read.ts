/**
 * Incoming vital-sign Observations (a Bundle's, e.g. Onset's own export): Onset keeps a dose's vitals on
 * the dose (its dose-monitoring extension), so an Observation is accepted only as part of a
 * MedicationAdministration entry of the same transaction, and only when it agrees with what that dose
 * records, by the rules Onset itself uses to derive the Observations (vital-signs.ts):
 * - a reading before the dose (a period that ends at or before it, or a time at or before it) is the
 *   dose's pre-dose value;
 * - after the dose, the highest systolic and the highest diastolic pressure are the dose's post-dose
 *   pressure, each heart rate is its post-dose heart rate;
 * - a pulse oximetry reading with its own time is a reading of the monitored session, whose lowest is the
 *   dose's post-dose SpO2 (docs/rems.md); one over the period after the dose is that value itself.
 * Nothing is stored from the Observation; a disagreement is refused, naming the element.
 */
import type { FieldProblem } from '../../shared/errors.js';
import { LOINC } from '../constants.js';
import { RESOURCE_ELEMENTS, readQuantity } from './common.js';
import { child, type FhirReader, type Json } from './read.js';
import { VITAL_CODES, VITAL_UNITS, type Effective, type VitalKind } from './vital-signs.js';

export type Quantity = 'systolic' | 'diastolic' | 'hr' | 'spo2';

/** One value an Observation states, with the FHIRPath of the value below the resource. */
export interface StatedValue {
  quantity: Quantity;
  value: number;
  at: string;
}

export interface IncomingVital {
  kind: VitalKind;
  /** The reference of the MedicationAdministration it is part of, as written. */
  dose: string;
  /** The reference of its subject, as written. */
  subject: string | undefined;
  effective: Effective;
  values: StatedValue[];
}

/** The dose an Observation is checked against: its entry and the body read from its MedicationAdministration. */
export interface DoseEntry {
  index: number;
  body: Readonly<Record<string, unknown>>;
  /** The reference its subject makes, as written. */
  subject: string | undefined;
}

const ELEMENTS = [
  ...RESOURCE_ELEMENTS,
  'status',
  'category',
  'code',
  'subject',
  'partOf',
  'effectiveDateTime',
  'effectivePeriod',
  'valueQuantity',
  'component',
];

/** The statuses of a value that stands (R4 observation-status). */
const STANDING = ['final', 'amended', 'corrected'];

const KIND_OF_CODE: Readonly<Record<string, VitalKind>> = {
  [VITAL_CODES.bp.code]: 'bp',
  [VITAL_CODES.hr.code]: 'hr',
  [VITAL_CODES.spo2.code]: 'spo2',
  [VITAL_CODES.pulseOximetry.code]: 'spo2',
};

const KNOWN_CODES = `${VITAL_CODES.bp.code} (blood pressure panel), ${VITAL_CODES.hr.code} (heart rate), ${VITAL_CODES.spo2.code} or ${VITAL_CODES.pulseOximetry.code} (oxygen saturation)`;

/** True when an incoming Observation presents itself as part of an event (a vital sign of a dose). */
export function isVitalSign(resource: Json): boolean {
  return resource.partOf !== undefined;
}

/** Reads a vital-sign Observation; problems collect on the reader. */
export function readVitalSign(r: FhirReader, resource: Json): IncomingVital | undefined {
  r.only(resource, ELEMENTS, '');
  const status = r.str(resource, 'status', '', true);
  if (status !== undefined && !STANDING.includes(status))
    r.fail('status', `"${status}": Onset records vital signs that were measured (${STANDING.join(', ')})`);
  const kind = readKind(r, resource);
  const dose = readPartOf(r, resource);
  const subject = r.obj(resource, 'subject', '', true);
  const effective = readEffective(r, resource);
  if (kind === undefined || dose === undefined || effective === undefined) return undefined;
  const problemsBefore = r.problems.length;
  const values = kind === 'bp' ? readPressures(r, resource) : readRate(r, resource, kind);
  if (values.length === 0) {
    // A value refused is named where it is; a resource with none at all is refused as a whole.
    if (r.problems.length === problemsBefore)
      r.fail(kind === 'bp' ? 'component' : 'valueQuantity', 'states no value: Onset keeps only measured vital signs');
    return undefined;
  }
  const subjectRef = subject === undefined ? undefined : r.str(subject, 'reference', 'subject', true);
  return { kind, dose, subject: subjectRef, effective, values };
}

function readKind(r: FhirReader, resource: Json): VitalKind | undefined {
  const code = r.obj(resource, 'code', '', true);
  if (code === undefined) return undefined;
  const kinds = r
    .objects(code, 'coding', 'code')
    .filter((c) => c.value.system === LOINC && typeof c.value.code === 'string')
    .map((c) => KIND_OF_CODE[c.value.code as string])
    .filter((k): k is VitalKind => k !== undefined);
  const kind = kinds[0];
  if (kind === undefined || kinds.some((k) => k !== kind)) {
    r.fail('code', `needs one LOINC vital sign Onset records: ${KNOWN_CODES}`);
    return undefined;
  }
  return kind;
}

function readPartOf(r: FhirReader, resource: Json): string | undefined {
  const parts = r.objects(resource, 'partOf', '', true);
  for (const extra of parts.slice(1)) r.fail(extra.at, 'Onset links a vital sign to one dose: give one partOf');
  const first = parts[0];
  if (first === undefined) return undefined;
  r.only(first.value, ['reference', 'display', 'type'], first.at);
  return r.str(first.value, 'reference', first.at, true);
}

function readEffective(r: FhirReader, resource: Json): Effective | undefined {
  if (resource.effectiveDateTime !== undefined) {
    const at = r.dateTime(resource, 'effectiveDateTime', '');
    return at === undefined ? undefined : { at };
  }
  const period = r.obj(resource, 'effectivePeriod', '');
  if (period === undefined) {
    r.fail('effectiveDateTime', 'is required (or effectivePeriod): when the vital sign was taken');
    return undefined;
  }
  r.only(period, ['start', 'end'], 'effectivePeriod');
  const start = r.dateTime(period, 'start', 'effectivePeriod');
  const end = r.dateTime(period, 'end', 'effectivePeriod');
  if (start === undefined && end === undefined) {
    r.fail('effectivePeriod', 'needs a start or an end');
    return undefined;
  }
  return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
}

/** A whole number in the kind's UCUM unit (Onset records vitals in whole units and does not convert). */
function readValue(r: FhirReader, q: Json | undefined, at: string, kind: VitalKind): number | undefined {
  const value = readQuantity(r, q, at, VITAL_UNITS[kind].code);
  if (value === undefined || Number.isInteger(value)) return value;
  r.fail(child(at, 'value'), `${value} is not a whole number: Onset records vital signs in whole units`);
  return undefined;
}

function readRate(r: FhirReader, resource: Json, kind: 'hr' | 'spo2'): StatedValue[] {
  if (resource.component !== undefined) r.fail('component', 'Onset reads components only on a blood pressure panel');
  const value = readValue(r, r.obj(resource, 'valueQuantity', '', true), 'valueQuantity', kind);
  return value === undefined ? [] : [{ quantity: kind, value, at: 'valueQuantity.value' }];
}

function readPressures(r: FhirReader, resource: Json): StatedValue[] {
  if (resource.valueQuantity !== undefined)
    r.fail(
      'valueQuantity',
      `a blood pressure panel carries its values in component (${VITAL_CODES.systolic.code}, ${VITAL_CODES.diastolic.code})`,
    );
  const stated: StatedValue[] = [];
  for (const component of r.objects(resource, 'component', '', true)) {
    r.only(component.value, ['code', 'valueQuantity', 'dataAbsentReason'], component.at);
    const codes = r
      .objects(r.obj(component.value, 'code', component.at, true) ?? {}, 'coding', child(component.at, 'code'))
      .filter((c) => c.value.system === LOINC)
      .map((c) => c.value.code);
    const quantity = codes.includes(VITAL_CODES.systolic.code)
      ? 'systolic'
      : codes.includes(VITAL_CODES.diastolic.code)
        ? 'diastolic'
        : undefined;
    if (quantity === undefined) {
      r.fail(
        child(component.at, 'code'),
        `needs LOINC ${VITAL_CODES.systolic.code} (systolic) or ${VITAL_CODES.diastolic.code} (diastolic)`,
      );
      continue;
    }
    if (stated.some((s) => s.quantity === quantity)) {
      r.fail(component.at, `repeats the ${quantity} pressure, which a panel states once`);
      continue;
    }
    const at = child(component.at, 'valueQuantity');
    const value = readValue(r, r.obj(component.value, 'valueQuantity', component.at), at, 'bp');
    if (value !== undefined) stated.push({ quantity, value, at: child(at, 'value') });
  }
  return stated;
}

export type Phase = 'before' | 'after';

/**
 * Before or after the dose given at `givenAt`, or why neither. A pulse oximetry reading with its own time
 * is one of the monitored session's, which Onset summarises as the post-dose SpO2.
 */
export function phaseOf(v: Pick<IncomingVital, 'kind' | 'effective'>, givenAt: string): Phase | { refused: string } {
  const given = Date.parse(givenAt);
  const e = v.effective;
  if ('at' in e) return v.kind === 'spo2' || Date.parse(e.at) > given ? 'after' : 'before';
  if (e.start !== undefined) {
    if (Date.parse(e.start) >= given) return 'after';
  } else if (e.end !== undefined && Date.parse(e.end) <= given) return 'before';
  return { refused: `must end at or before the dose (${givenAt}), or start at or after it` };
}

/** The slot of the Observation Onset derives for a reading of this kind and phase, e.g. `bp-after`. */
export function slotOf(kind: VitalKind, phase: Phase): string {
  return `${kind}-${phase}`;
}

const FIELD: Readonly<Record<Phase, Readonly<Record<Quantity, string>>>> = {
  before: { systolic: 'systolicBefore', diastolic: 'diastolicBefore', hr: 'heartRateBefore', spo2: 'spo2Before' },
  after: { systolic: 'systolicAfter', diastolic: 'diastolicAfter', hr: 'heartRateAfter', spo2: 'spo2After' },
};

const NAME: Readonly<Record<Quantity, { what: string; unit: string }>> = {
  systolic: { what: 'systolic pressure', unit: 'mm[Hg]' },
  diastolic: { what: 'diastolic pressure', unit: 'mm[Hg]' },
  hr: { what: 'heart rate', unit: '/min' },
  spo2: { what: 'SpO2', unit: '%' },
};

/** How the post-dose values of a quantity make the dose's one value: the highest, the lowest, or each alike. */
const AFTER_RULE: Readonly<Record<Quantity, 'highest' | 'lowest' | 'each'>> = {
  systolic: 'highest',
  diastolic: 'highest',
  hr: 'each',
  spo2: 'lowest',
};

export interface CheckedVital {
  /** The Observation's entry, as `Bundle.entry[i].resource`. */
  root: string;
  vital: IncomingVital;
}

/**
 * Where the vital-sign Observations of one dose disagree with it (their subject, their time, or a value
 * the dose records otherwise), each problem at the element.
 */
export function vitalSignProblems(vitals: readonly CheckedVital[], dose: DoseEntry): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const doseAt = `Bundle.entry[${dose.index}]`;
  const givenAt = typeof dose.body.givenAt === 'string' ? dose.body.givenAt : undefined;
  const groups = new Map<string, { phase: Phase; quantity: Quantity; values: (StatedValue & { root: string })[] }>();
  for (const { root, vital } of vitals) {
    if (vital.subject !== undefined && dose.subject !== undefined && vital.subject !== dose.subject)
      problems.push({
        field: `${root}.subject`,
        reason: `"${vital.subject}" must be the patient of the dose it is part of (${doseAt}: "${dose.subject}")`,
      });
    if (givenAt === undefined) continue;
    const phase = phaseOf(vital, givenAt);
    if (typeof phase !== 'string') {
      const at = 'at' in vital.effective ? 'effectiveDateTime' : 'effectivePeriod';
      problems.push({ field: `${root}.${at}`, reason: phase.refused });
      continue;
    }
    for (const value of vital.values) {
      const key = `${phase}:${value.quantity}`;
      const group = groups.get(key) ?? { phase, quantity: value.quantity, values: [] };
      group.values.push({ ...value, root });
      groups.set(key, group);
    }
  }
  for (const { phase, quantity, values } of groups.values()) {
    const recorded = dose.body[FIELD[phase][quantity]];
    const doseValue = typeof recorded === 'number' ? recorded : undefined;
    const { what, unit } = NAME[quantity];
    const records =
      doseValue === undefined
        ? `records no ${phase === 'before' ? 'pre' : 'post'}-dose ${what}`
        : `records a ${phase === 'before' ? 'pre' : 'post'}-dose ${what} of ${doseValue} ${unit}`;
    const rule = phase === 'before' ? 'each' : AFTER_RULE[quantity];
    if (rule === 'each') {
      for (const v of values)
        if (v.value !== doseValue)
          problems.push({
            field: `${v.root}.${v.at}`,
            reason: `states ${v.value} ${unit}, but the dose it is part of (${doseAt}) ${records}`,
          });
      continue;
    }
    const pick = rule === 'highest' ? Math.max : Math.min;
    const extreme = pick(...values.map((v) => v.value));
    if (extreme === doseValue) continue;
    const v = values.find((x) => x.value === extreme);
    if (v === undefined) continue;
    problems.push({
      field: `${v.root}.${v.at}`,
      reason: `is the ${rule} post-dose ${what} stated for the dose it is part of (${extreme} ${unit}), but that dose (${doseAt}) ${records}: Onset keeps the ${rule} post-dose reading on the dose`,
    });
  }
  return problems;
}
