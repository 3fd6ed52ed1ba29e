import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AlertTransition } from '../../alerts/alert.schema.js';
import { getAlert, listAlerts, transitionAlert } from '../../alerts/alert.service.js';
import { Limit, Offset, StringEnum } from '../../shared/schema.js';
import { ALERT_STATUSES } from '../../shared/vocabulary.js';
import { CLINICAL } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses, IdParams } from '../schemas.js';

const AlertView = Type.Object(
  {
    id: Type.String(),
    patientId: Type.String(),
    rule: Type.String(),
    severity: Type.String(),
    status: Type.String(),
    raisedAt: Type.String(),
    evidence: Type.Record(Type.String(), Type.Unknown()),
    acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
    acknowledgedByName: Type.Union([Type.String(), Type.Null()]),
    acknowledgedAt: Type.Union([Type.String(), Type.Null()]),
    acknowledgeComment: Type.Union([Type.String(), Type.Null()]),
    resolvedBy: Type.Union([Type.String(), Type.Null()]),
    resolvedByName: Type.Union([Type.String(), Type.Null()]),
    resolvedAt: Type.Union([Type.String(), Type.Null()]),
    resolveComment: Type.Union([Type.String(), Type.Null()]),
    resolveFollowUp: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: true },
);

const AlertQuery = Type.Object(
  {
    patient: Type.Optional(Type.String({ format: 'uuid' })),
    status: Type.Optional(StringEnum(ALERT_STATUSES)),
    rule: Type.Optional(Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 60 })),
    limit: Type.Optional(Limit(100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

/** Alerts raised by the safety rules, and their lifecycle: open → acknowledged → resolved. */
export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  const config = { access: CLINICAL };
  const tags = ['alerts'];

  app.get(
    '/api/v1/alerts',
    {
      config,
      schema: {
        tags,
        querystring: AlertQuery,
        response: { 200: Type.Object({ items: Type.Array(AlertView) }), ...errorResponses() },
      },
    },
    async (request) => {
      const q = request.query;
      const items = await listAlerts(contextOf(request, database), {
        ...(q.patient === undefined ? {} : { patientId: q.patient }),
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.rule === undefined ? {} : { rule: q.rule }),
        limit: q.limit ?? 100,
        offset: q.offset ?? 0,
      });
      return { items };
    },
  );

  app.get(
    '/api/v1/alerts/:id',
    { config, schema: { tags, params: IdParams, response: { 200: AlertView, ...errorResponses() } } },
    async (request) => getAlert(contextOf(request, database), request.params.id),
  );

  for (const [action, status] of [
    ['acknowledge', 'acknowledged'],
    ['resolve', 'resolved'],
  ] as const) {
    app.post(
      `/api/v1/alerts/:id/${action}`,
      {
        config,
        schema: { tags, params: IdParams, body: AlertTransition, response: { 200: AlertView, ...errorResponses() } },
      },
      async (request) => transitionAlert(contextOf(request, database), request.params.id, status, request.body),
    );
  }
};
