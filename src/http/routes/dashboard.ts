import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { dashboard } from '../../dashboard/dashboard.service.js';
import { hasItemText } from '../../instruments/licensed-text.js';
import { listInstruments } from '../../instruments/registry.js';
import { CLINICAL, STAFF } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses } from '../schemas.js';

const Nullable = <T extends ReturnType<typeof Type.Object>>(
  t: T,
): ReturnType<typeof Type.Union<[T, ReturnType<typeof Type.Null>]>> => Type.Union([t, Type.Null()]);

const DashboardItem = Type.Object({
  patient: Type.Object({
    id: Type.String(),
    label: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    synthetic: Type.Boolean(),
  }),
  openAlerts: Type.Object({ urgent: Type.Integer(), warning: Type.Integer(), info: Type.Integer() }),
  latest: Nullable(
    Type.Object({
      instrument: Type.String(),
      total: Type.Number(),
      band: Type.Union([Type.String(), Type.Null()]),
      at: Type.String(),
      trend: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  daysSinceLastDose: Type.Union([Type.Integer(), Type.Null()]),
  nextDue: Nullable(Type.Object({ instrument: Type.String(), dueAt: Type.String() })),
  reliefEnding: Nullable(
    Type.Object({
      withinDays: Type.Integer(),
      dose: Type.Integer(),
      predictedEndAt: Type.String(),
      windowFrom: Type.String(),
      windowTo: Type.String(),
      basis: Type.Union([Type.Literal('patient'), Type.Literal('cohort')]),
    }),
  ),
});

const DashboardForecast = Type.Union([
  Type.Object({
    status: Type.Literal('fitted'),
    instrument: Type.String(),
    withinDays: Type.Integer(),
    fittedAt: Type.String(),
    episodes: Type.Integer(),
    patients: Type.Integer(),
  }),
  Type.Object({
    status: Type.Union([Type.Literal('pending'), Type.Literal('no-model')]),
    instrument: Type.String(),
    text: Type.String(),
  }),
]);

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
        response: {
          200: Type.Object({ items: Type.Array(DashboardItem), forecast: DashboardForecast }),
          ...errorResponses(),
        },
      },
    },
    async (request) => dashboard(contextOf(request, database)),
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
