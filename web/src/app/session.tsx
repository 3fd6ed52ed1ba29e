import { createContext, useContext } from 'react';
import type { Clinic, SessionUser } from './types.js';

export interface Session {
  user: SessionUser;
  clinic: Clinic | null;
  /** True when any of the clinic's patients is synthetic: pages with clinic-wide figures show the banner. */
  synthetic: boolean;
  signOut: () => void;
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
