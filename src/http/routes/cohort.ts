import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CohortSettings,
  CohortSettingsInput,
  getCohortSettings,
  updateCohortSettings,
} from '../../cohort/cohort-settings.js';
import { publishedCohortJson } from '../../cohort/cohort.service.js';
import { forecastCalibration } from '../../cohort/forecast-calibration.service.js';
import { PayerReportQuery, payerReport, payerReportPdf } from '../../cohort/payer-report.service.js';
import type { PayerReport } from '../../outcomes/cohort/payer.js';
import { invalid } from '../../shared/errors.js';
import { FORMATS, StringEnum, Text, YEAR_MAX, YEAR_MIN } from '../../shared/schema.js';
import { CONDITIONS, ROUTES, SETTINGS } from '../../shared/vocabulary.js';
import { ADMIN, CLINICAL, STAFF, staffOf } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses } from '../schemas.js';

const CohortQuery = Type.Object(
  {
    instrument: Type.Optional(Text({ minLength: 1, maxLength: 40, default: 'gad7' })),
    condition: Type.Optional(StringEnum(CONDITIONS)),
    route: Type.Optional(StringEnum(ROUTES)),
    setting: Type.Optional(StringEnum(SETTINGS)),
    from: Type.Optional(Text({ maxLength: 40, description: 'doses from (date or date-time, inclusive)' })),
    to: Type.Optional(Text({ maxLength: 40, description: 'doses before (date or date-time, exclusive)' })),
  },
  { additionalProperties: false },
);

function instant(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const date = FORMATS.date(value);
  if (!date && !FORMATS['date-time'](value))
    throw invalid(field, `must be a date (YYYY-MM-DD) or an ISO-8601 date-time, in the years ${YEAR_MIN}–${YEAR_MAX}`);
  return Date.parse(date ? `${value}T00:00:00Z` : value);
}

/**
 * The clinic's cohort report (docs/outcomes.md "Cohort"): aggregate figures only, each with its n and
 * definition, so researchers may read it too, with small cells suppressed for them. Patients are never
 * named in it. The minimum cell size is a clinic setting only an admin may change.
 */
export const cohortRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  app.get(
    '/api/v1/cohort',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cohort'],
        querystring: CohortQuery,
        response: {
          // An object with the report's definition, the report and the outcome definitions, as JSON bytes the
          // read worker serialised (cohort.service.ts publishedCohortJson).
          200: Type.Unsafe<Buffer>({ type: 'object', additionalProperties: true }),
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const from = instant(q.from, 'from');
      const to = instant(q.to, 'to');
      if (from !== undefined && to !== undefined && to <= from) throw invalid('to', 'must be after from');
      const json = await publishedCohortJson(contextOf(request, database), staffOf(request).role, {
        instrument: q.instrument ?? 'gad7',
        filter: {
          ...(q.condition === undefined ? {} : { condition: q.condition }),
          ...(q.route === undefined ? {} : { route: q.route }),
          ...(q.setting === undefined ? {} : { setting: q.setting }),
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
        },
      });
      // Serialised on the read worker (cohort.service.ts): written out as it is, not serialised again here.
      return reply
        .type('application/json; charset=utf-8')
        .send(Buffer.from(json.buffer, json.byteOffset, json.byteLength));
    },
  );

  // How far to trust the forecast: the clinic's own past forecasts against what followed (docs/outcomes.md).
  app.get(
    '/api/v1/cohort/forecast-calibration',
    {
      config: { access: STAFF },
      schema: {
        tags: ['cohort'],
        querystring: Type.Object(
          {
            instrument: Type.Optional(
              Text({ minLength: 1, maxLength: 40, description: 'default: the 24-hour anxiety check-in (anxiety-vas)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Record(Type.String(), Type.Unknown()), ...errorResponses() },
      },
    },
    async (request) =>
      forecastCalibration(contextOf(request, database), staffOf(request).role, request.query.instrument),
  );

  app.get(
    '/api/v1/cohort/settings',
    {
      config: { access: STAFF },
      schema: { tags: ['cohort'], response: { 200: CohortSettings, ...errorResponses() } },
    },
    async (request) => getCohortSettings(contextOf(request, database)),
  );
  app.put(
    '/api/v1/cohort/settings',
    {
      config: { access: ADMIN },
      schema: { tags: ['cohort'], body: CohortSettingsInput, response: { 200: CohortSettings, ...errorResponses() } },
    },
    async (request) => updateCohortSettings(contextOf(request, database), request.body),
  );

  // The one-page outcomes report for payers (docs/outcomes.md "Outcomes for payers"): clinic business, so
  // admins and clinicians only.
  app.get(
    '/api/v1/reports/payer',
    {
      config: { access: CLINICAL },
      schema: {
        tags: ['cohort'],
        querystring: PayerReportQuery,
        response: {
          // The figures of docs/outcomes.md "Outcomes for payers" (src/outcomes/cohort/payer.ts PayerReport).
          200: Type.Unsafe<PayerReport>({ type: 'object', additionalProperties: true }),
          ...errorResponses(),
        },
      },
    },
    async (request) => payerReport(contextOf(request, database), request.query),
  );
  app.get(
    '/api/v1/reports/payer/pdf',
    {
      config: { access: CLINICAL },
      schema: {
        tags: ['cohort'],
        querystring: PayerReportQuery,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses() },
      },
    },
    async (request, reply) => {
      const pdf = await payerReportPdf(contextOf(request, database), request.query);
      const q = request.query;
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="onset-payer-report-${q.from}-${q.to}.pdf"`)
        .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    },
  );
};
