import type { Engine } from '../../src/db/database.js';
import { buildApp } from '../../src/app/compose.js';
import type { OnsetApp } from '../../src/http/app.js';
import { adverseEventService } from '../../src/adverse-events/adverse-event.service.js';
import { raiseAlert } from '../../src/alerts/alert.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { createApiToken } from '../../src/auth/api-token.service.js';
import { issuePatientLink } from '../../src/auth/patient-link.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import { medicationService } from '../../src/medications/medication.service.js';
import { remsSessionService } from '../../src/rems/rems-session.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { therapySessionService } from '../../src/therapy-sessions/therapy-session.service.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aCourse, aDose, anEsketamineDoseBody, aPatient, aRemsSessionBody } from './builders.js';
import { freshDatabase, type TestDatabase } from './databases.js';

export const PASSWORD = 'correct horse battery staple';

export interface Principal {
  name: string;
  headers: Record<string, string>;
}

export interface ApiWorld {
  app: OnsetApp;
  test: TestDatabase;
  a: ServiceContext;
  b: ServiceContext;
  /** Clinic A's records by kind, for :id parameters. */
  ids: Record<string, string>;
  /** Strings that must never appear in a response given to someone outside clinic A / patient P1. */
  secrets: string[];
  principals: Record<
    | 'anonymous'
    | 'admin'
    | 'clinician'
    | 'researcher'
    | 'otherClinic'
    | 'otherClinicAdmin'
    | 'otherPatientLink'
    | 'otherPatientQuestionnaire'
    | 'ownQuestionnaire'
    | 'ownProgress',
    Principal
  >;
  close(): Promise<void>;
}

/** Signs a staff user in through the API and returns the headers a browser would send. */
export async function signInHeaders(
  app: OnsetApp,
  email: string,
  password = PASSWORD,
): Promise<Record<string, string>> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'onset_session');
  const { csrfToken } = response.json<{ csrfToken: string }>();
  return { cookie: `onset_session=${cookie?.value ?? ''}`, 'x-csrf-token': csrfToken };
}

/**
 * Two clinics. Clinic A has staff of every role and patient P1 with one record of every kind, plus a
 * second patient P2; clinic B has a clinician. Patient links exist for P1 and for P2.
 */
