import { useCallback, useEffect, type JSX, type ReactNode } from 'react';
import { plural } from '../../../../src/shared/plural.js';
import type { Route } from '../router.js';
import type { Role } from '../../../../src/shared/vocabulary.js';
import { useSession } from '../session.js';
import { IdleWarning } from './IdleWarning.js';
import { Link } from './Link.js';

const CLINIC_STAFF: readonly Role[] = ['admin', 'clinician'];
const EVERYONE: readonly Role[] = ['admin', 'clinician', 'researcher'];

/** The main navigation: each item only for the roles that may open it (the API refuses the others). */
const NAV: { to: string; label: string; pages: Route['page'][]; roles: readonly Role[] }[] = [
  { to: '/', label: 'Work queue', pages: ['dashboard', 'patient', 'patient-summary'], roles: CLINIC_STAFF },
  { to: '/', label: 'Home', pages: ['dashboard'], roles: ['researcher'] },
  { to: '/rems', label: 'REMS forms', pages: ['rems-board', 'rems-session'], roles: CLINIC_STAFF },
  { to: '/cohort', label: 'Cohort outcomes', pages: ['cohort'], roles: EVERYONE },
  { to: '/report', label: 'Clinic report', pages: ['report', 'payer-report'], roles: EVERYONE },
  { to: '/evidence', label: 'Evidence', pages: ['evidence'], roles: EVERYONE },
  { to: '/settings', label: 'Settings', pages: ['settings'], roles: CLINIC_STAFF },
  { to: '/admin', label: 'Admin', pages: ['admin'], roles: ['admin'] },
];

/** The page frame: skip link, header with the clinic and navigation, and the main region. */
export function Layout({ route, children }: { route: Route; children: ReactNode }): JSX.Element {
  const session = useSession();
  const { refreshStatus, signOut } = session;
  const signOutIdle = useCallback(() => signOut('idle'), [signOut]);
  const where = JSON.stringify(route);
  // The count follows the clinic as the user moves between pages (an alert closed, a dose saved).
  useEffect(() => {
    refreshStatus();
  }, [where, refreshStatus]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="header no-print">
        <div className="header-inner">
          <Link to="/" className="brand">
            Onset
          </Link>
          <span className="clinic-name">{session.clinic?.name ?? ''}</span>
          <nav aria-label="Main" className="nav">
            <ul>
              {NAV.filter((item) => item.roles.includes(session.user.role)).map((item) => (
                <li key={item.label}>
                  <Link to={item.to} aria-current={item.pages.includes(route.page) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {session.user.role === 'researcher' || session.needsAction === null ? null : (
            <Link to="/" className="needs-action">
              {session.needsAction === 0
                ? 'Nobody needs action today'
                : `${plural(session.needsAction, 'patient')} need${session.needsAction === 1 ? 's' : ''} action today`}
            </Link>
          )}
          <span className="user">
            {session.user.displayName}
            <button type="button" className="link-button" onClick={() => signOut()}>
              Sign out
            </button>
          </span>
        </div>
      </header>
      <IdleWarning idleMinutes={session.idleMinutes} onExpired={signOutIdle} />
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
