import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../../test/fhir/fhir-schema.js';
import { precheck } from '../write.js';
import { readIncoming, type WritableType } from './index.js';
import { FhirReader, type Json } from './read.js';

/** Reads and prechecks a resource as a create would; returns every problem ("expression: reason"). */
function problemsOf(type: WritableType, resource: Json): string[] {
  const reader = new FhirReader(type);
  const incoming = readIncoming(reader, type, resource);
  const problems = reader.problems.length > 0 ? reader.problems : precheck(incoming, type).problems;
  return problems.map((p) => `${p.field}: ${p.reason}`);
}

const subject = { reference: 'Patient/22222222-2222-4222-8222-222222222222' };

function aResponse(items: Json[], questionnaire = 'https://onset.health/fhir/Questionnaire/gad7'): Json {
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire,
    subject,
    authored: '2026-01-04T09:00:00Z',
    item: items,
  };
}

const loincAnswer = (linkId: string, code: string): Json => ({
  linkId,
  answer: [{ valueCoding: { system: 'http://loinc.org', code } }],
});
const integerAnswer = (linkId: string, value: unknown): Json => ({ linkId, answer: [{ valueInteger: value }] });

describe('reading a QuestionnaireResponse', () => {
  it('takes LOINC answer codes and integers, with the questionnaire named by its LOINC panel code', () => {
    // GAD-7 panel 69737-5; LA6568-5…LA6571-9 = 0…3.
    const items = [
      loincAnswer('1', 'LA6571-9'),
      loincAnswer('2', 'LA6570-1'),
      integerAnswer('3', 1),
      loincAnswer('4', 'LA6568-5'),
      integerAnswer('5', 0),
      integerAnswer('6', 2),
      loincAnswer('7', 'LA6569-3'),
    ];
    const reader = new FhirReader('QuestionnaireResponse');
    const incoming = readIncoming(reader, 'QuestionnaireResponse', aResponse(items, '69737-5'));
    expect(reader.problems).toEqual([]);
    expect(incoming.body).toMatchObject({ instrument: 'gad7', answers: { 1: 3, 2: 2, 3: 1, 4: 0, 5: 0, 6: 2, 7: 1 } });
    // 3+2+1+0+0+2+1 = 9: mild (5–9, Spitzer 2006).
    expect(precheck(incoming, 'QuestionnaireResponse').score).toMatchObject({ total: 9, band: 'mild' });
  });

  it('knows PHQ-9 by the LOINC questionnaire URL', () => {
    const items = Array.from({ length: 9 }, (_, i) => loincAnswer(String(i + 1), 'LA6569-3'));
    const reader = new FhirReader('QuestionnaireResponse');
    const incoming = readIncoming(reader, 'QuestionnaireResponse', aResponse(items, 'http://loinc.org/q/44249-1'));
    expect(reader.problems).toEqual([]);
    expect(precheck(incoming, 'QuestionnaireResponse').score?.total).toBe(9); // nine items × 1
  });

  it('names the answer that is out of range, by its FHIRPath', () => {
    const items = ['1', '2']
      .map((l) => integerAnswer(l, 1))
      .concat(
        [integerAnswer('3', 4)],
        ['4', '5', '6', '7'].map((l) => integerAnswer(l, 0)),
      );
    expect(problemsOf('QuestionnaireResponse', aResponse(items))).toEqual([
      'QuestionnaireResponse.item[2].answer[0]: 4 is outside 0–3',
    ]);
  });

  it('names an unknown answer code, an unknown item, a second answer and a non-integer, all at once', () => {
    const items = [
      loincAnswer('1', 'LA9999-9'),
      integerAnswer('2', 1.5),
      { linkId: '3', answer: [{ valueInteger: 1 }, { valueInteger: 2 }] },
      integerAnswer('8', 1),
      { linkId: '4', answer: [{ valueString: 'often' }] },
    ];
    expect(problemsOf('QuestionnaireResponse', aResponse(items))).toEqual([
      expect.stringMatching(
        /^QuestionnaireResponse\.item\[0\]\.answer\[0\]\.valueCoding: http:\/\/loinc\.org\|LA9999-9 is not an answer to item 1; allowed codes: LA6568-5 \(0\)/,
      ),
      'QuestionnaireResponse.item[1].answer[0].valueInteger: 1.5 is not a whole number',
      'QuestionnaireResponse.item[2].answer[1]: item 3 takes one answer',
      expect.stringMatching(
        /^QuestionnaireResponse\.item\[3\]\.linkId: "8" is not an item of GAD-7 \(items: 1, 2, 3, 4, 5, 6, 7\)/,
      ),
      expect.stringMatching(/^QuestionnaireResponse\.item\[4\]\.answer\[0\]\.valueString: is not stored by Onset/),
      'QuestionnaireResponse.item[4].answer[0]: needs valueCoding (an answer code) or valueInteger (the item value)',
    ]);
  });

  it('refuses an unknown questionnaire, naming what is known', () => {
    expect(problemsOf('QuestionnaireResponse', aResponse([], 'http://example.org/Questionnaire/bdi'))[0]).toMatch(
      /^QuestionnaireResponse\.questionnaire: "http:\/\/example\.org\/Questionnaire\/bdi" is not a questionnaire Onset knows; .*69737-5 \(GAD-7\)/,
    );
  });
});