export async function buildWorld(engine: Engine): Promise<ApiWorld> {
  const test = await freshDatabase(engine);
  const app = await buildApp({ database: test.handle, logLevel: process.env.ONSET_TEST_LOG ?? 'silent' });
  const a = await aClinicContext(test.handle, 'Clinic A');
  const b = await aClinicContext(test.handle, 'Clinic B');
  const suffix = Math.random().toString(36).slice(2, 8);
  const email = (role: string, clinic: string): string => `${role}.${clinic}.${suffix}@example.org`;
  const admin = await createUser(a, { email: email('admin', 'a'), role: 'admin', password: PASSWORD });
  const clinician = await createUser(a, { email: email('clinician', 'a'), role: 'clinician', password: PASSWORD });
  await createUser(a, { email: email('researcher', 'a'), role: 'researcher', password: PASSWORD });
  await createUser(b, { email: email('clinician', 'b'), role: 'clinician', password: PASSWORD });
  await createUser(b, { email: email('admin', 'b'), role: 'admin', password: PASSWORD });

  const p1 = await aPatient(a, { label: `P1-SECRET-${suffix}`, name: `Alice Secret ${suffix}` });
  const p2 = await aPatient(a, { label: `P2-${suffix}` });
  const course = await aCourse(a, p1.id);
  const dose = await aDose(a, p1.id, course.id);
  // An esketamine dose with its monitored session, and one without (for opening a session).
  const remsDose = await doseService.create(
    a,
    anEsketamineDoseBody(p1.id, course.id, { givenAt: '2026-01-20T15:00:00Z' }),
  );
  const remsSession = await remsSessionService.create(a, aRemsSessionBody(remsDose.id, remsDose.givenAt));
  const openDose = await doseService.create(
    a,
    anEsketamineDoseBody(p1.id, course.id, { givenAt: '2026-01-27T15:00:00Z' }),
  );
  const base = { patientId: p1.id };
  const assessment = await assessmentService.create(a, {
    ...base,
    instrument: 'gad7',
    completedAt: '2026-01-04T09:00:00Z',
    answers: [3, 3, 2, 2, 2, 2, 2],
  });
  const adverseEvent = await adverseEventService.create(a, {
    ...base,
    category: 'nausea',
    grade: 1,
    onsetAt: '2026-01-05T11:00:00Z',
  });
  const session = await therapySessionService.create(a, {
    ...base,
    heldAt: '2026-01-06T10:00:00Z',
    kind: 'integration',
    modality: 'cbt',
    minutes: 50,
  });
  const medication = await medicationService.create(a, {
    ...base,
    name: 'Sertraline',
    drugClass: 'ssri',
    startedOn: '2025-06-01',
  });
  const alert = await raiseAlert(a, {
    ...base,
    rule: 'craving',
    severity: 'warning',
    episodeKey: 'world',
    raisedAt: '2026-01-07T10:00:00Z',
    evidence: {},
  });
  const token = await createApiToken(a, admin.id, 'world');

  // Links are checked against the real clock, so they are issued with it.
  const live = { ...a, now: () => new Date() };
  const ownQ = await issuePatientLink(live, p1.id, { purpose: 'questionnaire', instrument: 'gad7' });
  const ownP = await issuePatientLink(live, p1.id, { purpose: 'progress' });
  const otherQ = await issuePatientLink(live, p2.id, { purpose: 'questionnaire', instrument: 'phq9' });
  const otherP = await issuePatientLink(live, p2.id, { purpose: 'progress' });
  // A link of P1's that the routes may revoke (revoking one of the links above would end a principal).
  const revocable = await issuePatientLink(live, p1.id, { purpose: 'progress' });

  const principals: ApiWorld['principals'] = {
    anonymous: { name: 'anonymous', headers: {} },
    admin: { name: 'admin', headers: await signInHeaders(app, admin.email) },
    clinician: { name: 'clinician', headers: await signInHeaders(app, clinician.email) },
    researcher: { name: 'researcher', headers: await signInHeaders(app, email('researcher', 'a')) },
    otherClinic: { name: 'clinician of another clinic', headers: await signInHeaders(app, email('clinician', 'b')) },
    otherClinicAdmin: { name: 'admin of another clinic', headers: await signInHeaders(app, email('admin', 'b')) },
    otherPatientLink: { name: 'progress link of another patient', headers: { 'x-onset-link': otherP.token } },
    otherPatientQuestionnaire: {
      name: 'questionnaire link of another patient',
      headers: { 'x-onset-link': otherQ.token },
    },
    ownQuestionnaire: { name: 'own questionnaire link', headers: { 'x-onset-link': ownQ.token } },
    ownProgress: { name: 'own progress link', headers: { 'x-onset-link': ownP.token } },
  };
  return {
    app,
    test,
    a,
    b,
    ids: {
      patients: p1.id,
      courses: course.id,
      doses: dose.id,
      assessments: assessment.id,
      'adverse-events': adverseEvent.id,
      'therapy-sessions': session.id,
      medications: medication.id,
      'rems-sessions': remsSession.id,
      remsOpenDose: openDose.id,
      alerts: alert.alert.id,
      users: clinician.id,
      'api-tokens': token.info.id,
      links: revocable.link.id,
      // The same records as the FHIR facade names them.
      Patient: p1.id,
      QuestionnaireResponse: assessment.id,
      Observation: assessment.id,
      MedicationAdministration: dose.id,
      AdverseEvent: adverseEvent.id,
      EpisodeOfCare: course.id,
      Procedure: session.id,
      MedicationStatement: medication.id,
      Questionnaire: 'gad7',
    },
    secrets: [p1.id, p1.label, `Alice Secret ${suffix}`],
    principals,
    close: async () => {
      await app.close();
      await test.drop();
    },
  };
}
