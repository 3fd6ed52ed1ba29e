import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../../test/fhir/fhir-schema.js';
import { listInstruments } from '../../instruments/registry.js';
import { LOINC } from '../constants.js';
import {
  adverseEventToFhir,
  assessmentToObservation,
  assessmentToQuestionnaireResponse,
  courseToFhir,
  doseToFhir,
  medicationToFhir,
  patientToFhir,
  questionnaireOf,
  readIncoming,
  therapySessionToFhir,
  type WritableType,
} from './index.js';
import { FhirReader, type Json } from './read.js';
import { literalId, restLink, uuidLink } from './reference.js';
import {
  COURSE_ID,
  DOSE_ID,
  PATIENT_ID,
  aCourseRecord,
  aDoseRecord,
  aMedicationRecord,
  aPatientRecord,
  aTherapySessionRecord,
  anAdverseEventRecord,
  anAssessmentRecord,
} from './test-records.js';

/** Reads a resource back as Onset would (references resolved to their ids); fails on any problem. */
function readBack(type: WritableType, resource: Resource): Record<string, unknown> {
  const reader = new FhirReader(type);
  const incoming = readIncoming(reader, type, JSON.parse(JSON.stringify(resource)) as Json);
  expect(reader.problems).toEqual([]);
  const body: Record<string, unknown> = { ...incoming.body };
  for (const ref of incoming.references) body[ref.field] = literalId(ref.reference, ref.target) ?? ref.reference;
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

const gad7 = anAssessmentRecord('gad7', [3, 3, 2, 2, 2, 2, 2]);

describe('records → FHIR resources', () => {
  const resources: Resource[] = [
    patientToFhir(aPatientRecord()),
    patientToFhir(
      aPatientRecord({
        name: null,
        email: null,
        phone: null,
        birthYear: null,
        sex: null,
        weightKg: null,
        conditions: [],
        history: [],
        synthetic: true,
      }),
    ),
    courseToFhir(aCourseRecord(), restLink),
    courseToFhir(
      aCourseRecord({
        phase: 'ended',
        endedAt: '2026-02-20T09:00:00.000Z',
        defaultPriceUsd: null,
        usualDrug: null,
        usualRoute: null,
        usualMg: null,
        notes: null,
      }),
      uuidLink,
    ),
    doseToFhir(aDoseRecord(), restLink),
    doseToFhir(
      aDoseRecord({
        observationMinutes: null,
        systolicBefore: null,
        diastolicBefore: null,
        heartRateBefore: null,
        spo2Before: null,
        systolicAfter: null,
        diastolicAfter: null,
        heartRateAfter: null,
        spo2After: null,
        dissociation: null,
        mgPerKg: null,
        priceUsd: null,
        notes: null,
      }),
      restLink,
    ),
    assessmentToQuestionnaireResponse(gad7, restLink),
    assessmentToObservation(gad7, restLink),
    adverseEventToFhir(anAdverseEventRecord(), restLink),
    adverseEventToFhir(
      anAdverseEventRecord({ doseId: null, action: null, notes: null, grade: 5, outcome: 'fatal' }),
      restLink,
    ),
    therapySessionToFhir(aTherapySessionRecord(), restLink),
    medicationToFhir(aMedicationRecord(), restLink),
    medicationToFhir(aMedicationRecord({ stoppedOn: null, doseText: null }), restLink),
  ];

  it.each(resources.map((r) => [`${r.resourceType} ${resources.indexOf(r)}`, r] as const))(
    '%s validates against the FHIR R4 JSON schema',
    (_name, resource) => {
      expect(schemaErrors(resource)).toEqual([]);
    },
  );

  it.each(listInstruments().map((def) => [def.id, def] as const))(
    'the %s Questionnaire validates against the FHIR R4 JSON schema',
    (_id, def) => {
      expect(schemaErrors(questionnaireOf(def))).toEqual([]);
    },
  );

  it('a GAD-7 score is an Observation coded LOINC 70274-6 with total 16, band severe, derived from its response', () => {
    // 3+3+2+2+2+2+2 = 16, in the severe band 15–21 (Spitzer 2006).
    const observation = assessmentToObservation(gad7, restLink);
    expect(observation.code.coding?.[0]).toEqual({ system: LOINC, code: '70274-6' });
    expect(observation.valueInteger).toBe(16);
    expect(observation.interpretation?.[0]?.text).toBe('severe');
    expect(observation.derivedFrom).toEqual([{ reference: `QuestionnaireResponse/${gad7.id}` }]);
  });

  it('PHQ-9 and PCL-5 totals carry LOINC 44261-6 and 101698-9; HAM-A has only the Onset code', () => {
    const phq9 = assessmentToObservation(anAssessmentRecord('phq9', [1, 1, 1, 1, 1, 1, 1, 1, 0]), restLink);
    const pcl5 = assessmentToObservation(anAssessmentRecord('pcl5', Array<number>(20).fill(2)), restLink);
    const hama = assessmentToObservation(anAssessmentRecord('hama', Array<number>(14).fill(1)), restLink);
    expect(phq9.code.coding?.[0]?.code).toBe('44261-6');
    expect(pcl5.code.coding?.[0]?.code).toBe('101698-9');
    expect(pcl5.valueInteger).toBe(40); // 20 items × 2
    expect(hama.code.coding?.map((c) => c.code)).toEqual(['hama-total']);
  });

  it('an incomplete form has no total: the Observation says why instead of a value', () => {
    const incomplete = anAssessmentRecord('gad7', [3, 3, null, 2, 2, 2, 2]);
    const observation = assessmentToObservation(incomplete, restLink);
    expect(observation.valueInteger).toBeUndefined();
    expect(observation.dataAbsentReason?.text).toMatch(/incomplete/);
    expect(schemaErrors(observation)).toEqual([]);
  });

  it('answers go out as the item’s LOINC answer coding; a patient-link response names the patient as source', () => {
    const qr = assessmentToQuestionnaireResponse(gad7, restLink);
    expect(qr.questionnaire).toBe('https://onset.health/fhir/Questionnaire/gad7');
    expect(qr.item?.[0]?.answer?.[0]?.valueCoding).toEqual({
      system: LOINC,
      code: 'LA6571-9',
      display: 'Nearly every day',
    });
    expect(qr.source).toEqual({ reference: `Patient/${PATIENT_ID}` });
  });
});

describe('FHIR resources → records, back without loss', () => {
  it('patient', () => {
    const p = aPatientRecord();
    expect(readBack('Patient', patientToFhir(p))).toEqual({
      label: p.label,
      name: p.name,
      email: p.email,
      phone: p.phone,
      birthYear: 1985,
      sex: 'female',
      weightKg: 68.5,
      conditions: ['gad', 'depression'],
      history: ['hypertension'],
    });
    expect(
      readBack('Patient', patientToFhir(aPatientRecord({ synthetic: true, conditions: [], history: [] }))),
    ).toMatchObject({ synthetic: true });
  });

  it('course', () => {
    const { id: _i, clinicId: _c, createdAt: _cr, updatedAt: _u, endedAt: _e, ...input } = aCourseRecord();
    expect(readBack('EpisodeOfCare', courseToFhir(aCourseRecord(), restLink))).toEqual(input);
    expect(
      readBack(
        'EpisodeOfCare',
        courseToFhir(aCourseRecord({ phase: 'ended', endedAt: '2026-02-20T09:00:00.000Z' }), restLink),
      ),
    ).toMatchObject({ phase: 'ended', endedAt: '2026-02-20T09:00:00.000Z' });
  });

  it('dose (mg/kg is derived again when stored, so it is not read back)', () => {
    const { id: _i, clinicId: _c, createdAt: _cr, updatedAt: _u, mgPerKg: _k, ...input } = aDoseRecord();
    expect(readBack('MedicationAdministration', doseToFhir(aDoseRecord(), restLink))).toEqual(input);
  });

  it('assessment: answers by linkId, source and course kept', () => {
    expect(readBack('QuestionnaireResponse', assessmentToQuestionnaireResponse(gad7, restLink))).toEqual({
      patientId: PATIENT_ID,
      courseId: COURSE_ID,
      instrument: 'gad7',
      completedAt: gad7.completedAt,
      source: 'patient-link',
      answers: { 1: 3, 2: 3, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2 },
    });
  });

  it.each(listInstruments().map((def) => [def.id, def] as const))(
    'assessment on %s: every answer value survives',
    (_id, def) => {
      const answers = Object.fromEntries(def.items.map((item) => [item.linkId, item.max]));
      if (def.id === 'cssrs') Object.assign(answers, { 3: 0, 4: 0, 5: 0 }); // asked because item 2 is yes
      const record = anAssessmentRecord(def.id, answers);
      expect(readBack('QuestionnaireResponse', assessmentToQuestionnaireResponse(record, restLink)).answers).toEqual(
        answers,
      );
    },
  );

  it('adverse event, therapy session and medication', () => {
    const { id: _a, clinicId: _b, createdAt: _c, updatedAt: _d, ...event } = anAdverseEventRecord();
    expect(readBack('AdverseEvent', adverseEventToFhir(anAdverseEventRecord(), restLink))).toEqual(event);
    const { id: _e, clinicId: _f, createdAt: _g, updatedAt: _h, ...session } = aTherapySessionRecord();
    expect(readBack('Procedure', therapySessionToFhir(aTherapySessionRecord(), restLink))).toEqual(session);
    const { id: _i, clinicId: _j, createdAt: _k, updatedAt: _l, ...medication } = aMedicationRecord();
    expect(readBack('MedicationStatement', medicationToFhir(aMedicationRecord(), restLink))).toEqual(medication);
    expect(readBack('AdverseEvent', adverseEventToFhir(anAdverseEventRecord(), restLink)).doseId).toBe(DOSE_ID);
  });
});
