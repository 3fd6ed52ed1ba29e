/** The sections of the admin area, each at /admin/<section> (/admin itself lists them). */
export const ADMIN_SECTIONS = ['clinic', 'users', 'api-tokens', 'links', 'schedules', 'mail'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** The clinician app's pages (history routing; src/http/web.ts serves index.html for each path). */
export type Route =
  | { page: 'dashboard' }
  | { page: 'sign-in' }
  | { page: 'patient'; id: string }
  | { page: 'patient-summary'; id: string }
  | { page: 'cohort' }
  | { page: 'report' }
  | { page: 'payer-report' }
  | { page: 'evidence' }
  | { page: 'settings' }
  | { page: 'rems-board' }
  | { page: 'rems-session'; doseId: string }
  | { page: 'admin'; section: AdminSection | null }
  | { page: 'not-found' };

/** The page for a path; unknown paths are 'not-found'. */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'dashboard' };
  if (path === '/sign-in') return { page: 'sign-in' };
  if (path === '/cohort') return { page: 'cohort' };
  if (path === '/report') return { page: 'report' };
  if (path === '/report/payer') return { page: 'payer-report' };
  if (path === '/evidence') return { page: 'evidence' };
  if (path === '/settings') return { page: 'settings' };
  if (path === '/rems') return { page: 'rems-board' };
  if (path === '/admin') return { page: 'admin', section: null };
  const admin = /^\/admin\/([a-z-]+)$/.exec(path)?.[1];
  const section = ADMIN_SECTIONS.find((s) => s === admin);
  if (section !== undefined) return { page: 'admin', section };
  const rems = /^\/rems\/doses\/([0-9a-f-]{36})$/i.exec(path);
  if (rems?.[1] !== undefined) return { page: 'rems-session', doseId: rems[1] };
  const patient = /^\/patients\/([0-9a-f-]{36})(\/summary)?$/i.exec(path);
  if (patient?.[1] !== undefined)
    return patient[2] === undefined ? { page: 'patient', id: patient[1] } : { page: 'patient-summary', id: patient[1] };
  return { page: 'not-found' };
}
