import { useCallback, useEffect, useState } from 'react';
import type { Problem } from '../../../shared/problem.js';
import { api, problemOf } from '../../api.js';
import { loadInstruments } from '../../instruments.js';
import type {
  AdverseEvent,
  Alert,
  Assessment,
  Course,
  Dose,
  Instrument,
  Medication,
  Page,
  Patient,
  PatientOutcomesView,
  TherapySession,
} from '../../types.js';

export interface PatientData {
  patient: Patient;
  courses: Course[];
  doses: Dose[];
  assessments: Assessment[];
  adverseEvents: AdverseEvent[];
  therapy: TherapySession[];
  medications: Medication[];
  alerts: Alert[];
  outcomes: PatientOutcomesView;
  instruments: Instrument[];
}

/**
 * Everything about one patient, loaded together (so a chart never mixes old and new records); `reload` after a write.
 */
export function usePatientData(id: string): { data: PatientData | null; error: Problem | null; reload: () => void } {
  const [data, setData] = useState<PatientData | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    const list = <T>(kind: string): Promise<T[]> =>
      api.get<Page<T>>(`/api/v1/${kind}?patient=${id}&limit=1000`).then((page) => page.items);
    Promise.all([
      api.get<Patient>(`/api/v1/patients/${id}`),
      list<Course>('courses'),
      list<Dose>('doses'),
      list<Assessment>('assessments'),
      list<AdverseEvent>('adverse-events'),
      list<TherapySession>('therapy-sessions'),
      list<Medication>('medications'),
      list<Alert>('alerts'),
      api.get<PatientOutcomesView>(`/api/v1/patients/${id}/outcomes`),
      loadInstruments(),
    ]).then(
      ([patient, courses, doses, assessments, adverseEvents, therapy, medications, alerts, outcomes, instruments]) => {
        if (!current) return;
        courses.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
        setData({
          patient,
          courses,
          doses,
          assessments,
          adverseEvents,
          therapy,
          medications,
          alerts,
          outcomes,
          instruments,
        });
        setError(null);
      },
      (failure: unknown) => {
        if (current) setError(problemOf(failure));
      },
    );
    return () => {
      current = false;
    };
  }, [id, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload };
}
