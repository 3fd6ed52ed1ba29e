import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createOwnApiToken, listApiTokens, revokeApiToken } from '../../auth/api-token.service.js';
import { verifyChain } from '../../audit/audit.service.js';
import { getClinic, updateClinic } from '../../clinics/clinic.service.js';
import { FrameAncestorsInput } from '../../clinics/frame-ancestors.schema.js';
import { getFrameAncestors, updateFrameAncestors } from '../../clinics/frame-ancestors.service.js';
import { UserInput, UserUpdate } from '../../users/user.schema.js';
import { createUser, listUsers, updateUser } from '../../users/user.service.js';
import { ADMIN, STAFF, staffOf } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses, IdParams } from '../schemas.js';
import { Text } from '../../shared/schema.js';

const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});
const TokenView = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
const ClinicView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  settings: Type.Record(Type.String(), Type.Unknown()),
});
const FrameAncestorsView = Type.Object({ origins: Type.Array(Type.String()), directive: Type.String() });

/**
 * The clinic itself, staff users, API tokens and the audit chain check: administrators only (reading the clinic: all
 * staff).
 */
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  const admin = { access: ADMIN };

  app.get(
    '/api/v1/clinic',
    { config: { access: STAFF }, schema: { tags: ['clinic'], response: { 200: ClinicView, ...errorResponses() } } },
    async (request) => getClinic(database.db, staffOf(request).clinicId),
  );
  app.patch(
    '/api/v1/clinic',
    {
      config: admin,
      schema: {
        tags: ['clinic'],
        body: Type.Object(
          {
            name: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
            timeZone: Type.Optional(Text({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ClinicView, ...errorResponses() },
      },
    },
    async (request) => updateClinic(contextOf(request, database), request.body),
  );

  app.get(
    '/api/v1/clinic/frame-ancestors',
    {
      config: admin,
      schema: { tags: ['clinic'], response: { 200: FrameAncestorsView, ...errorResponses() } },
    },
    async (request) => getFrameAncestors(contextOf(request, database)),
  );
  app.put(
    '/api/v1/clinic/frame-ancestors',
    {
      config: admin,
      schema: {
        tags: ['clinic'],
        description:
          "The https origins allowed to embed Onset's app pages in a frame (an EHR), sent as the Content-Security-Policy frame-ancestors of the pages this clinic's staff open; an empty list is 'none'.",
        body: FrameAncestorsInput,
        response: { 200: FrameAncestorsView, ...errorResponses() },
      },
    },
    async (request) => updateFrameAncestors(contextOf(request, database), request.body),
  );

  app.get(
    '/api/v1/users',
    {
      config: admin,
      schema: { tags: ['users'], response: { 200: Type.Object({ items: Type.Array(UserView) }), ...errorResponses() } },
    },
    async (request) => ({
      items: await listUsers(contextOf(request, database)),
    }),
  );
  app.post(
    '/api/v1/users',
    { config: admin, schema: { tags: ['users'], body: UserInput, response: { 201: UserView, ...errorResponses() } } },
    async (request, reply) => reply.status(201).send(await createUser(contextOf(request, database), request.body)),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      config: admin,
      schema: { tags: ['users'], params: IdParams, body: UserUpdate, response: { 200: UserView, ...errorResponses() } },
    },
    async (request) => updateUser(contextOf(request, database), request.params.id, request.body),
  );

  app.get(
    '/api/v1/api-tokens',
    {
      config: admin,
      schema: {
        tags: ['api tokens'],
        response: { 200: Type.Object({ items: Type.Array(TokenView) }), ...errorResponses() },
      },
    },
    async (request) => ({
      items: await listApiTokens(contextOf(request, database)),
    }),
  );
  app.post(
    '/api/v1/api-tokens',
    {
      config: admin,
      schema: {
        tags: ['api tokens'],
        description:
          'Creates an API token that acts as the administrator who creates it (an integration gets its own staff user, who creates its token).',
        body: Type.Object({ name: Text({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({ token: Type.String({ description: 'shown once; store it now' }), info: TokenView }),
          ...errorResponses(),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOwnApiToken(contextOf(request, database), request.body.name)),
  );
  app.delete(
    '/api/v1/api-tokens/:id',
    {
      config: admin,
      schema: { tags: ['api tokens'], params: IdParams, response: { 204: Type.Null(), ...errorResponses() } },
    },
    async (request, reply) => {
      await revokeApiToken(contextOf(request, database), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: admin,
      schema: {
        tags: ['audit'],
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            entries: Type.Integer(),
            firstBroken: Type.Union([Type.Object({ seq: Type.Integer(), reason: Type.String() }), Type.Null()]),
          }),
          ...errorResponses(),
        },
      },
    },
    async (request) => verifyChain(contextOf(request, database)),
  );
};
