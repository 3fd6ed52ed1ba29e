import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  listScheduleTemplates,
  saveClinicTemplate,
  ClinicTemplateInput,
  TEMPLATE_ID_PATTERN,
} from '../../schedules/clinic-templates.service.js';
import { CourseScheduleInput, getCourseSchedule, setCourseSchedule } from '../../schedules/course-schedule.service.js';
import { adherenceReport, DUE_STATUSES, listDue } from '../../schedules/due-list.service.js';
import { ScheduleSettings, ScheduleSettingsPatch } from '../../schedules/schedule-settings.js';
import { getScheduleSettings, updateScheduleSettings } from '../../schedules/schedule-settings.service.js';
import type { DueStatus } from '../../schedules/status.js';
import { Limit, Nullable, Offset } from '../../shared/schema.js';
import { ADMIN, CLINICAL } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses, IdParams } from '../schemas.js';

const STATUS_LIST = `^(${DUE_STATUSES.join('|')})(,(${DUE_STATUSES.join('|')}))*$`;
const DATE_OR_TIME = '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2}))?$';

const DueItemView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    patientId: Type.String({ format: 'uuid' }),
    instrument: Type.String(),
    dueAt: Type.String({ format: 'date-time' }),
    status: Type.Union(DUE_STATUSES.map((s) => Type.Literal(s))),
    courseId: Type.String(),
    expiresAt: Nullable(Type.String()),
    reminderAt: Nullable(Type.String()),
    completedAt: Nullable(Type.String()),
    assessmentId: Nullable(Type.String()),
    key: Type.String(),
    anchor: Type.Unknown(),
    emailed: Type.Boolean({ description: 'the link for this item has been queued for e-mail' }),
    linkRequest: Type.Unknown({
      description: 'POST this to /api/v1/patients/{patientId}/links for a link to copy or show as a QR code',
    }),
  },
  { additionalProperties: true },
);

const DueQuery = Type.Object(
  {
    status: Type.Optional(
      Type.String({ pattern: STATUS_LIST, description: `one or more of ${DUE_STATUSES.join(', ')}, comma-separated` }),
    ),
    patient: Type.Optional(Type.String({ format: 'uuid' })),
    from: Type.Optional(
      Type.String({
        pattern: DATE_OR_TIME,
        description: 'due from: a date-time, or a date (start of that clinic-local day)',
      }),
    ),
    to: Type.Optional(
      Type.String({
        pattern: DATE_OR_TIME,
        description: 'due until: a date-time, or a date (end of that clinic-local day)',
      }),
    ),
    limit: Type.Optional(Limit(500)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

const Figures = {
  completed: Type.Integer(),
  missed: Type.Integer(),
  due: Type.Integer({ description: 'n: completed + missed' }),
  share: Type.Union([Type.Number(), Type.Null()]),
};
const AdherenceView = Type.Object({
  asOf: Type.String(),
  definition: Type.String(),
  clinic: Type.Object({ ...Figures, patients: Type.Integer({ description: 'patients with any due assessment' }) }),
  patients: Type.Array(Type.Object({ patientId: Type.String(), ...Figures })),
});

const TemplateView = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    schedule: Type.Unknown(),
    rationale: Nullable(Type.String()),
    origin: Type.String(),
    replacesReadyMade: Type.Boolean(),
    sources: Type.Array(Type.String()),
  },
  { additionalProperties: true },
);
const CourseScheduleView = Type.Object(
  {
    courseId: Type.String(),
    patientId: Type.String(),
    templateId: Nullable(Type.String()),
    schedule: Type.Unknown(),
    maintenanceStartedAt: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { additionalProperties: true },
);

/** Measurement schedules: templates, each course's schedule, the due assessments they produce, adherence. */
export const scheduleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  const config = { access: CLINICAL };
  const tags = ['schedules'];

  app.get(
    '/api/v1/due-assessments',
    {
      config,
      schema: {
        tags,
        querystring: DueQuery,
        response: { 200: Type.Object({ items: Type.Array(DueItemView) }), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await listDue(contextOf(request, database), {
        ...(q.status === undefined ? {} : { statuses: q.status.split(',') as DueStatus[] }),
        ...(q.patient === undefined ? {} : { patientId: q.patient }),
        ...(q.from === undefined ? {} : { from: q.from }),
        ...(q.to === undefined ? {} : { to: q.to }),
        limit: q.limit ?? 500,
        offset: q.offset ?? 0,
      });
      return { items };
    },
  );

  app.get(
    '/api/v1/adherence',
    {
      config,
      schema: {
        tags,
        querystring: Type.Object(
          { patient: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
        response: { 200: AdherenceView, ...errorResponses() },
      },
    },
    async (request) => adherenceReport(contextOf(request, database), request.query.patient),
  );

  app.get(
    '/api/v1/schedule-templates',
    {
      config,
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(TemplateView) }), ...errorResponses() } },
    },
    async (request) => ({
      items: (await listScheduleTemplates(contextOf(request, database))).map((t) => ({
        ...t,
        sources: [...t.sources],
      })),
    }),
  );

  app.put(
    '/api/v1/schedule-templates/:templateId',
    {
      config,
      schema: {
        tags,
        params: Type.Object({ templateId: Type.String({ pattern: TEMPLATE_ID_PATTERN }) }),
        body: ClinicTemplateInput,
        response: { 200: TemplateView, ...errorResponses() },
      },
    },
    async (request) => {
      const saved = await saveClinicTemplate(contextOf(request, database), request.params.templateId, request.body);
      return { ...saved, sources: [...saved.sources] };
    },
  );

  app.get(
    '/api/v1/courses/:id/schedule',
    { config, schema: { tags, params: IdParams, response: { 200: CourseScheduleView, ...errorResponses() } } },
    async (request) => getCourseSchedule(contextOf(request, database), request.params.id),
  );

  app.put(
    '/api/v1/courses/:id/schedule',
    {
      config,
      schema: {
        tags,
        params: IdParams,
        body: CourseScheduleInput,
        response: { 200: CourseScheduleView, ...errorResponses() },
      },
    },
    async (request) => setCourseSchedule(contextOf(request, database), request.params.id, request.body),
  );

  app.get(
    '/api/v1/schedule-settings',
    { config, schema: { tags, response: { 200: ScheduleSettings, ...errorResponses() } } },
    async (request) => getScheduleSettings(contextOf(request, database)),
  );

  app.put(
    '/api/v1/schedule-settings',
    {
      config: { access: ADMIN },
      schema: { tags, body: ScheduleSettingsPatch, response: { 200: ScheduleSettings, ...errorResponses() } },
    },
    async (request) => updateScheduleSettings(contextOf(request, database), request.body),
  );
};
