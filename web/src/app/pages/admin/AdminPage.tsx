import type { JSX } from 'react';
import { Link } from '../../components/Link.js';
import { PageHeading } from '../../components/PageHeading.js';
import { ADMIN_SECTIONS, type AdminSection } from '../../routes.js';
import { useSession } from '../../session.js';
import { ApiTokensSection } from './ApiTokensSection.js';
import { ClinicSection } from './ClinicSection.js';
import { LinksSection } from './LinksSection.js';
import { MailSection } from './MailSection.js';
import { SchedulesSection } from './SchedulesSection.js';
import { UsersSection } from './UsersSection.js';

/** Each section's name in the navigation and heading, and what it is for. */
export const SECTIONS: Readonly<Record<AdminSection, { title: string; about: string }>> = {
  clinic: {
    title: 'Clinic',
    about: 'Name and time zone, the crisis message, the safety thresholds, and which EHR may embed Onset.',
  },
  users: { title: 'Users and roles', about: 'Who signs in, as what; add a user, change a role, disable an account.' },
  'api-tokens': {
    title: 'API tokens',
    about: 'Tokens for integrations (an EHR, a data warehouse); make or revoke one.',
  },
  links: { title: 'Patient links', about: 'Every patient link that still works, and revoking one.' },
  schedules: { title: 'Schedule templates', about: 'The measurement schedules clinicians pick for a course.' },
  mail: { title: 'E-mail', about: 'Whether this server sends e-mail, and what is queued, sent and failed.' },
};

/** The admin area: administrators only; the other roles are told so (the API refuses them too). */
export default function AdminPage({ section }: { section: AdminSection | null }): JSX.Element {
  const session = useSession();
  if (session.user.role !== 'admin') {
    return (
      <>
        <PageHeading title="Admins only" />
        <p>
          The admin area is for the clinic’s administrators; your role ({session.user.role}) may not open it. Ask an
          administrator if something here needs changing. Go to the{' '}
          <Link to="/">{session.user.role === 'researcher' ? 'home page' : 'work queue'}</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading title={section === null ? 'Admin' : `Admin: ${SECTIONS[section].title}`} />
      <nav aria-label="Admin sections" className="subnav">
        <ul>
          {ADMIN_SECTIONS.map((s) => (
            <li key={s}>
              <Link to={`/admin/${s}`} aria-current={s === section ? 'page' : undefined}>
                {SECTIONS[s].title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {section === null ? <Overview /> : <Section section={section} />}
    </>
  );
}

function Overview(): JSX.Element {
  return (
    <ul className="link-list">
      {ADMIN_SECTIONS.map((s) => (
        <li key={s} className="link-item">
          <span>
            <Link to={`/admin/${s}`}>{SECTIONS[s].title}</Link>
            <span className="muted"> — {SECTIONS[s].about}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function Section({ section }: { section: AdminSection }): JSX.Element {
  switch (section) {
    case 'clinic':
      return <ClinicSection />;
    case 'users':
      return <UsersSection />;
    case 'api-tokens':
      return <ApiTokensSection />;
    case 'links':
      return <LinksSection />;
    case 'schedules':
      return <SchedulesSection />;
    case 'mail':
      return <MailSection />;
  }
}
