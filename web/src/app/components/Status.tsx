import type { JSX, ReactNode } from 'react';
import type { Problem } from '../../shared/problem.js';

/** Shown while a page's data loads. */
export function Loading({ what }: { what: string }): JSX.Element {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** A failed load: what went wrong, and a way to try again. */
export function ErrorPanel({ problem, retry }: { problem: Problem; retry?: () => void }): JSX.Element {
  return (
    <div className="error-panel" role="alert">
      <h2>Could not load this</h2>
      <p>{problem.detail}</p>
      {retry === undefined ? null : (
        <button type="button" className="button button-secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** An empty state that says what to do next. */
export function Empty({ children }: { children: ReactNode }): JSX.Element {
  return <div className="empty">{children}</div>;
}
