import { useEffect, useRef, type JSX } from 'react';

export interface SummaryItem {
  /** The id of the field to focus, or null for a problem that belongs to no field. */
  fieldId: string | null;
  message: string;
}

/** GOV.UK error summary: at the top of the form, focused when it appears, each problem linking to its field. */
export function ErrorSummary({ items }: { items: readonly SummaryItem[] }): JSX.Element | null {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
  }, [items]);
  if (items.length === 0) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby={`${items[0]?.fieldId ?? 'form'}-summary-title`}
    >
      <h2 className="error-summary-title" id={`${items[0]?.fieldId ?? 'form'}-summary-title`}>
        There is a problem
      </h2>
      <ul className="error-summary-list">
        {items.map((item) => (
          <li key={`${item.fieldId ?? ''}:${item.message}`}>
            {item.fieldId === null ? (
              item.message
            ) : (
              <a
                href={`#${item.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.fieldId ?? '')?.focus();
                }}
              >
                {item.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
