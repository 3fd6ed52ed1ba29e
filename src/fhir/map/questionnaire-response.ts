/**
 * Onset assessment ↔ FHIR QuestionnaireResponse. Answers go out as the item's answer coding (LOINC
 * where the instrument has LOINC answers) and come in as `valueCoding` or `valueInteger`.
 */
import type {
  Extension,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import type { Assessment } from '../../assessments/assessment.schema.js';
import { ordinalValueOf, type QuestionnaireItem } from '../../instruments/fhir.js';
import { getInstrument } from '../../instruments/registry.js';
import type { InstrumentDefinition } from '../../instruments/types.js';
import { ASSESSMENT_SOURCES } from '../../shared/vocabulary.js';
import { EXT } from '../constants.js';
import { RESOURCE_ELEMENTS, codeExtension, metaOf, present, readCodeExtension } from './common.js';
import type { Incoming } from './incoming.js';
import { canonicalOf, instrumentByReference, knownQuestionnaires } from './questionnaire.js';
import { child, type FhirReader, type Json } from './read.js';
import { readReference, type Linker, type PendingReference } from './reference.js';

/** The FHIR QuestionnaireResponse for an assessment; unanswered items are left out. */
export function assessmentToQuestionnaireResponse(a: Assessment, link: Linker): QuestionnaireResponse {
  const def = getInstrument(a.instrument);
  const extension = present<Extension>([
    codeExtension(EXT.assessmentSource, a.source),
    a.courseId === null
      ? undefined
      : { url: EXT.course, valueReference: { reference: link('EpisodeOfCare', a.courseId) } },
  ]);
  return {
    resourceType: 'QuestionnaireResponse',
    id: a.id,
    meta: metaOf(a.createdAt),
    extension,
    questionnaire: canonicalOf(def),
    status: 'completed',
    subject: { reference: link('Patient', a.patientId) },
    authored: a.completedAt,
    // The patient answered through their own link: they are the source of the answers.
    ...(a.source === 'patient-link' ? { source: { reference: link('Patient', a.patientId) } } : {}),
    item: def.questionnaire.item.flatMap((q) => itemOf(q, a.answers[q.linkId] ?? null)),
  };
}

function itemOf(q: QuestionnaireItem, value: number | null): QuestionnaireResponseItem[] {
  if (value === null) return [];
  const option = q.answerOption.find((o) => ordinalValueOf(o) === value);
  const answer: QuestionnaireResponseItemAnswer =
    option === undefined ? { valueInteger: value } : { valueCoding: { ...option.valueCoding } };
  return [{ linkId: q.linkId, text: q.text, answer: [answer] }];
}

const ELEMENTS = [
  ...RESOURCE_ELEMENTS,
  'extension',
  'questionnaire',
  'status',
  'subject',
  'authored',
  'item',
  'source',
  'author',
];

/** Reads a FHIR QuestionnaireResponse into an Onset assessment body (the services score it). */
export function questionnaireResponseFromFhir(r: FhirReader, resource: Json): Incoming {
  r.only(resource, ELEMENTS, '');
  const paths: Record<string, string> = {
    patientId: 'subject',
    instrument: 'questionnaire',
    completedAt: 'authored',
    answers: 'item',
  };
  const status = r.str(resource, 'status', '', true);
  if (status !== undefined && status !== 'completed' && status !== 'amended') {
    r.fail('status', `"${status}": Onset stores finished questionnaires; status must be completed or amended`);
  }
  const body: Record<string, unknown> = { completedAt: r.dateTime(resource, 'authored', '', true) };
  const def = readInstrument(r, resource);
  if (def !== undefined) {
    body.instrument = def.id;
    body.answers = readAnswers(r, resource, def, paths);
  }
  const references: PendingReference[] = present([
    readReference(r, resource, 'subject', '', 'Patient', 'patientId', true),
  ]);
  const found = r.extensions(resource, '');
  const source = r.single(found, EXT.assessmentSource);
  if (source !== undefined) {
    paths.source = source.at;
    body.source = readCodeExtension(r, source, ASSESSMENT_SOURCES);
  }
  const course = r.single(found, EXT.course);
  if (course !== undefined) {
    paths.courseId = child(course.at, 'valueReference');
    const ref = readReference(r, course.ext, 'valueReference', course.at, 'EpisodeOfCare', 'courseId', true);
    if (ref !== undefined) references.push(ref);
  }
  return { kind: 'assessment', body, references, paths };
}

function readInstrument(r: FhirReader, resource: Json): InstrumentDefinition | undefined {
  const reference = r.str(resource, 'questionnaire', '', true);
  if (reference === undefined) return undefined;
  const def = instrumentByReference(reference);
  if (def === undefined)
    r.fail('questionnaire', `"${reference}" is not a questionnaire Onset knows; use ${knownQuestionnaires()}`);
  return def;
}

/** Every item (nested groups flattened) as linkId → value; each answer's path is kept for errors. */
function readAnswers(
  r: FhirReader,
  resource: Json,
  def: InstrumentDefinition,
  paths: Record<string, string>,
): Record<string, number> {
  const answers: Record<string, number> = {};
  const visit = (parent: Json, at: string): void => {
    for (const { value: item, at: itemAt } of r.objects(parent, 'item', at)) {
      r.only(item, ['linkId', 'text', 'answer', 'item', 'definition'], itemAt);
      if (item.item !== undefined) visit(item, itemAt);
      if (item.answer === undefined && item.item !== undefined) continue; // a group
      const linkId = r.str(item, 'linkId', itemAt, true);
      if (linkId === undefined) continue;
      const question = def.questionnaire.item.find((q) => q.linkId === linkId);
      if (question === undefined) {
        const known = def.questionnaire.item.map((q) => q.linkId).join(', ');
        r.fail(child(itemAt, 'linkId'), `"${linkId}" is not an item of ${def.shortName} (items: ${known})`);
        continue;
      }
      if (paths[`answers.${linkId}`] !== undefined) {
        r.fail(
          child(itemAt, 'linkId'),
          `repeats item ${linkId}, which was answered at ${r.path(paths[`answers.${linkId}`] ?? '')}`,
        );
        continue;
      }
      paths[`answers.${linkId}`] = item.answer === undefined ? itemAt : `${itemAt}.answer[0]`;
      const value = readAnswer(r, item, itemAt, question);
      if (value !== undefined) answers[linkId] = value;
    }
  };
  visit(resource, '');
  return answers;
}

function readAnswer(r: FhirReader, item: Json, itemAt: string, question: QuestionnaireItem): number | undefined {
  const answers = r.objects(item, 'answer', itemAt);
  for (const extra of answers.slice(1)) r.fail(extra.at, `item ${question.linkId} takes one answer`);
  const first = answers[0];
  if (first === undefined) return undefined;
  r.only(first.value, ['valueCoding', 'valueInteger'], first.at);
  if (first.value.valueInteger !== undefined) return r.int(first.value, 'valueInteger', first.at);
  const coding = r.obj(first.value, 'valueCoding', first.at);
  if (coding === undefined) {
    r.fail(first.at, 'needs valueCoding (an answer code) or valueInteger (the item value)');
    return undefined;
  }
  const codingAt = child(first.at, 'valueCoding');
  r.only(coding, ['system', 'code', 'display', 'version', 'extension'], codingAt);
  const option = question.answerOption.find(
    (o) =>
      o.valueCoding.code === coding.code && (coding.system === undefined || o.valueCoding.system === coding.system),
  );
  const value = option === undefined ? undefined : ordinalValueOf(option);
  if (value !== undefined) return value;
  const allowed = question.answerOption.map((o) => `${o.valueCoding.code} (${ordinalValueOf(o) ?? '?'})`).join(', ');
  const given = `${typeof coding.system === 'string' ? `${coding.system}|` : ''}${String(coding.code)}`;
  r.fail(
    codingAt,
    `${given} is not an answer to item ${question.linkId}; allowed codes: ${allowed} in ${question.answerOption[0]?.valueCoding.system ?? ''}`,
  );
  return undefined;
}
