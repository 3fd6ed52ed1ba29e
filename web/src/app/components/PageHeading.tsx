import { useEffect, useRef, type JSX, type ReactNode } from 'react';
import { navigatedInApp } from '../router.js';

/**
 * The page's h1. It sets the document title and, after an in-app navigation, takes focus so a screen
 * reader announces the new page (a page load already starts at the top).
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }): JSX.Element {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Onset`;
    if (navigatedInApp()) ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
