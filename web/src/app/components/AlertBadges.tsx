import type { JSX } from 'react';

/** Open-alert counts as words with a shape per severity (never colour alone). */
export function AlertBadges({ counts }: { counts: { urgent: number; warning: number; info: number } }): JSX.Element {
  const parts = (['urgent', 'warning', 'info'] as const).filter((s) => counts[s] > 0);
  if (parts.length === 0) return <span className="muted">none</span>;
  return (
    <span className="badges">
      {parts.map((severity) => (
        <span key={severity} className={`badge badge-${severity}`}>
          <span aria-hidden="true">{SHAPE[severity]} </span>
          {counts[severity]} {severity}
        </span>
      ))}
    </span>
  );
}

// The same shapes as the timeline's alert marks: star, square, circle.
export const SHAPE = { urgent: '★', warning: '■', info: '●' } as const;

/** One severity as a badge. */
export function SeverityBadge({ severity }: { severity: string }): JSX.Element {
  const shape = severity === 'urgent' || severity === 'warning' || severity === 'info' ? SHAPE[severity] : '●';
  return (
    <span className={`badge badge-${severity}`}>
      <span aria-hidden="true">{shape} </span>
      {severity}
    </span>
  );
}
