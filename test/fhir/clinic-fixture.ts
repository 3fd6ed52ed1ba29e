/**
 * A small clinic with every kind of record and the awkward cases an export must carry: an incomplete
 * form, C-SSRS skip logic, a synthetic patient, an ended course, a stopped medication, notes and vitals.
 */
import { adverseEventService } from '../../src/adverse-events/adverse-event.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { medicationService } from '../../src/medications/medication.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { therapySessionService } from '../../src/therapy-sessions/therapy-session.service.js';
import { aCourse, aDose, aPatient } from '../support/builders.js';

export interface FixtureIds {
  patients: string[];
}

export async function populateClinic(ctx: ServiceContext): Promise<FixtureIds> {
  const ada = await aPatient(ctx, {
    label: 'A-001',
    name: 'Ada Lovelace',
    email: 'ada@example.org',
    phone: '+44 20 7946 0000',
    birthYear: 1985,
    weightKg: 70,
    conditions: ['gad', 'depression'],
    history: ['hypertension'],
  });
  const course = await aCourse(ctx, ada.id, {
    phase: 'maintenance',
    notes: 'Induction of six; boosters as needed',
    usualDrug: 'racemic-ketamine',
    usualRoute: 'iv',
    usualMg: 35,
  });
  const assess = (
    patientId: string,
    instrument: string,
    completedAt: string,
    answers: unknown,
    courseId: string | null = course.id,
    source?: string,
  ) =>
    assessmentService.create(ctx, {
      patientId,
      instrument,
      completedAt,
      answers,
      ...(courseId === null ? {} : { courseId }),
      ...(source === undefined ? {} : { source }),
    });
  await assess(ada.id, 'gad7', '2026-01-04T09:00:00Z', [3, 3, 2, 2, 2, 2, 2], course.id, 'patient-link');
  const first = await aDose(ctx, ada.id, course.id, {
    givenAt: '2026-01-05T10:00:00Z',
    systolicAfter: 141,
    diastolicAfter: 90,
    heartRateBefore: 70,
    spo2Before: 98,
    dissociation: 6,
    priceUsd: 500,
    notes: 'Nausea at 30 min',
  });
  await assess(ada.id, 'cadss6', '2026-01-05T11:00:00Z', [2, 1, 0, 1, 0, 0]);
  await assess(
    ada.id,
    'gad7',
    '2026-01-06T09:00:00Z',
    { 1: 1, 2: 1, 3: 1, 4: 1, 5: 0, 6: 0, 7: 0 },
    course.id,
    'patient-link',
  );
  await assess(ada.id, 'phq9', '2026-01-07T09:00:00Z', [1, 1, 1, 0, 0, 0, 0, null, 0], null);
  await aDose(ctx, ada.id, course.id, { givenAt: '2026-01-08T10:00:00Z', mg: 40, observationMinutes: 90 });
  await assess(ada.id, 'gad7', '2026-01-09T09:00:00Z', [1, 0, 1, 0, 0, 0, 0]);
  await adverseEventService.create(ctx, {
    patientId: ada.id,
    doseId: first.id,
    category: 'bp-rise',
    grade: 2,
    onsetAt: '2026-01-05T10:40:00Z',
    action: 'none',
    outcome: 'resolved',
    notes: 'Settled by 60 min',
  });
  await therapySessionService.create(ctx, {
    patientId: ada.id,
    courseId: course.id,
    heldAt: '2026-01-06T15:00:00Z',
    kind: 'integration',
    modality: 'cbt',
    minutes: 50,
    notes: 'Reviewed the week',
  });
  await medicationService.create(ctx, {
    patientId: ada.id,
    name: 'Sertraline',
    drugClass: 'ssri',
    doseText: '100 mg mornings',
    startedOn: '2025-06-01',
  });

  const ben = await aPatient(ctx, {
    label: 'B-002',
    name: null,
    sex: 'male',
    birthYear: 1936,
    weightKg: 81.2,
    conditions: ['ptsd'],
    history: [],
    synthetic: true,
  });
  const pcl = await aCourse(ctx, ben.id, {
    primaryInstrument: 'pcl5',
    startedAt: '2026-01-12T08:00:00Z',
    endedAt: '2026-02-10T08:00:00Z',
    phase: 'ended',
    modality: 'ifs',
    defaultPriceUsd: null,
  });
  await assess(ben.id, 'pcl5', '2026-01-11T08:00:00Z', Array<number>(20).fill(3), pcl.id);
  await assess(ben.id, 'cssrs', '2026-01-11T08:30:00Z', { 1: 1, 2: 0, 6: 0 }, pcl.id);
  const spray = await aDose(ctx, ben.id, pcl.id, {
    givenAt: '2026-01-12T09:00:00Z',
    drug: 'esketamine',
    route: 'intranasal',
    mg: 56,
    setting: 'home-supervised',
    systolicBefore: null,
    diastolicBefore: null,
    observationMinutes: null,
  });
  await assess(ben.id, 'pcl5', '2026-01-13T08:00:00Z', Array<number>(20).fill(1), pcl.id);
  await adverseEventService.create(ctx, {
    patientId: ben.id,
    category: 'dissociation-distress',
    grade: 1,
    onsetAt: '2026-01-12T09:20:00Z',
  });
  await adverseEventService.create(ctx, {
    patientId: ben.id,
    doseId: spray.id,
    category: 'urinary',
    grade: 3,
    onsetAt: '2026-01-20T12:00:00Z',
    action: 'urology-referral',
    outcome: 'ongoing',
  });
  await therapySessionService.create(ctx, {
    patientId: ben.id,
    heldAt: '2026-01-10T15:00:00Z',
    kind: 'preparation',
    modality: 'ifs',
    minutes: 90,
  });
  await medicationService.create(ctx, {
    patientId: ben.id,
    name: 'Lorazepam',
    drugClass: 'benzodiazepine',
    startedOn: '2025-11-01',
    stoppedOn: '2026-01-02',
  });
  return { patients: [ada.id, ben.id] };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** JSON text with every UUID replaced by its order of first appearance, so two clinics' copies compare. */
export function withoutIds(value: unknown): string {
  const seen = new Map<string, string>();
  return JSON.stringify(value, null, 1).replace(UUID, (id) => {
    if (!seen.has(id)) seen.set(id, `#${seen.size + 1}`);
    return seen.get(id) ?? id;
  });
}
