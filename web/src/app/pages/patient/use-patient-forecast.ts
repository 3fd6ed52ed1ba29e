import { useCallback, useEffect, useState } from 'react';
import type { Problem } from '../../../shared/problem.js';
import { api, problemOf } from '../../api.js';
import type { ForecastView } from '../../types.js';

export interface PatientForecastState {
  view: ForecastView | null;
  error: Problem | null;
  /** Asks again (after "model being fitted", or a failure). */
  again: () => void;
}

/**
 * The patient's forecast (GET /api/v1/patients/:id/forecast), read once for the page and shared by the
 * timeline and the forecast card; read afresh when `version` (the patient's records) changes.
 */
export function usePatientForecast(patientId: string, version: number): PatientForecastState {
  const [view, setView] = useState<ForecastView | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [tries, setTries] = useState(0);
  useEffect(() => {
    let current = true;
    api.get<ForecastView>(`/api/v1/patients/${patientId}/forecast`).then(
      (v) => {
        if (current) {
          setView(v);
          setError(null);
        }
      },
      (failure: unknown) => {
        if (current) setError(problemOf(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [patientId, version, tries]);
  const again = useCallback(() => setTries((n) => n + 1), []);
  return { view, error, again };
}
