/**
 * The instrument model: each questionnaire is data (a FHIR R4 Questionnaire plus a scoring definition),
 * so scoring, outcome metrics, the FHIR facade and the UI all read the same numbers and sources.
 */
import type { Questionnaire } from './fhir.js';

export const INSTRUMENT_IDS = [
  'gad7',
  'phq9',
  'pcl5',
  'hama',
  'ocir',
  'ybocs',
  'lsas',
  'minispin',
  'cadss6',
  'cssrs',
  'urinary',
  'craving',
  'anxiety-vas',
] as const;

export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

/** One scored item: its FHIR linkId, the text shown (or a neutral label) and its integer range. */
export interface ItemDefinition {
  linkId: string;
  text: string;
  min: number;
  max: number;
}

/** A severity band on the total; `min` and `max` are inclusive. */
export interface SeverityBand {
  label: string;
  min: number;
  max: number;
}

export type Rater = 'patient' | 'clinician';

export type Licence = 'public-domain' | 'free-with-attribution' | 'structure-only' | 'not-validated';

export interface Prorating {
  /** Most items that may be missing for the total still to be prorated. */
  maxMissing: number;
  /** The manual's rule in words, shown beside a prorated score. */
  note: string;
}

export interface InstrumentDefinition {
  id: InstrumentId;
  name: string;
  shortName: string;
  rater: Rater;
  licence: Licence;
  /**
   * False for the product's own checklists and check-in (urinary, craving, anxiety-vas): they prompt, they never
   * diagnose.
   */
  validated: boolean;
  items: readonly ItemDefinition[];
  totalMin: number;
  totalMax: number;
  /** Subscale key -> the linkIds whose answers it sums. */
  subscales: Readonly<Record<string, readonly string[]>>;
  /** Contiguous bands covering totalMin..totalMax, or none. */
  bands: readonly SeverityBand[];
  /** Response = total at or below baseline × (1 − responseFraction). */
  responseFraction: number | null;
  /** A total at or below this is remission. */
  remissionMax: number | null;
  /** A change of at least this many points is reliable. */
  reliableChange: number | null;
  loinc: { panel: string; total: string | null } | null;
  /** Only where the instrument's manual allows prorating; otherwise null. */
  prorating: Prorating | null;
  /** Citations for the items, bands and every threshold above. */
  source: string;
  questionnaire: Questionnaire;
}

/** Item answers: an array in item order, or a record keyed by linkId; null/undefined/absent = missing. */
export type Answers = Readonly<Record<string, number | null | undefined>> | readonly (number | null)[];

export interface ScoreResult {
  instrument: InstrumentId;
  /** Null when an item is missing and the manual does not allow prorating. */
  total: number | null;
  /** Null for a subscale with a missing item (never prorated). */
  subscales: Record<string, number | null>;
  band: string | null;
  /** True when every asked item is answered, or when the total was prorated. */
  complete: boolean;
  prorated: boolean;
  /** Kebab-case rule results, e.g. `suicidality-item-positive`. */
  flags: string[];
  /** Every item by linkId, in item order; null = missing (or skipped by C-SSRS skip logic). */
  answers: Record<string, number | null>;
}
