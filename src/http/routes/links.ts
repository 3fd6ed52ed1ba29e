import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AnswerValue } from '../../assessments/assessment.schema.js';
import { submitQuestionnaire } from '../../assessments/submit-questionnaire.js';
import {
  issuePatientLink,
  listActiveLinks,
  listPatientLinks,
  PatientLinkInput,
  requireItemText,
  resolvePatientLink,
  revokePatientLink,
} from '../../auth/patient-link.service.js';
import { StringEnum, Text } from '../../shared/schema.js';
import { getClinic } from '../../clinics/clinic.service.js';
import { getInstrument } from '../../instruments/registry.js';
import { ordinalValueOf, type Questionnaire, type QuestionnaireItem } from '../../instruments/fhir.js';
import { progressForPatient } from '../../progress/progress.service.js';
import { crisisMessage, needsCrisisMessage } from '../../safety/crisis.js';
import { ADMIN, CLINICAL, linkOf } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses, IdParams } from '../schemas.js';

const LinkView = Type.Object({
  id: Type.String(),
  patientId: Type.String(),
  purpose: Type.String(),
  instrument: Type.Union([Type.String(), Type.Null()]),
  courseId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  usedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  state: StringEnum(['valid', 'expired', 'used', 'revoked'] as const),
});

const LinkParams = Type.Object({ id: Type.String({ format: 'uuid' }), linkId: Type.String({ format: 'uuid' }) });

const FormItem = Type.Object({
  linkId: Type.String(),
  text: Type.String(),
  options: Type.Array(Type.Object({ value: Type.Integer(), label: Type.String() })),
  /** Skip logic (the Questionnaire's enableWhen): asked only when every named item has this answer value. */
  askedWhen: Type.Array(Type.Object({ linkId: Type.String(), value: Type.Integer() })),
});

/** An item's enableWhen as answer values the patient page compares directly. */
function askedWhen(questionnaire: Questionnaire, item: QuestionnaireItem): { linkId: string; value: number }[] {
  return (item.enableWhen ?? []).map((condition) => {
    const decides = questionnaire.item.find((other) => other.linkId === condition.question);
    const option = decides?.answerOption.find((o) => o.valueCoding.code === condition.answerCoding.code);
    const value = option === undefined ? undefined : ordinalValueOf(option);
    // Instrument files are validated on load, so this names a definition error, not a request error.
    if (value === undefined)
      throw new Error(
        `${item.linkId}: enableWhen names no answer ${condition.answerCoding.code} of item ${condition.question}`,
      );
    return { linkId: condition.question, value };
  });
}

const LinkInfo = Type.Object({
  purpose: Type.String(),
  clinicName: Type.String(),
  expiresAt: Type.String(),
  questionnaire: Type.Union([
    Type.Object({
      instrument: Type.String(),
      title: Type.String(),
      intro: Type.String(),
      items: Type.Array(FormItem),
      validated: Type.Boolean(),
    }),
    Type.Null(),
  ]),
});

const SubmissionBody = Type.Object(
  {
    answers: Type.Union([
      Type.Array(AnswerValue, { maxItems: 100 }),
      Type.Record(Text({ maxLength: 20 }), AnswerValue),
    ]),
  },
  { additionalProperties: false },
);

const SubmissionView = Type.Object({
  submittedAt: Type.String(),
  crisis: Type.Union([Type.Object({ message: Type.String() }), Type.Null()]),
});

