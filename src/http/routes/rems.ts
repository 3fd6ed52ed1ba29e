import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { remsBoard } from '../../rems/rems-board.service.js';
import { remsForm, submitRemsForm } from '../../rems/rems-form.service.js';
import { Nullable } from '../../shared/schema.js';
import { CLINICAL } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses, IdParams } from '../schemas.js';

const FormView = Type.Object({
  sessionId: Type.String(),
  patientId: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  submittedAt: Nullable(Type.String()),
  submittedBy: Nullable(Type.String()),
  sha256: Type.String({ description: 'SHA-256 of the PDF, hex' }),
  missing: Type.Array(Type.Object({ field: Type.String(), reason: Type.String() })),
  fields: Type.Array(Type.Object({ name: Type.String(), label: Type.String(), value: Type.String() })),
  pdf: Type.String({ description: 'the PDF, base64 (a DRAFT until submitted)' }),
});

const BoardItem = Type.Object({
  sessionId: Type.String(),
  doseId: Type.String(),
  patientId: Type.String(),
  patientLabel: Type.String(),
  givenAt: Type.String(),
  mg: Type.Number(),
  dueDate: Type.String({ description: 'the last clinic-local day on which the form is on time' }),
  daysLeft: Type.Integer(),
  status: Type.String(),
  submittedAt: Nullable(Type.String()),
});

const Board = Type.Object({
  overdue: Type.Array(BoardItem),
  dueSoon: Type.Array(BoardItem),
  due: Type.Array(BoardItem),
  submitted: Type.Array(BoardItem),
});

/** The REMS Patient Monitoring Form of a session (preview and the one submission) and the clinic's REMS board. */
export const remsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  const config = { access: CLINICAL };
  const tags = ['REMS sessions'];

  app.get(
    '/api/v1/rems-sessions/:id/form',
    { config, schema: { tags, params: IdParams, response: { 200: FormView, ...errorResponses() } } },
    async (request) => remsForm(contextOf(request, database), request.params.id),
  );

  app.post(
    '/api/v1/rems-sessions/:id/form/submit',
    { config, schema: { tags, params: IdParams, response: { 200: FormView, ...errorResponses() } } },
    async (request) => submitRemsForm(contextOf(request, database), request.params.id),
  );

  app.get(
    '/api/v1/rems/board',
    { config, schema: { tags, response: { 200: Board, ...errorResponses() } } },
    async (request) => remsBoard(contextOf(request, database)),
  );
};
