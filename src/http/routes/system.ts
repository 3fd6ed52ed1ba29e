import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ADMIN } from '../access.js';
import type { OnsetApp } from '../app.js';

/** Health, metrics and the OpenAPI document. */
export const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = (app as unknown as OnsetApp).database;
  app.get('/healthz', {
    config: { access: 'public' },
    schema: { hide: true, response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }) } },
  }, async () => {
    await database.db.selectFrom('clinics').select('clinic_id').limit(1).execute();
    return { status: 'ok' as const, database: database.engine };
  });
  app.get('/metrics', { config: { access: ADMIN }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4').send((app as unknown as OnsetApp).metrics.render()),
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
};
