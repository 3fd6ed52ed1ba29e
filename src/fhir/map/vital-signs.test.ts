import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../../test/fhir/fhir-schema.js';
import { restLink } from './reference.js';
import { DOSE_ID, PATIENT_ID, aDoseRecord, aSessionReadingsRecord } from './test-records.js';
import { doseVitalObservations, parseVitalId } from './vital-signs.js';

// Every expected value below is written out by hand from the records in test-records.ts: the dose given
// 2026-01-05T10:00Z, observed 120 minutes, 128/82 before and 139/88 after, heart rate 72 then 80, SpO2 98
// then 97; its session 128/82 at 09:50, 146/84 at 10:41, 131/88 at 11:58, SpO2 97 at 10:25 and 95 at 10:55.
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const VITAL_SIGNS = {
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/observation-category',
      code: 'vital-signs',
      display: 'Vital Signs',
    },
  ],
  text: 'Vital Signs',
};
const BP_CODE = {
  coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel with all children optional' }],
  text: 'Blood pressure',
};
const mmHg = (value: number) => ({ value, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' });
const systolic = (value: number) => ({
  code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] },
  valueQuantity: mmHg(value),
});
const diastolic = (value: number) => ({
  code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }] },
  valueQuantity: mmHg(value),
});
const common = {
  resourceType: 'Observation',
  status: 'final',
  category: [VITAL_SIGNS],
  subject: { reference: `Patient/${PATIENT_ID}` },
  partOf: [{ reference: `MedicationAdministration/${DOSE_ID}` }],
};
const BEFORE = { effectivePeriod: { end: '2026-01-05T10:00:00.000Z' } };
const AFTER = { effectivePeriod: { start: '2026-01-05T10:00:00.000Z', end: '2026-01-05T12:00:00.000Z' } };
const SPO2_CODE = {
  coding: [
    { system: LOINC, code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
    { system: LOINC, code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
  ],
  text: 'Oxygen saturation',
};

const byId = (observations: Observation[]): Record<string, Observation> =>
  Object.fromEntries(observations.map((o) => [o.id ?? '', o]));

describe('a dose’s vitals as vital-sign Observations', () => {
  const observations = doseVitalObservations(aDoseRecord(), null, restLink);

  it('gives one Observation per reading, with ids from the dose id', () => {
    expect(observations.map((o) => o.id)).toEqual([
      `${DOSE_ID}.bp-before`,
      `${DOSE_ID}.bp-after`,
      `${DOSE_ID}.hr-before`,
      `${DOSE_ID}.hr-after`,
      `${DOSE_ID}.spo2-before`,
      `${DOSE_ID}.spo2-after`,
    ]);
  });

  it('codes, units and values: blood pressure panel, heart rate, oxygen saturation; no time invented', () => {
    const o = byId(observations);
    expect(o[`${DOSE_ID}.bp-before`]).toEqual({
      ...common,
      id: `${DOSE_ID}.bp-before`,
      meta: { lastUpdated: '2026-02-01T08:00:00.000Z', profile: ['http://hl7.org/fhir/StructureDefinition/bp'] },
      code: BP_CODE,
      ...BEFORE,
      component: [systolic(128), diastolic(82)],
    });
    expect(o[`${DOSE_ID}.bp-after`]).toMatchObject({ ...AFTER, component: [systolic(139), diastolic(88)] });
    expect(o[`${DOSE_ID}.hr-before`]).toEqual({
      ...common,
      id: `${DOSE_ID}.hr-before`,
      meta: {
        lastUpdated: '2026-02-01T08:00:00.000Z',
        profile: ['http://hl7.org/fhir/StructureDefinition/heartrate'],
      },
      code: { coding: [{ system: LOINC, code: '8867-4', display: 'Heart rate' }], text: 'Heart rate' },
      ...BEFORE,
      valueQuantity: { value: 72, unit: 'beats/minute', system: UCUM, code: '/min' },
    });
    expect(o[`${DOSE_ID}.hr-after`]).toMatchObject({ ...AFTER, valueQuantity: { value: 80, code: '/min' } });
    expect(o[`${DOSE_ID}.spo2-before`]).toMatchObject({
      meta: { profile: ['http://hl7.org/fhir/StructureDefinition/oxygensat'] },
      code: SPO2_CODE,
      ...BEFORE,
      valueQuantity: { value: 98, unit: '%', system: UCUM, code: '%' },
    });
    expect(o[`${DOSE_ID}.spo2-after`]).toMatchObject({ ...AFTER, valueQuantity: { value: 97, code: '%' } });
    for (const observation of observations) expect(observation.effectiveDateTime).toBeUndefined();
  });

  it('after the dose without an observation time: a period that only starts at the dose', () => {
    const [after] = doseVitalObservations(
      aDoseRecord({ observationMinutes: null, systolicBefore: null, diastolicBefore: null, heartRateBefore: null }),
      null,
      restLink,
    );
    expect(after).toMatchObject({ id: `${DOSE_ID}.bp-after`, effectivePeriod: { start: '2026-01-05T10:00:00.000Z' } });
    expect(after?.effectivePeriod?.end).toBeUndefined();
  });

  it('a pressure with one value recorded says the other is absent; no vitals, no Observations', () => {
    const [only] = doseVitalObservations(
      aDoseRecord({ diastolicBefore: null, systolicAfter: null, diastolicAfter: null }),
      null,
      restLink,
    );
    expect(only?.component).toEqual([
      systolic(128),
      {
        code: diastolic(0).code,
        dataAbsentReason: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown', display: 'Unknown' },
          ],
          text: 'not recorded',
        },
      },
    ]);
    const none = aDoseRecord({
      systolicBefore: null,
      diastolicBefore: null,
      heartRateBefore: null,
      spo2Before: null,
      systolicAfter: null,
      diastolicAfter: null,
      heartRateAfter: null,
      spo2After: null,
    });
    expect(doseVitalObservations(none, null, restLink)).toEqual([]);
  });

  it('every one validates against the FHIR R4 schema', () => {
    for (const observation of observations) expect(schemaErrors(observation as never)).toEqual([]);
  });
});

