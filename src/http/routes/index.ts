import type { FastifyPluginAsync } from 'fastify';
import { adverseEventService } from '../../adverse-events/adverse-event.service.js';
import { assessmentService } from '../../assessments/assessment.service.js';
import { courseService } from '../../courses/course.service.js';
import { doseService } from '../../doses/dose.service.js';
import { medicationService } from '../../medications/medication.service.js';
import { patientService } from '../../patients/patient.service.js';
import { remsSessionService } from '../../rems/rems-session.service.js';
import { therapySessionService } from '../../therapy-sessions/therapy-session.service.js';
import { adminRoutes } from './admin.js';
import { alertRoutes } from './alerts.js';
import { billingRoutes } from './billing.js';
import { cohortRoutes } from './cohort.js';
import { dashboardRoutes } from './dashboard.js';
import { evidenceRoutes } from './evidence.js';
import { fhirRoutes } from './fhir.js';
import { forecastSettingsRoutes } from './forecast-settings.js';
import { linkRoutes } from './links.js';
import { mailRoutes } from './mail.js';
import { outcomeRoutes } from './outcomes.js';
import { recordRoutes } from './record-routes.js';
import { remsRoutes } from './rems.js';
import { safetySettingsRoutes } from './safety-settings.js';
import { scheduleRoutes } from './schedules.js';
import { sessionRoutes } from './session.js';
import { systemRoutes } from './system.js';
import { webRoutes } from '../web.js';

export interface RouteOptions {
  /** Whether this server sends e-mail (ONSET_SMTP_URL set: the mail worker runs beside the app). */
  mailDelivery: boolean;
}

/** The route table of contents. Every route declares its access policy (see access.ts). */
export const registerRoutes: FastifyPluginAsync<RouteOptions> = async (app, options) => {
  await app.register(systemRoutes);
  await app.register(sessionRoutes);
  await app.register(recordRoutes({ path: 'patients', tag: 'patients', service: patientService }));
  await app.register(recordRoutes({ path: 'courses', tag: 'courses', service: courseService }));
  await app.register(recordRoutes({ path: 'doses', tag: 'doses', service: doseService }));
  await app.register(recordRoutes({ path: 'assessments', tag: 'assessments', service: assessmentService }));
  await app.register(recordRoutes({ path: 'adverse-events', tag: 'adverse events', service: adverseEventService }));
  await app.register(
    recordRoutes({ path: 'therapy-sessions', tag: 'therapy sessions', service: therapySessionService }),
  );
  await app.register(recordRoutes({ path: 'medications', tag: 'medications', service: medicationService }));
  await app.register(recordRoutes({ path: 'rems-sessions', tag: 'REMS sessions', service: remsSessionService }));
  await app.register(remsRoutes);
  await app.register(billingRoutes);
  await app.register(dashboardRoutes);
  await app.register(outcomeRoutes);
  await app.register(cohortRoutes);
  await app.register(alertRoutes);
  await app.register(safetySettingsRoutes);
  await app.register(forecastSettingsRoutes);
  await app.register(linkRoutes);
  await app.register(scheduleRoutes);
  await app.register(evidenceRoutes);
  await app.register(adminRoutes);
  await app.register(mailRoutes({ configured: options.mailDelivery }));
  await app.register(fhirRoutes);
  // The built front end (clinician app at /, patient page at /p/): pages hold no data; the API checks access.
  await app.register(webRoutes);
};
