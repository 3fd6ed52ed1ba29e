/**
 * The FHIR R4 facade under /fhir/R4: CapabilityStatement, read and search of every resource type Onset
 * serves, search of RiskAssessment (the patient's forecast), create of Patient and QuestionnaireResponse,
 * and transaction/batch Bundles. Clinicians and admins only (API token or session). Errors are
 * OperationOutcome resources (application/fhir+json).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_BUNDLE_ENTRIES } from '../../fhir/bundle-read.js';
import { processBundle } from '../../fhir/bundle.js';
import { CREATE_TYPES, capabilityStatement } from '../../fhir/capability.js';
import { FHIR_BASE_PATH, FHIR_MIME } from '../../fhir/constants.js';
import { createResource } from '../../fhir/create.js';
import { isWritableType } from '../../fhir/map/index.js';
import { messageOutcome, outcomeOfError } from '../../fhir/outcome.js';
import { readResource, searchResources } from '../../fhir/query.js';
import { RISK_ASSESSMENT_PARAMS, searchRiskAssessments } from '../../fhir/risk-assessment.js';
import { SEARCH_TYPES, searchQueryOf, searchQuerySchema, type SearchType } from '../../fhir/search.js';
import { Id, Text } from '../../shared/schema.js';
import { CLINICAL } from '../access.js';
import { contextOf } from '../context.js';
import { jsonBodyParser } from '../json-body.js';
import { requestValidatorCompiler } from '../validators.js';

/**
 * A Bundle body may hold MAX_BUNDLE_ENTRIES entries of 16 KB each (a pretty-printed QuestionnaireResponse
 * of the longest instrument, the LSAS's 48 items, is about 14 KB); every other FHIR body keeps the app's
 * limit. A clinic's whole history goes through `onset import fhir` instead.
 */
const BUNDLE_BODY_LIMIT = MAX_BUNDLE_ENTRIES * 16 * 1024;

const config = { access: CLINICAL };
const tags = ['FHIR R4'];

/**
 * A resource's id in a path: an Onset record id (UUID); for a Questionnaire an instrument id (`gad7`); for
 * an Observation a score's id (the assessment's UUID) or a vital sign's (`<dose id>.bp-before`). The last
 * two are FHIR ids (letters, digits, `-` and `.`, at most 64).
 */
const ResourceParams = Type.Object({ id: Id }, { additionalProperties: false });
const QuestionnaireParams = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9.-]{1,64}$', description: 'instrument id, e.g. gad7' }) },
  { additionalProperties: false },
);
const ObservationParams = Type.Object(
  {
    id: Type.String({
      format: 'observation-id',
      description: "a score's id (its assessment's) or a vital sign's, e.g. {dose id}.bp-before",
    }),
  },
  { additionalProperties: false },
);
const paramsOf = (type: SearchType): typeof ResourceParams =>
  type === 'Questionnaire' ? QuestionnaireParams : type === 'Observation' ? ObservationParams : ResourceParams;

/** The query string of an interaction that is not a search: `_format` only (accepted and ignored: always JSON). */
const PlainQuery = Type.Object({ _format: Type.Optional(Text({ maxLength: 100 })) }, { additionalProperties: false });

function send(reply: FastifyReply, status: number, resource: unknown): FastifyReply {
  return reply.status(status).type(`${FHIR_MIME}; charset=utf-8`).send(resource);
}

/** The FHIR base URL for links and the CapabilityStatement: the configured public URL, never the request's Host. */
function baseOf(request: FastifyRequest): string {
  return `${request.server.publicUrl()}${FHIR_BASE_PATH}`;
}

/** Where a refused body's field paths start: `Bundle.entry[3]…`, as in every other FHIR refusal. */
function resourceTypeOf(value: unknown): string {
  const type =
    typeof value === 'object' && value !== null ? (value as { resourceType?: unknown }).resourceType : undefined;
  return typeof type === 'string' && /^[A-Z][A-Za-z]{1,63}$/.test(type) ? type : '';
}

const fhirApi: FastifyPluginAsync = async (app) => {
  const database = app.database;
  // The API's validator and words; a refused field is named as FHIR names it (`_count`, `id`), no part prefix.
  app.setValidatorCompiler(requestValidatorCompiler({ namePart: false }));
  app.addContentTypeParser([FHIR_MIME, 'application/json+fhir'], { parseAs: 'string' }, jsonBodyParser(resourceTypeOf));
  app.setErrorHandler((error, request, reply) => {
    const { status, outcome } = outcomeOfError(error);
    if (status >= 500) request.log.error({ err: error }, 'FHIR request failed');
    return send(reply, status, outcome);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return send(
      reply,
      404,
      messageOutcome(`no FHIR interaction ${request.method} ${path}; see ${baseOf(request)}/metadata`, 'not-supported'),
    );
  });

  app.get(
    '/metadata',
    { config, schema: { tags, summary: 'CapabilityStatement', querystring: PlainQuery } },
    async (request, reply) => send(reply, 200, capabilityStatement(baseOf(request))),
  );

  for (const type of SEARCH_TYPES) {
    app.get(
      `/${type}`,
      { config, schema: { tags, summary: `search ${type}`, querystring: searchQueryOf(type) } },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        return send(
          reply,
          200,
          await searchResources(contextOf(request, database), { type, query, base: baseOf(request) }),
        );
      },
    );
    app.get(
      `/${type}/:id`,
      { config, schema: { tags, summary: `read ${type}`, params: paramsOf(type), querystring: PlainQuery } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        return send(reply, 200, await readResource(contextOf(request, database), type, id));
      },
    );
  }

  // The patient's forecast, computed on each read (search only: it has no stored id to read back).
  app.get(
    '/RiskAssessment',
    {
      config,
      schema: {
        tags,
        summary: "search RiskAssessment (the patient's forecast)",
        querystring: searchQuerySchema(RISK_ASSESSMENT_PARAMS),
      },
    },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      return send(reply, 200, await searchRiskAssessments(contextOf(request, database), query, baseOf(request)));
    },
  );

  for (const type of CREATE_TYPES) {
    if (!isWritableType(type)) continue;
    app.post(
      `/${type}`,
      { config, schema: { tags, summary: `create ${type}`, querystring: PlainQuery } },
      async (request, reply) => {
        const created = await createResource(contextOf(request, database), type, request.body);
        void reply.header('location', `${baseOf(request)}/${type}/${created.id ?? ''}`);
        return send(reply, 201, created);
      },
    );
  }

  app.post(
    '/',
    {
      config,
      bodyLimit: BUNDLE_BODY_LIMIT,
      schema: { tags, summary: 'transaction or batch Bundle', querystring: PlainQuery },
    },
    async (request, reply) => {
      const result = await processBundle(contextOf(request, database), request.body, {
        defaultSource: 'import',
        maxEntries: MAX_BUNDLE_ENTRIES,
      });
      return send(reply, 200, result.response);
    },
  );
};

/** Registers the FHIR facade under /fhir/R4 (registered with the other routes in routes/index.ts). */
export const fhirRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fhirApi, { prefix: FHIR_BASE_PATH });
};
