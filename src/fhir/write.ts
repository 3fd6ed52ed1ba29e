/**
 * Writing an incoming FHIR resource through Onset's own services, so it gets exactly the validation,
 * safety rules and audit a form or API write gets; refusals come back naming the FHIR element.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { TObject } from '@sinclair/typebox';
import { adverseEventService } from '../adverse-events/adverse-event.service.js';
import type { Assessment } from '../assessments/assessment.schema.js';
import { assessmentService } from '../assessments/assessment.service.js';
import { submitQuestionnaire } from '../assessments/submit-questionnaire.js';
import { courseService } from '../courses/course.service.js';
import { doseService } from '../doses/dose.service.js';
import { scoreAnswers } from '../instruments/score.js';
import type { ScoreResult } from '../instruments/types.js';
import { medicationService } from '../medications/medication.service.js';
import { patientService } from '../patients/patient.service.js';
import type { ServiceContext } from '../records/context.js';
import { therapySessionService } from '../therapy-sessions/therapy-session.service.js';
import { invalidMany, isOnsetError, type FieldProblem } from '../shared/errors.js';
import { schemaProblems } from '../shared/validate.js';
import * as map from './map/index.js';
import { pathOfField, type Incoming, type RecordKind } from './map/incoming.js';
import { restLink } from './map/reference.js';
import { joinPath } from './outcome.js';

/** Who answered an assessment that names no source: 'clinician' for an API write, 'import' for an import. */
export type DefaultSource = 'clinician' | 'import';

const SCHEMAS: Readonly<Record<RecordKind, TObject>> = {
  patient: patientService.schema,
  course: courseService.schema,
  dose: doseService.schema,
  assessment: assessmentService.schema,
  'adverse-event': adverseEventService.schema,
  'therapy-session': therapySessionService.schema,
  medication: medicationService.schema,
};

/** Stands in for a reference not yet resolved, so the rest of the body can be checked before any write. */
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

/** Onset's problems (by field) as problems by FHIR element below `root`. */
export function toFhirProblems(incoming: Incoming, root: string, problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.map((p) => ({ field: joinPath(root, pathOfField(incoming, p.field)), reason: p.reason }));
}

/** The body without undefined members (absent, as the schemas expect). */
function compact(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/**
 * Every problem Onset can find without the database: the record's schema (references stood in for) and,
 * for a questionnaire, the answers against the instrument. Returns the score when the answers are valid.
 */
export function precheck(incoming: Incoming, root: string): { problems: FieldProblem[]; score: ScoreResult | null } {
  const body = compact({
    ...incoming.body,
    ...Object.fromEntries(incoming.references.map((ref) => [ref.field, PLACEHOLDER_ID])),
  });
  const problems = toFhirProblems(incoming, root, schemaProblems(SCHEMAS[incoming.kind], body));
  let score: ScoreResult | null = null;
  if (
    incoming.kind === 'assessment' &&
    typeof body.instrument === 'string' &&
    typeof body.answers === 'object' &&
    body.answers !== null
  ) {
    try {
      score = scoreAnswers(body.instrument, body.answers as Record<string, number>);
    } catch (error) {
      if (!isOnsetError(error)) throw error;
      problems.push(...toFhirProblems(incoming, root, error.problems));
    }
  }
  return { problems, score };
}

/** A stored record, back as the FHIR resource a client reads. */
export interface Written {
  kind: RecordKind;
  id: string;
  resource: Resource;
}

/** Writes one incoming resource whose references are resolved into `body`; refusals name FHIR elements below `root`. */
export async function writeIncoming(
  ctx: ServiceContext,
  incoming: Incoming,
  body: Record<string, unknown>,
  root: string,
  defaultSource: DefaultSource,
): Promise<Written> {
  try {
    const resource = await create(ctx, incoming.kind, compact(body), defaultSource);
    return { kind: incoming.kind, id: resource.id ?? '', resource };
  } catch (error) {
    if (isOnsetError(error) && error.code === 'VALIDATION_FAILED')
      throw invalidMany(toFhirProblems(incoming, root, error.problems));
    throw error;
  }
}

async function create(
  ctx: ServiceContext,
  kind: RecordKind,
  body: Record<string, unknown>,
  defaultSource: DefaultSource,
): Promise<Resource> {
  switch (kind) {
    case 'patient':
      return map.patientToFhir(await patientService.create(ctx, body));
    case 'course':
      return map.courseToFhir(await courseService.create(ctx, body), restLink);
    case 'dose':
      return map.doseToFhir(await doseService.create(ctx, body), restLink);
    case 'assessment':
      return map.assessmentToQuestionnaireResponse(await createAssessment(ctx, body, defaultSource), restLink);
    case 'adverse-event':
      return map.adverseEventToFhir(await adverseEventService.create(ctx, body), restLink);
    case 'therapy-session':
      return map.therapySessionToFhir(await therapySessionService.create(ctx, body), restLink);
    case 'medication':
      return map.medicationToFhir(await medicationService.create(ctx, body), restLink);
  }
}

/**
 * A questionnaire with no stated source is a submission by the API user, exactly as a form submission
 * (submitQuestionnaire); one with a source (an Onset export) or from an import keeps that provenance.
 */
async function createAssessment(
  ctx: ServiceContext,
  body: Record<string, unknown>,
  defaultSource: DefaultSource,
): Promise<Assessment> {
  if (body.source === undefined && defaultSource === 'clinician') {
    const { assessment } = await submitQuestionnaire(ctx, {
      patientId: String(body.patientId),
      instrument: String(body.instrument),
      answers: body.answers,
      completedAt: String(body.completedAt),
      courseId: typeof body.courseId === 'string' ? body.courseId : null,
    });
    return assessment;
  }
  return assessmentService.create(ctx, { ...body, source: body.source ?? defaultSource });
}
