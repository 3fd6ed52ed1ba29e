import { describe, expect, it } from 'vitest';
import { isOnsetError } from '../shared/errors.js';
import type { Json } from './map/read.js';
import { parseDate, parseSearch, type SearchType } from './search.js';
import { matchesAll } from './search-match.js';

const matches = (type: SearchType, query: Record<string, string | string[]>, resource: Json): boolean =>
  matchesAll(resource, parseSearch(type, query).criteria);

function problems(type: SearchType, query: Record<string, unknown>): string[] {
  try {
    parseSearch(type, query);
    return [];
  } catch (error) {
    if (!isOnsetError(error)) throw error;
    return error.problems.map((p) => `${p.field}: ${p.reason}`);
  }
}

describe('parseSearch', () => {
  it('reads paging and narrows to one patient', () => {
    const parsed = parseSearch('QuestionnaireResponse', { patient: 'Patient/abc', _count: '20', _offset: '40' });
    expect(parsed).toMatchObject({ count: 20, offset: 40, patientId: 'abc' });
    expect(parseSearch('Observation', {})).toMatchObject({ count: 100, offset: 0, patientId: undefined });
  });

  it('names every unknown parameter, unsupported modifier and bad value at once', () => {
    expect(problems('Patient', { nmae: 'x', 'identifier:above': 'y', _count: '5000', _offset: '1.5' })).toEqual([
      'nmae: is not a known field',
      'identifier:above: is not a known field',
      '_count: must be at most 1000',
      '_offset: must be a whole number',
    ]);
    expect(problems('QuestionnaireResponse', { authored: 'after2026' })[0]).toMatch(
      /^authored: "after2026" must be \[eq\|ne\|gt\|ge\|lt\|le\]YYYY/,
    );
    expect(problems('QuestionnaireResponse', { authored: '2026-02-30' })).toHaveLength(1);
  });

  it('turns a date of each precision into the range it stands for', () => {
    const range = (text: string): [string, string] => {
      const value = parseDate(text, 'date');
      if (value.kind !== 'date') throw new Error('not a date');
      return [new Date(value.start).toISOString(), new Date(value.end).toISOString()];
    };
    expect(range('2026')).toEqual(['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    expect(range('2026-02')).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
    expect(range('ge2026-02-28')).toEqual(['2026-02-28T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
    expect(range('2026-02-28T10:00+02:00')).toEqual(['2026-02-28T08:00:00.000Z', '2026-02-28T08:01:00.000Z']);
  });
});

describe('matching', () => {
  const qr = {
    resourceType: 'QuestionnaireResponse',
    subject: { reference: 'Patient/p1' },
    questionnaire: 'https://onset.health/fhir/Questionnaire/gad7',
    authored: '2026-01-04T09:00:00.000Z',
  };

  it('dates: eq within the day, ge/gt/le/lt at the day boundaries', () => {
    expect(matches('QuestionnaireResponse', { authored: '2026-01-04' }, qr)).toBe(true);
    expect(matches('QuestionnaireResponse', { authored: 'ne2026-01-04' }, qr)).toBe(false);
    expect(matches('QuestionnaireResponse', { authored: 'ge2026-01-04' }, qr)).toBe(true);
    expect(matches('QuestionnaireResponse', { authored: 'gt2026-01-04' }, qr)).toBe(false);
    expect(matches('QuestionnaireResponse', { authored: 'gt2026-01-03' }, qr)).toBe(true);
    expect(matches('QuestionnaireResponse', { authored: 'lt2026-01-04' }, qr)).toBe(false);
    expect(matches('QuestionnaireResponse', { authored: 'le2026-01-04' }, qr)).toBe(true);
    // Repeated parameters are AND-ed: a window.
    expect(matches('QuestionnaireResponse', { authored: ['ge2026-01-01', 'lt2026-01-05'] }, qr)).toBe(true);
    expect(matches('QuestionnaireResponse', { authored: ['ge2026-01-05', 'lt2026-01-09'] }, qr)).toBe(false);
  });

  it('questionnaire by canonical URL (with version), id, or LOINC panel; patient with or without its type', () => {
    for (const questionnaire of [
      'https://onset.health/fhir/Questionnaire/gad7|1.0.0',
      'Questionnaire/gad7',
      '69737-5',
      'http://loinc.org/q/69737-5',
    ]) {
      expect(matches('QuestionnaireResponse', { questionnaire }, qr)).toBe(true);
    }
    expect(matches('QuestionnaireResponse', { questionnaire: '44249-1' }, qr)).toBe(false);
    expect(matches('QuestionnaireResponse', { patient: 'p1' }, qr)).toBe(true);
    expect(matches('QuestionnaireResponse', { subject: 'Patient/p2,Patient/p1' }, qr)).toBe(true); // OR within a parameter
  });

  it('tokens match code, or system and code; names from the start of any part, ignoring case and accents', () => {
    const patient = {
      resourceType: 'Patient',
      identifier: [{ system: 'https://onset.health/fhir/patient-label', value: 'MRN-7' }],
      name: [{ text: 'Zoë Brontë' }],
    };
    expect(matches('Patient', { identifier: 'MRN-7' }, patient)).toBe(true);
    expect(matches('Patient', { identifier: 'https://onset.health/fhir/patient-label|MRN-7' }, patient)).toBe(true);
    expect(matches('Patient', { identifier: 'http://other|MRN-7' }, patient)).toBe(false);
    expect(matches('Patient', { name: 'zoe' }, patient)).toBe(true);
    expect(matches('Patient', { name: 'BRON' }, patient)).toBe(true);
    expect(matches('Patient', { name: 'ront' }, patient)).toBe(false);
    expect(matches('Patient', { 'name:contains': 'ront' }, patient)).toBe(true);
    expect(matches('Patient', { 'name:exact': 'Zoë Brontë' }, patient)).toBe(true);
    expect(matches('Patient', { 'name:exact': 'zoë brontë' }, patient)).toBe(false);
  });
});
