import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TObject } from '@sinclair/typebox';
import type { StoredRecord, RecordService } from '../../records/record-service.js';
import { CLINICAL } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses, IdParams } from '../schemas.js';
import { Limit, Offset } from '../../shared/schema.js';

export interface RecordRoutesOptions<S extends TObject, D extends StoredRecord> {
  /** Path under /api/v1, e.g. 'doses'. */
  path: string;
  tag: string;
  service: RecordService<S, D>;
}

type Row = Record<string, unknown>;

const ListQuery = Type.Object(
  {
    patient: Type.Optional(Type.String({ format: 'uuid', description: 'only this patient’s records' })),
    limit: Type.Optional(Limit(100)),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);

/** The stored record: the create body's fields plus what the server adds (id, stamps, derived values). */
function recordSchema(input: TObject, tag: string): TObject {
  return Type.Object(
    {
      ...Type.Partial(input).properties,
      id: Type.String({ format: 'uuid' }),
      clinicId: Type.String({ format: 'uuid' }),
      createdAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: true, description: `a stored ${tag} record` },
  );
}

/** GET list, POST create, GET one, PATCH update for one kind of clinical record; clinicians and admins only. */
export function recordRoutes<S extends TObject, D extends StoredRecord>(
  options: RecordRoutesOptions<S, D>,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    const database = app.database;
    const RecordSchema = recordSchema(options.service.schema, options.tag);
    const base = `/api/v1/${options.path}`;
    const tags = [options.tag];
    const config = { access: CLINICAL };

    app.get(
      base,
      {
        config,
        schema: {
          tags,
          querystring: ListQuery,
          response: { 200: Type.Object({ items: Type.Array(RecordSchema) }), ...errorResponses() },
        },
      },
      async (request) => {
        const { patient, limit, offset } = request.query;
        const items = await options.service.list(contextOf(request, database), {
          ...(patient === undefined ? {} : { patientId: patient }),
          limit: limit ?? 100,
          offset: offset ?? 0,
        });
        return { items: items as unknown as Row[] };
      },
    );

    app.post(
      base,
      { config, schema: { tags, body: options.service.schema, response: { 201: RecordSchema, ...errorResponses() } } },
      async (request, reply) => {
        const created = await options.service.create(contextOf(request, database), request.body);
        return reply.status(201).send(created as unknown as Row);
      },
    );

    app.get(
      `${base}/:id`,
      { config, schema: { tags, params: IdParams, response: { 200: RecordSchema, ...errorResponses() } } },
      async (request) => (await options.service.get(contextOf(request, database), request.params.id)) as unknown as Row,
    );

    app.patch(
      `${base}/:id`,
      {
        config,
        schema: {
          tags,
          params: IdParams,
          body: Type.Partial(options.service.schema),
          response: { 200: RecordSchema, ...errorResponses() },
        },
      },
      async (request) =>
        (await options.service.update(contextOf(request, database), request.params.id, request.body)) as unknown as Row,
    );
  };
}
