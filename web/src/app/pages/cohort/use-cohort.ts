import { useMemo } from 'react';
import type { Problem } from '../../../shared/problem.js';
import type { CohortReport, CohortView, Definitions } from '../../types.js';
import { useResource } from '../../use-resource.js';

/** The thresholds the report was computed with (GET /api/v1/cohort returns them beside the report). */
export interface Thresholds {
  instrument: string;
  responseFraction: number | null;
  remissionMax: number | null;
  reliableChange: number | null;
}

type Body =
  | (CohortView & { report?: undefined })
  | { report: Omit<CohortView, 'definitions'>; definition?: Thresholds; definitions: Definitions };

/**
 * GET /api/v1/cohort as one view: the report's figures with the definitions, and the thresholds when
 * the server sends them. Accepts the report flat or under `report`.
 */
export function useCohort(path: string): {
  data: (CohortView & { thresholds: Thresholds | null }) | null;
  error: Problem | null;
  loading: boolean;
  reload: () => void;
} {
  const resource = useResource<Body>(path);
  const data = useMemo(() => {
    const body = resource.data;
    if (body === null) return null;
    if (body.report === undefined) return { ...body, thresholds: null };
    return { ...body.report, definitions: body.definitions, thresholds: body.definition ?? null };
  }, [resource.data]);
  return { data, error: resource.error, loading: resource.loading, reload: resource.reload };
}

/**
 * The figures to draw. In a report published to a researcher, a withheld count, rate or median is
 * its label ("suppressed (n < 11)") instead of a number, and curve steps are kept whole or dropped:
 * the formatters print the label (format.ts) and the charts draw only numeric points, so the figures
 * are drawn from the same shapes.
 */
export function figuresOf(view: CohortView): CohortReport {
  return view as unknown as CohortReport;
}
