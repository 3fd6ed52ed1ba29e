/**
 * The FHIR R4 facade under /fhir/R4: CapabilityStatement, read and search of every resource type Onset
 * serves, search of RiskAssessment (the patient's forecast), create of Patient and QuestionnaireResponse,
 * and transaction/batch Bundles. Clinicians and admins only (API token or session). Errors are
 * OperationOutcome resources (application/fhir+json).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_BUNDLE_ENTRIES } from '../../fhir/bundle-read.js';
import { processBundle } from '../../fhir/bundle.js';
import { CREATE_TYPES, capabilityStatement } from '../../fhir/capability.js';
import { FHIR_BASE_PATH, FHIR_MIME } from '../../fhir/constants.js';
import { createResource } from '../../fhir/create.js';
import { isWritableType } from '../../fhir/map/index.js';
import { messageOutcome, outcomeOfError } from '../../fhir/outcome.js';
import { readResource, searchResources } from '../../fhir/query.js';
import { searchRiskAssessments } from '../../fhir/risk-assessment.js';
import { SEARCH_TYPES } from '../../fhir/search.js';
import { CLINICAL } from '../access.js';
import { contextOf } from '../context.js';
import { jsonBodyParser } from '../json-body.js';

/**
 * A Bundle body may hold MAX_BUNDLE_ENTRIES entries of 16 KB each (a pretty-printed QuestionnaireResponse
 * of the longest instrument, the LSAS's 48 items, is about 14 KB); every other FHIR body keeps the app's
 * limit. A clinic's whole history goes through `onset import fhir` instead.
 */
const BUNDLE_BODY_LIMIT = MAX_BUNDLE_ENTRIES * 16 * 1024;

const config = { access: CLINICAL };
const tags = ['FHIR R4'];

function send(reply: FastifyReply, status: number, resource: unknown): FastifyReply {
  return reply.status(status).type(`${FHIR_MIME}; charset=utf-8`).send(resource);
}

/** The FHIR base URL for links and the CapabilityStatement: the configured public URL, never the request's Host. */
function baseOf(request: FastifyRequest): string {
  return `${request.server.publicUrl()}${FHIR_BASE_PATH}`;
}

/** Where a refused body's field paths start: `Bundle.entry[3]…`, as in every other FHIR refusal. */
function resourceTypeOf(value: unknown): string {
  const type = typeof value === 'object' && value !== null ? (value as { resourceType?: unknown }).resourceType : undefined;
  return typeof type === 'string' && /^[A-Z][A-Za-z]{1,63}$/.test(type) ? type : '';
}

const fhirApi: FastifyPluginAsync = async (app) => {
  const database = app.database;
  app.addContentTypeParser([FHIR_MIME, 'application/json+fhir'], { parseAs: 'string' }, jsonBodyParser(resourceTypeOf));
  app.setErrorHandler((error, request, reply) => {
    const { status, outcome } = outcomeOfError(error);
    if (status >= 500) request.log.error({ err: error }, 'FHIR request failed');
    return send(reply, status, outcome);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return send(reply, 404, messageOutcome(`no FHIR interaction ${request.method} ${path}; see ${baseOf(request)}/metadata`, 'not-supported'));
  });

  app.get('/metadata', { config, schema: { tags, summary: 'CapabilityStatement' } }, async (request, reply) =>
    send(reply, 200, capabilityStatement(baseOf(request))),
  );

  for (const type of SEARCH_TYPES) {
    app.get(`/${type}`, { config, schema: { tags, summary: `search ${type}` } }, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      return send(reply, 200, await searchResources(contextOf(request, database), { type, query, base: baseOf(request) }));
    });
    app.get(`/${type}/:id`, { config, schema: { tags, summary: `read ${type}` } }, async (request, reply) => {
      const { id } = request.params as { id: string };
      return send(reply, 200, await readResource(contextOf(request, database), type, id));
    });
  }

  // The patient's forecast, computed on each read (search only: it has no stored id to read back).
  app.get('/RiskAssessment', { config, schema: { tags, summary: "search RiskAssessment (the patient's forecast)" } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    return send(reply, 200, await searchRiskAssessments(contextOf(request, database), query, baseOf(request)));
  });

  for (const type of CREATE_TYPES) {
    if (!isWritableType(type)) continue;
    app.post(`/${type}`, { config, schema: { tags, summary: `create ${type}` } }, async (request, reply) => {
      const created = await createResource(contextOf(request, database), type, request.body);
      void reply.header('location', `${baseOf(request)}/${type}/${created.id ?? ''}`);
      return send(reply, 201, created);
    });
  }

  app.post('/', { config, bodyLimit: BUNDLE_BODY_LIMIT, schema: { tags, summary: 'transaction or batch Bundle' } }, async (request, reply) => {
    const result = await processBundle(contextOf(request, database), request.body, { defaultSource: 'import', maxEntries: MAX_BUNDLE_ENTRIES });
    return send(reply, 200, result.response);
  });
};

/** Registers the FHIR facade under /fhir/R4 (registered in routes/index.ts). */
export const fhirRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fhirApi, { prefix: FHIR_BASE_PATH });
};
