import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import type { OutcomeDefinition, OutcomeOptions } from '../outcomes/types.js';
import type { EpisodeObservation } from './types.js';

/** A patient's relief episodes as the model reads them (docs/outcomes.md "Relief episode after dose k"). */
export function reliefObservations(definition: OutcomeDefinition, patient: CohortPatientInput, options?: Partial<OutcomeOptions>): EpisodeObservation[] {
  void definition; void patient; void options;
  throw new Error('reliefObservations: being written');
}
