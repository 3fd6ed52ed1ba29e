import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from '@sinclair/typebox';
import { EvidenceViewSchema } from '../../evidence/evidence.schema.js';
import { evidenceView } from '../../evidence/index.js';
import { STAFF } from '../access.js';
import { errorResponses } from '../schemas.js';

/**
 * The published evidence (studies, time course, mechanism, late-responder figures), shown beside the clinic's own
 * numbers.
 */
export const evidenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/evidence',
    {
      config: { access: STAFF },
      schema: { tags: ['evidence'], response: { 200: EvidenceViewSchema, ...errorResponses() } },
    },
    async () => published(),
  );
};

/** The evidence as the schema types it (the static data is read-only; the schema's arrays are not). */
function published(): Static<typeof EvidenceViewSchema> {
  return evidenceView() as unknown as Static<typeof EvidenceViewSchema>;
}
