import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { evidenceView } from '../../evidence/index.js';
import { STAFF } from '../access.js';
import { errorResponses } from '../schemas.js';

/** The published evidence (studies, time course, mechanism), shown beside the clinic's own numbers. */
export const evidenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/evidence', {
    config: { access: STAFF },
    schema: { tags: ['evidence'], response: { 200: Type.Record(Type.String(), Type.Unknown()), ...errorResponses() } },
  }, async () => evidenceView() as unknown as Record<string, unknown>);
};
