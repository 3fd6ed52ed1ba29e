/** Published evidence about ketamine and anxiety, as typed data (each row with its own source and checking note). */

/** One row of the evidence table. Funding is 'unknown' until a full text is read: never a guess. */
export interface Study {
  key: string;
  /** Authors, year, journal, volume(issue):pages, as the source gives them. */
  citation: string;
  year: number;
  /** Confirmed against a record of the article (docs/evidence.md); null where no DOI could be confirmed. */
  doi: string | null;
  design: string;
  /**
   * The design's strength, as the page orders the studies (docs/evidence.md "Order"): 1 meta-analysis or
   * systematic review, 2 randomised controlled, 3 open-label or uncontrolled in patients, 4 narrative
   * review, 5 not a treatment study of patients (a letter, interviews of recreational users, animals).
   */
  tier: 1 | 2 | 3 | 4 | 5;
  /** Participants (or people interviewed); null where the study has no single n (reviews, animal work). */
  n: number | null;
  /** What the n counts or how it splits, e.g. "analysed", "first phase 8 vs 7". */
  nNote: string | null;
  population: string;
  doseRoute: string;
  instrumentTiming: string;
  result: string;
  caveats: string;
  funding: 'unknown';
  /** False for rows (or parts of rows) not verified against their source. */
  verified: boolean;
  /** What is unverified, shown beside the row; null when verified. */
  unverifiedNote: string | null;
}

/** One finding of the published time course, placed on a time axis in days after a dose. */
export interface TimeCoursePoint {
  key: string;
  /** The time as the sources state it, e.g. "within 1 hour". */
  when: string;
  /** Window in days after the dose (from ≤ to); a point in time has from = to. */
  fromDays: number;
  toDays: number;
  finding: string;
  /** Keys of the studies it comes from. */
  studies: string[];
  /** Single doses unless this says otherwise. */
  regimen: string;
  caveat: string | null;
}

export interface MechanismStep {
  /** Short label for a diagram node, e.g. "NMDA receptor block". */
  label: string;
  /** One or two plain sentences. */
  text: string;
  /** Keys of MechanismReference. */
  references: string[];
}

export interface MechanismReference {
  key: string;
  citation: string;
  doi: string;
  /** What was checked, and how. */
  checked: string;
}
