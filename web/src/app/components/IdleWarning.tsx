import { useEffect, useState, type JSX } from 'react';
import { plural } from '../../../../src/shared/plural.js';
import { api, lastApiActivity } from '../api.js';

/** How long before the session ends the warning shows. */
export const WARN_BEFORE_MS = 3 * 60_000;
/**
 * The server records a session's use at most once a minute (src/auth/touch.ts), so it may count idle time
 * from up to a minute before this page's last answered request: the page counts the same minute off.
 */
const TOUCH_SLACK_MS = 60_000;

/** Milliseconds until an idle session ends, as the page can know it. */
export function msUntilSignOut(idleMinutes: number, lastActivity: number, now: number): number {
  return idleMinutes * 60_000 - TOUCH_SLACK_MS - (now - lastActivity);
}

/**
 * Warns before an idle session ends and lets the user stay signed in; when the time is up it signs out,
 * saying why. Nothing but the user's own requests keeps the session alive.
 */
export function IdleWarning({
  idleMinutes,
  onExpired,
}: {
  idleMinutes: number;
  onExpired: () => void;
}): JSX.Element | null {
  const [now, setNow] = useState(() => Date.now());
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 5_000);
    return () => window.clearInterval(timer);
  }, []);
  const left = msUntilSignOut(idleMinutes, lastApiActivity(), now);
  useEffect(() => {
    if (left <= 0) onExpired();
  }, [left, onExpired]);
  if (left > WARN_BEFORE_MS || left <= 0) return null;
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  const stay = (): void => {
    setProblem(null);
    api.get('/api/v1/session').then(
      () => setNow(Date.now()),
      () => setProblem('Could not reach Onset. Check the connection and try again.'),
    );
  };
  return (
    <div className="idle-warning" role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-text">
      <h2 id="idle-title">Still there?</h2>
      <p id="idle-text">
        Nothing has happened on this page for a while. To keep patients’ records private you will be signed out in about{' '}
        {plural(minutes, 'minute')}.
      </p>
      {problem === null ? null : <p className="error-message">{problem}</p>}
      <button type="button" className="button" onClick={stay}>
        Stay signed in
      </button>
    </div>
  );
}
