import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type JSX } from 'react';
import { api, setCsrfToken, setSignedOutHandler } from './api.js';
import { Layout } from './components/Layout.js';
import { Link } from './components/Link.js';
import { PageHeading } from './components/PageHeading.js';
import { Loading } from './components/Status.js';
import { Dashboard } from './pages/Dashboard.js';
import { ResearcherHome } from './pages/ResearcherHome.js';
import { SignIn } from './pages/SignIn.js';
import { matchRoute, navigate, useLocation, type Route } from './router.js';
import { SessionContext, type Session } from './session.js';
import type { Clinic, ClinicStatus, SessionView } from './types.js';

const STATUS_PATH = '/api/v1/clinic/status';
const IDLE_NOTICE =
  'You were signed out because nothing happened for a while, to keep patients’ records private. Sign in again to go on.';

// Pages with charts load Observable Plot; they are split off so the work queue opens fast.
const PatientPage = lazy(() => import('./pages/patient/PatientPage.js'));
const PatientSummary = lazy(() => import('./pages/patient/PatientSummary.js'));
const CohortPage = lazy(() => import('./pages/cohort/CohortPage.js'));
const ClinicReport = lazy(() => import('./pages/cohort/ClinicReport.js'));
const PayerReportPage = lazy(() => import('./pages/cohort/PayerReport.js'));
const EvidencePage = lazy(() => import('./pages/evidence/EvidencePage.js'));
const SettingsPage = lazy(() => import('./pages/SettingsPage.js'));
const RemsBoardPage = lazy(() => import('./pages/rems/RemsBoardPage.js'));
const RemsSessionPage = lazy(() => import('./pages/rems/RemsSessionPage.js'));
const AdminPage = lazy(() => import('./pages/admin/AdminPage.js'));

type State =
  | { status: 'loading' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'signed-in'; session: SessionView; clinic: Clinic | null; counts: ClinicStatus | null };

/** The clinician app: the sign-in gate, then the page for the current path. */
export function App(): JSX.Element {
  const [state, setState] = useState<State>({ status: 'loading' });
  const location = useLocation();
  const route = matchRoute(location.pathname);

  const enter = useCallback(async (session: SessionView): Promise<void> => {
    setCsrfToken(session.csrfToken);
    // The clinic's status (synthetic data, who needs action today) is counted by the server, not read from
    // the patient list.
    const [clinic, clinicStatus] = await Promise.all([
      api.get<Clinic>('/api/v1/clinic').catch(() => null),
      api.get<ClinicStatus>(STATUS_PATH).catch(() => null),
    ]);
    setState({ status: 'signed-in', session, clinic, counts: clinicStatus });
  }, []);

  const refreshStatus = useCallback(() => {
    api.get<ClinicStatus>(STATUS_PATH).then(
      (clinicStatus) => setState((s) => (s.status === 'signed-in' ? { ...s, counts: clinicStatus } : s)),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    setSignedOutHandler(() => {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    });
    api.get<SessionView>('/api/v1/session').then(
      (session) => void enter(session),
      () => setState({ status: 'signed-out' }),
    );
    return () => setSignedOutHandler(null);
  }, [enter]);

  const signOut = useCallback((reason?: 'idle') => {
    void api.del('/api/v1/session').finally(() => {
      setCsrfToken(null);
      setState(reason === 'idle' ? { status: 'signed-out', notice: IDLE_NOTICE } : { status: 'signed-out' });
      navigate('/sign-in');
    });
  }, []);

  const reloadClinic = useCallback(() => {
    api.get<Clinic>('/api/v1/clinic').then(
      (clinic) => setState((s) => (s.status === 'signed-in' ? { ...s, clinic } : s)),
      () => undefined,
    );
  }, []);

  const session = useMemo<Session | null>(
    () =>
      state.status === 'signed-in'
        ? {
            user: state.session.user,
            clinic: state.clinic,
            synthetic: state.counts?.synthetic ?? false,
            needsAction: state.counts?.needsAction ?? null,
            idleMinutes: state.session.idleMinutes,
            refreshStatus,
            signOut,
            reloadClinic,
          }
        : null,
    [state, signOut, refreshStatus, reloadClinic],
  );

  if (state.status === 'loading') return <Loading what="Onset" />;
  if (state.status === 'signed-out' || session === null) {
    return (
      <SignIn
        notice={state.status === 'signed-out' ? state.notice : undefined}
        onSignedIn={(view) => {
          void enter(view).then(() => {
            if (route.page === 'sign-in') navigate('/', { replace: true });
          });
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Layout route={route}>
        <Suspense fallback={<Loading what="the page" />}>
          <PageFor route={route} role={session.user.role} />
        </Suspense>
      </Layout>
    </SessionContext.Provider>
  );
}

function PageFor({ route, role }: { route: Route; role: Session['user']['role'] }): JSX.Element {
  switch (route.page) {
    case 'dashboard':
    case 'sign-in':
      // A researcher reads no patient: their home is what they may open.
      return role === 'researcher' ? <ResearcherHome /> : <Dashboard />;
    case 'patient':
      return <PatientPage id={route.id} />;
    case 'patient-summary':
      return <PatientSummary id={route.id} />;
    case 'cohort':
      return <CohortPage />;
    case 'report':
      return <ClinicReport />;
    case 'payer-report':
      return <PayerReportPage />;
    case 'evidence':
      return <EvidencePage />;
    case 'settings':
      return <SettingsPage />;
    case 'rems-board':
      return <RemsBoardPage />;
    case 'rems-session':
      return <RemsSessionPage doseId={route.doseId} />;
    case 'admin':
      return <AdminPage section={route.section} />;
    case 'not-found':
      return (
        <>
          <PageHeading title="Page not found" />
          <p>
            There is no page at this address. Go to the{' '}
            <Link to="/">{role === 'researcher' ? 'home page' : 'work queue'}</Link>.
          </p>
        </>
      );
  }
}
