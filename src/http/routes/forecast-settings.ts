import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ForecastSettings,
  ForecastSettingsInput,
  getForecastSettings,
  updateForecastSettings,
} from '../../patients/forecast-settings.js';
import { ADMIN, CLINICAL } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses } from '../schemas.js';

/**
 * How the clinic shows the relief forecast (work queue horizon, progress page): clinicians read it, admins change it.
 */
export const forecastSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  const tags = ['forecast'];
  app.get(
    '/api/v1/forecast/settings',
    {
      config: { access: CLINICAL },
      schema: { tags, response: { 200: ForecastSettings, ...errorResponses() } },
    },
    async (request) => getForecastSettings(contextOf(request, database)),
  );
  app.put(
    '/api/v1/forecast/settings',
    {
      config: { access: ADMIN },
      schema: { tags, body: ForecastSettingsInput, response: { 200: ForecastSettings, ...errorResponses() } },
    },
    async (request) => updateForecastSettings(contextOf(request, database), request.body),
  );
};
