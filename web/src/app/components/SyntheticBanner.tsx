import type { JSX } from 'react';

/** Shown on every page that shows synthetic patients (demo data is labelled everywhere it appears). */
export function SyntheticBanner({ show }: { show: boolean }): JSX.Element | null {
  if (!show) return null;
  return (
    <p className="synthetic-banner" role="note">
      <strong>Synthetic demo data</strong> — these patients are generated, not real people.
    </p>
  );
}
