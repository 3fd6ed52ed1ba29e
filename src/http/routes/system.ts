import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ADMIN } from '../access.js';
import { failureReason, isDatabaseUnavailable } from '../../db/unavailable.js';

/** Health, metrics and the OpenAPI document. */
export const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  const Health = Type.Object({
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    database: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    engine: Type.String(),
  });
  // A load balancer reads the status code: 503 while the database cannot be reached, so traffic goes elsewhere.
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { hide: true, response: { 200: Health, 503: Health } },
    },
    async (request, reply) => {
      try {
        await database.db.selectFrom('clinics').select('clinic_id').limit(1).execute();
        return { status: 'ok' as const, database: 'ok' as const, engine: database.engine };
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        request.log.warn({ reason: failureReason(error) }, 'health check: database unavailable');
        return reply
          .status(503)
          .send({ status: 'unavailable' as const, database: 'unavailable' as const, engine: database.engine });
      }
    },
  );
  app.get('/metrics', { config: { access: ADMIN }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4').send(app.metrics.render()),
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
};
