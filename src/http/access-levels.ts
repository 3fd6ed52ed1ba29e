import type { LinkPurpose } from '../auth/identity.js';
import type { Role } from '../shared/vocabulary.js';

/**
 * Who may call a route. Every route declares one (`config.access`); the app refuses to start with a
 * route that does not, and the authorization matrix checks each one against a hand-written policy table.
 * - 'public': anyone (sign-in, health, the page shell);
 * - a list of staff roles;
 * - 'link:questionnaire' / 'link:progress': a valid patient link of that purpose, and nothing else;
 * - 'link:any': a valid patient link of either purpose (what the link is for).
 */
export type Access = 'public' | readonly Role[] | `link:${LinkPurpose | 'any'}`;

export const STAFF: readonly Role[] = ['admin', 'clinician', 'researcher'];
export const CLINICAL: readonly Role[] = ['admin', 'clinician'];
export const ADMIN: readonly Role[] = ['admin'];