describe('with a REMS monitored session', () => {
  // As the session writes into the dose: 128/82 before, the highest of 146/84 and 131/88 after, the lowest SpO2.
  const dose = aDoseRecord({ systolicAfter: 146, diastolicAfter: 88, spo2After: 95, observationMinutes: 125 });
  const observations = doseVitalObservations(dose, aSessionReadingsRecord(), restLink);
  const o = byId(observations);

  it('the session’s three pressures at their own times and each SpO2 reading; the dose’s summaries are not repeated', () => {
    expect(observations.map((x) => x.id)).toEqual([
      `${DOSE_ID}.bp-before`,
      `${DOSE_ID}.bp-40min`,
      `${DOSE_ID}.bp-discharge`,
      `${DOSE_ID}.hr-before`,
      `${DOSE_ID}.hr-after`,
      `${DOSE_ID}.spo2-before`,
      `${DOSE_ID}.spo2-1`,
      `${DOSE_ID}.spo2-2`,
    ]);
    expect(o[`${DOSE_ID}.bp-before`]).toMatchObject({
      meta: { lastUpdated: '2026-01-05T12:10:00.000Z' },
      effectiveDateTime: '2026-01-05T09:50:00.000Z',
      component: [systolic(128), diastolic(82)],
    });
    expect(o[`${DOSE_ID}.bp-40min`]).toMatchObject({
      ...common,
      code: BP_CODE,
      effectiveDateTime: '2026-01-05T10:41:00.000Z',
      component: [systolic(146), diastolic(84)],
    });
    expect(o[`${DOSE_ID}.bp-discharge`]).toMatchObject({
      effectiveDateTime: '2026-01-05T11:58:00.000Z',
      component: [systolic(131), diastolic(88)],
    });
    // The readings in time order: 97 % at 10:25, then 95 % at 10:55.
    expect(o[`${DOSE_ID}.spo2-1`]).toMatchObject({
      code: SPO2_CODE,
      effectiveDateTime: '2026-01-05T10:25:00.000Z',
      valueQuantity: { value: 97, code: '%' },
    });
    expect(o[`${DOSE_ID}.spo2-2`]).toMatchObject({
      effectiveDateTime: '2026-01-05T10:55:00.000Z',
      valueQuantity: { value: 95 },
    });
    // Heart rates and the pre-dose SpO2 are the dose's own (the session records none), over their periods.
    expect(o[`${DOSE_ID}.hr-after`]).toMatchObject({
      meta: { lastUpdated: '2026-02-01T08:00:00.000Z' },
      effectivePeriod: { start: '2026-01-05T10:00:00.000Z', end: '2026-01-05T12:05:00.000Z' },
      valueQuantity: { value: 80 },
    });
    for (const observation of observations) expect(schemaErrors(observation as never)).toEqual([]);
  });

  it('a reading whose time was not recorded falls back to the period it is known to fall in', () => {
    const untimed = doseVitalObservations(
      dose,
      aSessionReadingsRecord({ beforeAt: null, fortyMinuteAt: null }),
      restLink,
    );
    const u = byId(untimed);
    expect(u[`${DOSE_ID}.bp-before`]?.effectivePeriod).toEqual({ end: '2026-01-05T10:00:00.000Z' });
    expect(u[`${DOSE_ID}.bp-40min`]?.effectivePeriod).toEqual({
      start: '2026-01-05T10:00:00.000Z',
      end: '2026-01-05T12:05:00.000Z',
    });
  });

  it('an empty session leaves the dose’s own readings', () => {
    const empty = aSessionReadingsRecord({
      beforeSystolic: null,
      beforeDiastolic: null,
      fortyMinuteSystolic: null,
      fortyMinuteDiastolic: null,
      dischargeSystolic: null,
      dischargeDiastolic: null,
      pulseOximetry: [],
    });
    expect(doseVitalObservations(aDoseRecord(), empty, restLink).map((x) => x.id)).toEqual(
      doseVitalObservations(aDoseRecord(), null, restLink).map((x) => x.id),
    );
  });
});

describe('parseVitalId', () => {
  it('reads the dose id and the reading; anything else is not a vital sign’s id', () => {
    expect(parseVitalId(`${DOSE_ID}.bp-40min`)).toEqual({ doseId: DOSE_ID, slot: 'bp-40min' });
    expect(parseVitalId(`${DOSE_ID}.spo2-12`)).toEqual({ doseId: DOSE_ID, slot: 'spo2-12' });
    for (const id of [DOSE_ID, `${DOSE_ID}.bp`, `${DOSE_ID}.spo2-0`, 'x.bp-before', `${DOSE_ID}.bp-before.x`])
      expect(parseVitalId(id), id).toBeUndefined();
    // The longest id is a FHIR id: [A-Za-z0-9\-\.]{1,64}.
    expect(`${DOSE_ID}.bp-discharge`).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
  });
});
