import type { OUTCOME_DEFINITIONS } from '../definitions.js';
import type { PatientOutcomesJson } from './patient-json.js';

/**
 * One patient's outcomes as GET /api/v1/patients/:id/outcomes answers, declared once for the service
 * (src/patients/patient-outcomes.service.ts) and the web app.
 */

/** One instrument's outcomes for one patient, with the thresholds they were computed with and their source. */
export interface InstrumentResult {
  instrument: string;
  name: string;
  /** The thresholds the numbers were computed with, and where they come from. */
  definition: {
    responseFraction: number | null;
    remissionMax: number | null;
    reliableChange: number | null;
    source: string;
  };
  outcomes: PatientOutcomesJson;
}

export interface PatientOutcomesView {
  patientId: string;
  instruments: InstrumentResult[];
  disagreements: { responder: string; nonResponder: string; from: string; to: string }[];
  definitions: typeof OUTCOME_DEFINITIONS;
}
