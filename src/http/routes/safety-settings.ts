import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getSafetySettings, updateSafetySettings } from '../../safety/safety-settings.service.js';
import { SafetySettingsInput } from '../../safety/settings.js';
import { ADMIN, CLINICAL } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses } from '../schemas.js';
import { Text } from '../../shared/schema.js';

const View = Type.Object({ safety: Type.Record(Type.String(), Type.Unknown()), crisisMessage: Type.String() });

/** The clinic's safety thresholds (every rule's limit is a setting with a sourced default) and crisis text. */
export const safetySettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  const tags = ['safety'];
  app.get(
    '/api/v1/safety-settings',
    { config: { access: CLINICAL }, schema: { tags, response: { 200: View, ...errorResponses() } } },
    async (request) =>
      getSafetySettings(contextOf(request, database)) as unknown as Promise<{
        safety: Record<string, unknown>;
        crisisMessage: string;
      }>,
  );
  app.put(
    '/api/v1/safety-settings',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        body: Type.Object(
          {
            safety: Type.Optional(SafetySettingsInput),
            crisisMessage: Type.Optional(Type.Union([Text({ maxLength: 2000 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: View, ...errorResponses() },
      },
    },
    async (request) =>
      updateSafetySettings(contextOf(request, database), request.body) as unknown as Promise<{
        safety: Record<string, unknown>;
        crisisMessage: string;
      }>,
  );
};
