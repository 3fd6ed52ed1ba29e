import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { patientOutcomes } from '../../patients/patient-outcomes.service.js';
import { CLINICAL } from '../access.js';
import type { OnsetApp } from '../app.js';
import { contextOf } from '../context.js';
import { errorResponses, IdParams } from '../schemas.js';

/** Per-patient outcomes (OUTCOMES.md), each number with its definition. */
export const outcomeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = (app as unknown as OnsetApp).database;
  app.get('/api/v1/patients/:id/outcomes', {
    config: { access: CLINICAL },
    schema: {
      tags: ['outcomes'],
      params: IdParams,
      response: {
        200: Type.Object({ patientId: Type.String(), instruments: Type.Array(Type.Unknown()), disagreements: Type.Array(Type.Unknown()), definitions: Type.Record(Type.String(), Type.Unknown()) }),
        ...errorResponses(),
      },
    },
  }, async (request) => patientOutcomes(contextOf(request, database), request.params.id) as unknown as Promise<{ patientId: string; instruments: unknown[]; disagreements: unknown[]; definitions: Record<string, unknown> }>);
};