/** Staff issue links for a patient; a patient with a link sees only what that link was issued for. */
export const linkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;

  app.post(
    '/api/v1/patients/:id/links',
    {
      config: { access: CLINICAL },
      schema: {
        tags: ['patient links'],
        params: IdParams,
        body: PatientLinkInput,
        response: { 201: Type.Object({ token: Type.String(), link: LinkView }), ...errorResponses() },
      },
    },
    async (request, reply) => {
      requireItemText(request.body);
      return reply
        .status(201)
        .send(await issuePatientLink(contextOf(request, database), request.params.id, request.body));
    },
  );

  app.get(
    '/api/v1/patients/:id/links',
    {
      config: { access: CLINICAL },
      schema: {
        tags: ['patient links'],
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(LinkView) }), ...errorResponses() },
      },
    },
    async (request) => ({ items: await listPatientLinks(contextOf(request, database), request.params.id) }),
  );

  app.get(
    '/api/v1/links',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['patient links'],
        description:
          'The clinic’s links that still work, soonest to expire first, with each patient’s label (at most 500; `more` says whether there are others). Revoke one with POST /api/v1/patients/{patientId}/links/{linkId}/revoke.',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Composite([LinkView, Type.Object({ patientLabel: Type.String() })])),
            more: Type.Boolean(),
          }),
          ...errorResponses(),
        },
      },
    },
    async (request) => listActiveLinks(contextOf(request, database)),
  );

  // A revoked link answers every link route exactly as an expired one does.
  app.post(
    '/api/v1/patients/:id/links/:linkId/revoke',
    {
      config: { access: CLINICAL },
      schema: { tags: ['patient links'], params: LinkParams, response: { 200: LinkView, ...errorResponses() } },
    },
    async (request) => revokePatientLink(contextOf(request, database), request.params.linkId, request.params.id),
  );

  // The patient page asks why a link does not work, so it can say so plainly (expired, already used).
  app.post(
    '/api/v1/link/status',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['patient'],
        body: Type.Object({ token: Text({ maxLength: 200 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ state: StringEnum(['valid', 'expired', 'used', 'revoked', 'unknown'] as const) }),
          ...errorResponses(),
        },
      },
    },
    async (request) => ({ state: (await resolvePatientLink(database.db, request.body.token)).state }),
  );

  app.get(
    '/api/v1/link',
    { config: { access: 'link:any' }, schema: { tags: ['patient'], response: { 200: LinkInfo, ...errorResponses() } } },
    async (request) => {
      const link = linkOf(request);
      const clinic = await getClinic(database.db, link.clinicId);
      if (link.purpose !== 'questionnaire' || link.instrument === null) {
        return { purpose: link.purpose, clinicName: clinic.name, expiresAt: link.expiresAt, questionnaire: null };
      }
      const def = getInstrument(link.instrument);
      const items = def.questionnaire.item.map((item) => ({
        linkId: item.linkId,
        text: item.text,
        options: item.answerOption.map((option) => ({
          value: ordinalValueOf(option) ?? 0,
          label: option.valueCoding.display,
        })),
        askedWhen: askedWhen(def.questionnaire, item),
      }));
      return {
        purpose: link.purpose,
        clinicName: clinic.name,
        expiresAt: link.expiresAt,
        questionnaire: {
          instrument: def.id,
          title: def.shortName,
          intro: def.questionnaire.description,
          items,
          validated: def.validated,
        },
      };
    },
  );

  app.post(
    '/api/v1/link/responses',
    {
      config: { access: 'link:questionnaire' },
      schema: { tags: ['patient'], body: SubmissionBody, response: { 201: SubmissionView, ...errorResponses() } },
    },
    async (request, reply) => {
      const link = linkOf(request);
      const ctx = contextOf(request, database);
      const { assessment } = await submitQuestionnaire(ctx, {
        patientId: link.patientId,
        instrument: link.instrument ?? '',
        answers: request.body.answers,
        completedAt: ctx.now().toISOString(),
        courseId: link.courseId,
        link,
      });
      const clinic = await getClinic(database.db, link.clinicId);
      const crisis = needsCrisisMessage(assessment) ? { message: crisisMessage(clinic.settings) } : null;
      return reply.status(201).send({ submittedAt: assessment.completedAt, crisis });
    },
  );

  app.get(
    '/api/v1/link/progress',
    {
      config: { access: 'link:progress' },
      schema: {
        tags: ['patient'],
        response: {
          200: Type.Object({
            doses: Type.Array(Type.Object({ at: Type.String() })),
            instruments: Type.Array(Type.Record(Type.String(), Type.Unknown())),
            relief: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses(),
        },
      },
    },
    async (request) =>
      (await progressForPatient(contextOf(request, database), linkOf(request).patientId)) as unknown as {
        doses: { at: string }[];
        instruments: Record<string, unknown>[];
        relief: string | null;
      },
  );
};
