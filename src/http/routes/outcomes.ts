import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { patientForecast, type PatientForecastView } from '../../patients/patient-forecast.service.js';
import { patientOutcomes } from '../../patients/patient-outcomes.service.js';
import { CLINICAL } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses, IdParams } from '../schemas.js';

/** Per-patient outcomes (docs/outcomes.md), each number with its definition, and the patient's forecast. */
export const outcomeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  app.get(
    '/api/v1/patients/:id/outcomes',
    {
      config: { access: CLINICAL },
      schema: {
        tags: ['outcomes'],
        params: IdParams,
        response: {
          200: Type.Object({
            patientId: Type.String(),
            instruments: Type.Array(Type.Unknown()),
            disagreements: Type.Array(Type.Unknown()),
            definitions: Type.Record(Type.String(), Type.Unknown()),
          }),
          ...errorResponses(),
        },
      },
    },
    async (request) =>
      patientOutcomes(contextOf(request, database), request.params.id) as unknown as Promise<{
        patientId: string;
        instruments: unknown[];
        disagreements: unknown[];
        definitions: Record<string, unknown>;
      }>,
  );

  app.get(
    '/api/v1/patients/:id/forecast',
    {
      config: { access: CLINICAL },
      schema: {
        tags: ['outcomes'],
        description:
          'When this patient\'s relief is likely to end after the latest dose, and (before any response) the chance of a first response by the next doses; decision support, with its basis and n (docs/outcomes.md "Forecast").',
        params: IdParams,
        querystring: Type.Object(
          {
            instrument: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 40,
                description: "instrument id; default the check-in if answered, else the course's primary instrument",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            patientId: Type.String(),
            instrument: Type.String(),
            relief: Type.Unknown(),
            noRelief: Type.Unknown(),
            keepGoing: Type.Unknown(),
            model: Type.Unknown(),
          }),
          ...errorResponses(),
        },
      },
    },
    async (request): Promise<PatientForecastView> =>
      patientForecast(contextOf(request, database), request.params.id, request.query.instrument),
  );
};