describe('reading other resources', () => {
  it('a Patient: refuses what Onset would not store and asks for the label', () => {
    const problems = problemsOf('Patient', {
      resourceType: 'Patient',
      gender: 'woman',
      address: [{ city: 'Leeds' }],
      birthDate: '1985-13',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^Patient\.address: is not stored by Onset; supported here: /),
      "Patient.identifier: is required: the patient's label (pseudonym or MRN) with system https://onset.health/fhir/patient-label",
      'Patient.gender: "woman" is not one of: female, male, other, unknown',
      'Patient.birthDate: "1985-13" must be a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD (Onset keeps the year only)',
    ]);
  });

  it('a Patient with a full birth date keeps the year only', () => {
    const reader = new FhirReader('Patient');
    const incoming = readIncoming(reader, 'Patient', {
      resourceType: 'Patient',
      identifier: [{ system: 'https://onset.health/fhir/patient-label', value: 'P-9' }],
      birthDate: '1985-04-12',
    });
    expect(reader.problems).toEqual([]);
    expect(incoming.body).toEqual({ label: 'P-9', birthYear: 1985 });
  });

  it('a MedicationAdministration: mg only, a known route, a setting; the service rules come back on the element', () => {
    const dose: Json = {
      resourceType: 'MedicationAdministration',
      status: 'completed',
      medicationCodeableConcept: {
        coding: [{ system: 'https://onset.health/fhir/CodeSystem/drug', code: 'racemic-ketamine' }],
      },
      subject,
      context: { reference: 'EpisodeOfCare/33333333-3333-4333-8333-333333333333' },
      effectiveDateTime: '2026-01-05T10:00:00Z',
      dosage: {
        route: { coding: [{ system: 'http://snomed.info/sct', code: '12345' }] },
        dose: { value: 0.035, unit: 'g', system: 'http://unitsofmeasure.org', code: 'g' },
      },
    };
    expect(problemsOf('MedicationAdministration', dose)).toEqual([
      expect.stringMatching(/^MedicationAdministration\.dosage\.dose\.code: must be "mg"/),
      expect.stringMatching(
        /^MedicationAdministration\.dosage\.route: needs a route Onset records: .*47625008 Intravenous route/,
      ),
      expect.stringMatching(
        /^MedicationAdministration\.extension: needs the https:\/\/onset\.health\/fhir\/StructureDefinition\/dose-setting extension/,
      ),
    ]);
  });

  it('a schema-level refusal is named by the element it came from', () => {
    const patient: Json = {
      resourceType: 'Patient',
      identifier: [{ system: 'https://onset.health/fhir/patient-label', value: 'P-9' }],
      telecom: [{ system: 'email', value: 'not-an-address' }],
    };
    expect(problemsOf('Patient', patient)).toEqual(['Patient.telecom[0].value: must be an e-mail address']);
  });

  it('the schema check itself catches a bad resource (so the passing checks mean something)', () => {
    expect(schemaErrors({ resourceType: 'Patient', gender: 'woman' } as { resourceType: string })).not.toEqual([]);
  });
});
