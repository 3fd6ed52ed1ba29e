import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  changePassword,
  disableTotp,
  enableTotp,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  signIn,
  signOut,
} from '../../auth/session.service.js';
import { newTotpSecret } from '../../auth/totp.js';
import { demoAccounts } from '../../demo/demo-clinic.js';
import { getUser } from '../../users/user.service.js';
import { STAFF, staffOf } from '../access.js';
import { contextOf } from '../context.js';
import { SESSION_COOKIE } from '../identify.js';
import { errorResponses } from '../schemas.js';
import { Text } from '../../shared/schema.js';
import { MINUTE_MS } from '../../shared/time.js';

const SignInBody = Type.Object(
  {
    email: Text({ minLength: 3, maxLength: 254 }),
    password: Text({ minLength: 1, maxLength: 1024 }),
    totp: Type.Optional(Type.String({ pattern: '^\\d{6}$', description: '6-digit code when two-step sign-in is on' })),
  },
  { additionalProperties: false },
);

const SessionUser = Type.Object({
  id: Type.String(),
  clinicId: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
});
const SessionView = Type.Object({
  user: SessionUser,
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Optional(Type.String()),
  /** A session unused this long ends (auth/session.service.ts); the app warns before it does. */
  idleMinutes: Type.Integer(),
});
const IDLE_MINUTES = SESSION_IDLE_MS / MINUTE_MS;

const DemoSignIn = Type.Object({
  /** The synthetic demo clinic's accounts, or none on a server without it; never a password. */
  accounts: Type.Array(Type.Object({ email: Type.String(), role: Type.String() })),
  /** Where the password is, when there are accounts. */
  password: Type.Union([Type.String(), Type.Null()]),
});

/** Sign-in (rate-limited, with lockout in the service), the current session, sign-out, password change. */
export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  const tags = ['session'];

  // What the sign-in page of a demo server says: the demo accounts, and where their password is.
  app.get(
    '/api/v1/session/demo',
    { config: { access: 'public' }, schema: { tags, response: { 200: DemoSignIn, ...errorResponses() } } },
    async () => {
      const accounts = await demoAccounts(database.db);
      const where =
        database.engine === 'sqlite'
          ? 'printed by npm start when it made the demo clinic, and kept in demo-credentials.txt in the data folder'
          : 'printed by onset start when it made the demo clinic';
      return { accounts, password: accounts.length === 0 ? null : where };
    },
  );

  app.post(
    '/api/v1/session',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, body: SignInBody, response: { 200: SessionView, ...errorResponses() } },
    },
    async (request, reply) => {
      const session = await signIn(database, { ...request.body, ip: request.ip });
      void reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: SESSION_ABSOLUTE_MS / 1000,
      });
      return {
        user: session.user,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        idleMinutes: IDLE_MINUTES,
      };
    },
  );

  app.get(
    '/api/v1/session',
    { config: { access: STAFF }, schema: { tags, response: { 200: SessionView, ...errorResponses() } } },
    async (request) => {
      const identity = staffOf(request);
      const user = await getUser(contextOf(request, database), identity.userId);
      return {
        user: {
          id: user.id,
          clinicId: user.clinicId,
          email: user.email,
          displayName: user.displayName,
          role: user.role,
        },
        csrfToken: identity.csrfToken,
        idleMinutes: IDLE_MINUTES,
      };
    },
  );

  app.delete(
    '/api/v1/session',
    { config: { access: STAFF }, schema: { tags, response: { 204: Type.Null(), ...errorResponses() } } },
    async (request, reply) => {
      await signOut(contextOf(request, database), staffOf(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  // Two-step sign-in (TOTP, RFC 6238): set-up hands out a new secret; enabling proves the app has it.
  app.post(
    '/api/v1/session/totp/setup',
    {
      config: { access: STAFF },
      schema: {
        tags,
        response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String() }), ...errorResponses() },
      },
    },
    async (request) => {
      const identity = staffOf(request);
      const user = await getUser(contextOf(request, database), identity.userId);
      const secret = newTotpSecret();
      return {
        secret,
        otpauthUrl: `otpauth://totp/Onset:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Onset&algorithm=SHA1&digits=6&period=30`,
      };
    },
  );
  const code = (description: string): ReturnType<typeof Type.String> =>
    Type.String({ pattern: '^\\d{6}$', description });
  const TotpBody = Type.Object(
    {
      secret: Type.Optional(Text({ maxLength: 64 })),
      code: code('a code of the new secret'),
      currentCode: Type.Optional(code('a code of the secret now on; required to replace it')),
    },
    { additionalProperties: false },
  );
  const DisableTotpBody = Type.Object({ code: code('a code of the secret now on') }, { additionalProperties: false });
  // A stolen session must not be able to guess a current code by trying them all.
  const totpConfig = { access: STAFF, rateLimit: { max: 20, timeWindow: '1 minute' } };
  app.put(
    '/api/v1/session/totp',
    { config: totpConfig, schema: { tags, body: TotpBody, response: { 204: Type.Null(), ...errorResponses() } } },
    async (request, reply) => {
      await enableTotp(
        contextOf(request, database),
        staffOf(request),
        request.body.secret ?? '',
        request.body.code,
        request.body.currentCode,
      );
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/api/v1/session/totp',
    {
      config: totpConfig,
      schema: { tags, body: DisableTotpBody, response: { 204: Type.Null(), ...errorResponses() } },
    },
    async (request, reply) => {
      await disableTotp(contextOf(request, database), staffOf(request), request.body.code);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/session/password',
    {
      config: { access: STAFF },
      schema: {
        tags,
        description:
          'Changes the password. Every other session of the user is signed out and every API token of theirs is revoked; the answer says how many.',
        body: Type.Object(
          { currentPassword: Text({ maxLength: 1024 }), newPassword: Text({ maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ signedOutSessions: Type.Integer(), revokedApiTokens: Type.Integer() }),
          ...errorResponses(),
        },
      },
    },
    async (request) =>
      changePassword(
        contextOf(request, database),
        staffOf(request),
        request.body.currentPassword,
        request.body.newPassword,
      ),
  );
};
