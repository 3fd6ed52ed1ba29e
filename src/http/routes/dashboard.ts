import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ClinicStatus, Dashboard, DashboardQuery } from '../../dashboard/dashboard.schema.js';
import { clinicStatus, dashboard } from '../../dashboard/dashboard.service.js';
import { hasItemText } from '../../instruments/licensed-text.js';
import { listInstruments } from '../../instruments/registry.js';
import { CLINICAL, STAFF } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses } from '../schemas.js';

const InstrumentSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  rater: Type.String(),
  licence: Type.String(),
  validated: Type.Boolean(),
  /** False for a licensed instrument whose item text is not loaded: it cannot be sent to a patient. */
  itemText: Type.Boolean(),
  items: Type.Integer(),
  totalMin: Type.Integer(),
  totalMax: Type.Integer(),
  bands: Type.Array(Type.Object({ label: Type.String(), min: Type.Number(), max: Type.Number() })),
  responseFraction: Type.Union([Type.Number(), Type.Null()]),
  remissionMax: Type.Union([Type.Number(), Type.Null()]),
  reliableChange: Type.Union([Type.Number(), Type.Null()]),
  source: Type.String(),
});

/** The work queue, and the instrument library as the forms and charts need it. */
export const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  app.get(
    '/api/v1/dashboard',
    {
      config: { access: CLINICAL },
      schema: {
        tags: ['dashboard'],
        querystring: DashboardQuery,
        response: {
          200: Dashboard,
          ...errorResponses(),
        },
      },
    },
    async (request) => dashboard(contextOf(request, database), request.query),
  );
  // Every page's header: who needs action today and whether the data is synthetic (counts only).
  app.get(
    '/api/v1/clinic/status',
    {
      config: { access: STAFF },
      schema: { tags: ['dashboard'], response: { 200: ClinicStatus, ...errorResponses() } },
    },
    async (request) => clinicStatus(contextOf(request, database)),
  );
  app.get(
    '/api/v1/instruments',
    {
      config: { access: STAFF },
      schema: {
        tags: ['instruments'],
        response: { 200: Type.Object({ items: Type.Array(InstrumentSummary) }), ...errorResponses() },
      },
    },
    async () => ({
      items: listInstruments().map((d) => ({
        id: d.id,
        name: d.name,
        shortName: d.shortName,
        rater: d.rater,
        licence: d.licence,
        validated: d.validated,
        itemText: hasItemText(d),
        items: d.items.length,
        totalMin: d.totalMin,
        totalMax: d.totalMax,
        bands: [...d.bands],
        responseFraction: d.responseFraction,
        remissionMax: d.remissionMax,
        reliableChange: d.reliableChange,
        source: d.source,
      })),
    }),
  );
};
