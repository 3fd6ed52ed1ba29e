import { createContext, useContext } from 'react';
import type { Clinic, SessionUser } from './types.js';

export interface Session {
  user: SessionUser;
  clinic: Clinic | null;
  /** True when any of the clinic's patients is synthetic: pages with clinic-wide figures show the banner. */
  synthetic: boolean;
  /** Patients who need action today (docs/safety.md), as the header shows; null until first read. */
  needsAction: number | null;
  /** Reads the clinic's status again (the header's count), e.g. after the page changed. */
  refreshStatus: () => void;
  /** Minutes of no use after which the server ends the session. */
  idleMinutes: number;
  /** Signs out; 'idle' when the session ran out, so the sign-in page says why. */
  signOut: (reason?: 'idle') => void;
  /** Reads the clinic again (after an admin renamed it), so the header shows it as stored. */
  reloadClinic: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only used below the sign-in gate, where it always exists. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside the signed-in app');
  return session;
}
