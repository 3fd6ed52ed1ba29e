import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { patientBillingLines } from '../../billing/billing.service.js';
import { CLINICAL } from '../access.js';
import { contextOf } from '../context.js';
import { errorResponses, IdParams } from '../schemas.js';

const BillingLineView = Type.Object({
  patientId: Type.String(),
  serviceDate: Type.String(),
  code: Type.String(),
  system: Type.String(),
  units: Type.Integer(),
  description: Type.String(),
  basis: Type.String(),
  source: Type.String(),
  sourceDate: Type.String(),
});

/** A patient's billing lines (docs/rems.md, "Billing lines"): Onset prepares them and does not submit claims. */
export const billingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const database = app.database;
  app.get(
    '/api/v1/patients/:id/billing-lines',
    {
      config: { access: CLINICAL },
      schema: {
        tags: ['billing'],
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(BillingLineView) }), ...errorResponses() },
      },
    },
    async (request) => ({ items: await patientBillingLines(contextOf(request, database), request.params.id) }),
  );
};
