import type { JSX } from 'react';

/** Opens the browser's print dialog; the print style sheet lays the page out for paper or PDF. */
export function PrintButton(): JSX.Element {
  return (
    <button type="button" className="button no-print" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}
