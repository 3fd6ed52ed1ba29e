import { useState, type JSX } from 'react';
import { problemOf } from '../../api.js';

/**
 * A destructive action behind a confirmation: the button asks first, in words saying what happens, and only
 * "Yes" runs it; a refusal shows the API's own words beside it.
 */
export function ConfirmButton(props: {
  /** The button's words, e.g. "Revoke". */
  label: string;
  /** Read by screen readers after the label, naming the thing, e.g. "the token EHR sync". */
  what: string;
  question: string;
  yes: string;
  busyText: string;
  no?: string;
  action: () => Promise<unknown>;
  onDone: () => void;
}): JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await props.action();
      setConfirming(false);
      props.onDone();
    } catch (error) {
      setProblem(problemOf(error).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="confirm">
      {confirming ? (
        <span role="group" aria-label={`Confirm: ${props.label} ${props.what}`} className="actions">
          <span>{props.question}</span>
          <button type="button" className="button button-small" disabled={busy} onClick={() => void run()}>
            {busy ? props.busyText : props.yes}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={busy}
            onClick={() => setConfirming(false)}
          >
            {props.no ?? 'No, keep it'}
          </button>
        </span>
      ) : (
        <button type="button" className="button button-secondary button-small" onClick={() => setConfirming(true)}>
          {props.label}
          <span className="visually-hidden"> {props.what}</span>
        </button>
      )}
      {problem === null ? null : (
        <p role="alert" className="error-message">
          {problem}
        </p>
      )}
    </div>
  );
}
