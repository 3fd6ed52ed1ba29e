import { describe, expect, it } from 'vitest';
import { FhirReader, type Json } from './read.js';
import { restLink } from './reference.js';
import { DOSE_ID, aDoseRecord } from './test-records.js';
import { doseVitalObservations } from './vital-signs.js';
import { readVitalSign, vitalSignProblems } from './vital-signs-read.js';

const observation = (slot: string): Json => {
  const found = doseVitalObservations(aDoseRecord(), null, restLink).find((o) => o.id === `${DOSE_ID}.${slot}`);
  return JSON.parse(JSON.stringify(found)) as Json;
};

function read(resource: Json): { problems: string[]; vital: ReturnType<typeof readVitalSign> } {
  const r = new FhirReader('Observation');
  const vital = readVitalSign(r, resource);
  return { problems: r.problems.map((p) => `${p.field}: ${p.reason}`), vital };
}

describe('reading a vital-sign Observation', () => {
  it('reads back what Onset sends: the kind, the dose, the period and each value at its element', () => {
    const { problems, vital } = read(observation('bp-after'));
    expect(problems).toEqual([]);
    expect(vital).toEqual({
      kind: 'bp',
      dose: `MedicationAdministration/${DOSE_ID}`,
      subject: 'Patient/22222222-2222-4222-8222-222222222222',
      effective: { start: '2026-01-05T10:00:00.000Z', end: '2026-01-05T12:00:00.000Z' },
      values: [
        { quantity: 'systolic', value: 139, at: 'component[0].valueQuantity.value' },
        { quantity: 'diastolic', value: 88, at: 'component[1].valueQuantity.value' },
      ],
    });
  });

  it('refuses another unit, a code Onset does not record, a status that is no measurement, and a fraction', () => {
    const mmHg = observation('bp-before');
    ((mmHg.component as Json[])[0]!.valueQuantity as Json).code = 'mmHg';
    expect(read(mmHg).problems).toEqual([
      'Observation.component[0].valueQuantity.code: must be "mm[Hg]" (UCUM); Onset does not convert units',
    ]);
    const other = observation('hr-before');
    other.code = { coding: [{ system: 'http://loinc.org', code: '9279-1' }] };
    other.status = 'preliminary';
    expect(read(other).problems).toEqual([
      'Observation.status: "preliminary": Onset records vital signs that were measured (final, amended, corrected)',
      'Observation.code: needs one LOINC vital sign Onset records: 85354-9 (blood pressure panel), 8867-4 (heart rate), 2708-6 or 59408-5 (oxygen saturation)',
    ]);
    const fraction = observation('spo2-after');
    (fraction.valueQuantity as Json).value = 96.5;
    expect(read(fraction).problems).toEqual([
      'Observation.valueQuantity.value: 96.5 is not a whole number: Onset records vital signs in whole units',
    ]);
  });

  it('checks each against the dose: before equal, after the highest pressure, the lowest SpO2', () => {
    const body = { givenAt: '2026-01-05T10:00:00Z', systolicBefore: 128, systolicAfter: 139, diastolicAfter: 88 };
    const dose = { index: 2, body, subject: 'Patient/22222222-2222-4222-8222-222222222222' };
    const vital = (slot: string, root: string) => ({ root, vital: read(observation(slot)).vital! });
    expect(vitalSignProblems([vital('bp-after', 'Bundle.entry[3].resource')], dose)).toEqual([]);
    const lower = read(observation('bp-after')).vital!;
    lower.values = [{ quantity: 'systolic', value: 120, at: 'component[0].valueQuantity.value' }];
    lower.effective = { at: '2026-01-05T10:40:00Z' };
    // 139 and 120 after the dose: the highest, 139, is the dose's; the lower reading agrees.
    expect(vitalSignProblems([vital('bp-after', 'E1'), { root: 'E2', vital: lower }], dose)).toEqual([]);
    expect(vitalSignProblems([vital('bp-before', 'E1')], dose)).toEqual([
      {
        field: 'E1.component[1].valueQuantity.value',
        reason: 'states 82 mm[Hg], but the dose it is part of (Bundle.entry[2]) records no pre-dose diastolic pressure',
      },
    ]);
    const early = read(observation('hr-after')).vital!;
    early.effective = { start: '2026-01-05T09:00:00Z' };
    expect(vitalSignProblems([{ root: 'E3', vital: early }], dose)).toEqual([
      {
        field: 'E3.effectivePeriod',
        reason: 'must end at or before the dose (2026-01-05T10:00:00Z), or start at or after it',
      },
    ]);
  });
});
