// The web forms' checks read their limits from the server's schemas (web/src/app/validate.ts limitsOf):
// these tests hold the web rule to the schema's limit, field by field, with the numbers written out.
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { CourseInput } from '../../src/courses/course.schema.js';
import { DoseInput } from '../../src/doses/dose.schema.js';
import { ForecastSettingsInput } from '../../src/patients/forecast-settings.schema.js';
import { PatientInput } from '../../src/patients/patient.schema.js';
import { Nullable, StringEnum } from '../../src/shared/schema.js';
import { DRUGS } from '../../src/shared/vocabulary.js';
import { TherapySessionInput } from '../../src/therapy-sessions/therapy-session.schema.js';
import { checkLength, checkNumber, limitsOf, numberRule } from '../../web/src/app/validate.js';

describe('limits read from the schemas', () => {
  it('gives the dose fields their schema ranges', () => {
    expect(limitsOf(DoseInput, 'mg')).toEqual({ required: true, min: 0, exclusiveMin: true, max: 1000 });
    expect(limitsOf(DoseInput, 'systolicBefore')).toEqual({ required: false, min: 50, max: 300, integer: true });
    expect(limitsOf(DoseInput, 'drug')).toEqual({ required: true, values: DRUGS });
    expect(numberRule(DoseInput, 'mg', { what: 'the dose', unit: 'mg' })).toEqual({
      what: 'the dose',
      unit: 'mg',
      required: true,
      min: 0,
      exclusiveMin: true,
      max: 1000,
    });
  });

  it('gives the patient, course, therapy and settings fields theirs', () => {
    expect(limitsOf(PatientInput, 'weightKg')).toEqual({ required: false, min: 2, max: 500 });
    expect(limitsOf(PatientInput, 'label')).toEqual({ required: true, minLength: 1, maxLength: 64 });
    expect(limitsOf(CourseInput, 'usualMg')).toEqual({ required: false, min: 0, exclusiveMin: true, max: 1000 });
    expect(limitsOf(TherapySessionInput, 'minutes')).toEqual({ required: true, min: 1, max: 600, integer: true });
    expect(limitsOf(ForecastSettingsInput, 'reliefEndingWithinDays')).toEqual({
      required: false,
      min: 1,
      max: 30,
      integer: true,
    });
  });

  it('makes the web check refuse what the schema refuses, and accept what it accepts', () => {
    const weight = numberRule(PatientInput, 'weightKg', { what: 'the weight', unit: 'kg' });
    expect(checkNumber('1.5', weight)).toEqual({
      ok: false,
      error: 'The weight: 1.5 kg is outside the allowed range (at least 2 kg and at most 500 kg)',
    });
    expect(checkNumber('450', weight)).toEqual({ ok: true, value: 450 });
    expect(checkLength('x'.repeat(65), 'a label', limitsOf(PatientInput, 'label'))).toEqual({
      ok: false,
      error: 'A label must be at most 64 characters (it has 65)',
    });
    expect(checkLength('', 'a label', limitsOf(PatientInput, 'label'))).toEqual({ ok: false, error: 'Enter a label' });
  });

  it('follows a change of the schema: a different limit gives a different web rule', () => {
    const changed = Type.Object({
      mg: Type.Number({ exclusiveMinimum: 0, maximum: 1500 }),
      minutes: Type.Optional(Nullable(Type.Integer({ minimum: 5, maximum: 90 }))),
      route: StringEnum(['iv', 'im']),
    });
    expect(limitsOf(changed, 'mg')).toEqual({ required: true, min: 0, exclusiveMin: true, max: 1500 });
    expect(checkNumber('1200', numberRule(changed, 'mg', { what: 'the dose', unit: 'mg' }))).toEqual({
      ok: true,
      value: 1200,
    });
    expect(checkNumber('1200', numberRule(DoseInput, 'mg', { what: 'the dose', unit: 'mg' })).ok).toBe(false);
    expect(limitsOf(changed, 'minutes')).toEqual({ required: false, min: 5, max: 90, integer: true });
    expect(limitsOf(changed, 'route')).toEqual({ required: true, values: ['iv', 'im'] });
  });

  it('names a field the schema does not have', () => {
    expect(() => limitsOf(DoseInput, 'milligrams')).toThrow('limitsOf: the schema has no field "milligrams"');
  });
});
