import type { Role } from '../shared/vocabulary.js';

/** Who a request acts as, established once per request from its cookie or bearer token. */
export type Identity = StaffIdentity | PatientLinkIdentity;

export interface StaffIdentity {
  kind: 'user';
  clinicId: string;
  userId: string;
  role: Role;
  via: 'session' | 'api-token';
  /** Cookie sessions only: the token that cookie-authenticated writes must echo (CSRF protection). */
  csrfToken: string | null;
  sessionId: string | null;
}

export type LinkPurpose = 'questionnaire' | 'progress';

/** A patient link grants exactly one thing: one questionnaire, or the patient's own progress page. */
export interface PatientLinkIdentity {
  kind: 'patient-link';
  clinicId: string;
  linkId: string;
  patientId: string;
  purpose: LinkPurpose;
  instrument: string | null;
  courseId: string | null;
  expiresAt: string;
}

/** What a request without a working patient link is told: the same for an expired, revoked or unknown link. */
export const NO_WORKING_LINK = 'open this page from the link you were sent';
