import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { mailStatus } from '../../mail/mail-status.service.js';
import { ADMIN } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses } from '../schemas.js';

const OutboxView = Type.Object({
  queued: Type.Integer({ description: 'waiting to be sent (or to be tried again)' }),
  sending: Type.Integer({ description: 'being handed to the SMTP server now' }),
  sent: Type.Integer(),
  failed: Type.Integer({ description: 'given up: refused for good, or tried too often' }),
  cancelled: Type.Integer({ description: 'no longer wanted (answered, expired, or the alert taken in hand)' }),
  lastSentAt: Type.Union([Type.String(), Type.Null()]),
});

/** Whether this server sends e-mail, and the clinic's outboxes in figures (no address, no text): admins only. */
export function mailRoutes(options: { configured: boolean }): FastifyPluginAsyncTypebox {
  return async (app) => {
    const database = app.database;
    app.get(
      '/api/v1/mail/status',
      {
        config: { access: ADMIN },
        schema: {
          tags: ['mail'],
          response: {
            200: Type.Object({
              configured: Type.Boolean(),
              sentence: Type.String(),
              questionnaires: OutboxView,
              alerts: OutboxView,
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => mailStatus(contextOf(request, database), options.configured),
    );
  };
}
