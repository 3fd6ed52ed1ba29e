/**
 * Instrument-specific rules that raise flags. Safety flags (PHQ-9 item 9, urinary, craving) read the
 * answered items and never wait for a complete form, because a missing answer cannot undo them.
 * Screening flags (probable-*, provisional-ptsd) need a total, i.e. a complete or prorated form.
 */
import type { InstrumentId } from './types.js';

type Values = Readonly<Record<string, number | null>>;

/** PHQ-9 item 9 (thoughts of death or self-harm) above 0 needs a suicidality follow-up — Kroenke 2001. */
const PHQ9_SUICIDALITY_ITEM = '9';
/** PCL-5 ≥ 33 probable PTSD (the cut-off range is 31–33; Onset uses 33) — Blevins 2015, Weathers 2013. */
const PCL5_PROBABLE_PTSD = 33;
/** PCL-5 provisional diagnosis: an item rated ≥ 2 ("moderately") counts as a symptom endorsed — Weathers 2013. */
const PCL5_ENDORSED = 2;
/** DSM-5 PTSD needs ≥1 B, ≥1 C, ≥2 D and ≥2 E symptoms — Weathers 2013 (PCL-5 scoring). */
const PCL5_CLUSTERS: readonly { items: readonly string[]; needed: number }[] = [
  { items: ['1', '2', '3', '4', '5'], needed: 1 },
  { items: ['6', '7'], needed: 1 },
  { items: ['8', '9', '10', '11', '12', '13', '14'], needed: 2 },
  { items: ['15', '16', '17', '18', '19', '20'], needed: 2 },
];
/** OCI-R ≥ 21 probable OCD — Foa 2002. */
const OCIR_PROBABLE_OCD = 21;
/** Mini-SPIN ≥ 6 probable generalized social anxiety disorder — Connor 2001. */
const MINISPIN_PROBABLE_SAD = 6;
/**
 * Urinary check: any symptom moderate (2) or worse prompts a urology referral — Onset safety threshold, not published.
 */
const URINARY_MODERATE = 2;
/** Craving ≥ 7 of 10 prompts a dependence conversation — Onset safety threshold, not published. */
const CRAVING_HIGH = 7;

/** The flags an instrument's rules raise for these answers and total (C-SSRS is scored in cssrs.ts). */
export function instrumentFlags(id: InstrumentId, values: Values, total: number | null): string[] {
  switch (id) {
    case 'gad7':
      // GAD-7 ≥ 10 ("probable GAD", Spitzer 2006) coincides with the moderate band; the band says it, no flag.
      return [];
    case 'phq9':
      return (values[PHQ9_SUICIDALITY_ITEM] ?? 0) > 0 ? ['suicidality-item-positive'] : [];
    case 'pcl5':
      return pcl5Flags(values, total);
    case 'ocir':
      return atLeast(total, OCIR_PROBABLE_OCD, 'probable-ocd');
    case 'minispin':
      return atLeast(total, MINISPIN_PROBABLE_SAD, 'probable-sad');
    case 'urinary':
      return Object.values(values).some((v) => (v ?? 0) >= URINARY_MODERATE) ? ['urinary-moderate-or-worse'] : [];
    case 'craving':
      return (values['1'] ?? 0) >= CRAVING_HIGH ? ['craving-high'] : [];
    case 'hama':
    case 'ybocs':
    case 'lsas':
    case 'cadss6':
    case 'cssrs':
    case 'anxiety-vas':
      return [];
  }
}

function atLeast(total: number | null, cutOff: number, flag: string): string[] {
  return total !== null && total >= cutOff ? [flag] : [];
}

function pcl5Flags(values: Values, total: number | null): string[] {
  if (total === null) return [];
  const flags: string[] = [];
  const provisional = PCL5_CLUSTERS.every(
    (cluster) => cluster.items.filter((id) => (values[id] ?? 0) >= PCL5_ENDORSED).length >= cluster.needed,
  );
  if (provisional) flags.push('provisional-ptsd');
  if (total >= PCL5_PROBABLE_PTSD) flags.push('probable-ptsd');
  return flags;
}
