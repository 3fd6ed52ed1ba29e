import { getInstrument } from '../instruments/registry.js';
import type { Assessment } from '../assessments/assessment.schema.js';
import type { Dose } from '../doses/dose.schema.js';

export interface ProgressPoint {
  at: string;
  total: number;
  band: string | null;
}

export interface InstrumentProgress {
  instrument: string;
  name: string;
  /** Lowest and highest possible totals, and which way is better, for the chart's axis. */
  range: { min: number; max: number; higherIsWorse: true };
  points: ProgressPoint[];
  /** One or two plain sentences about the change since the first dose; never a diagnosis. */
  summary: string;
}

export interface PatientProgress {
  doses: { at: string }[];
  instruments: InstrumentProgress[];
}

const day = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone }).format(new Date(iso));

/**
 * What a patient sees on their progress page: their own scores and doses over time, in plain words
 * (reading age about 11), e.g. "Your GAD-7 score was 15 before your first session and 6 on 14 January."
 */
export function patientProgress(
  doses: readonly Dose[],
  assessments: readonly Assessment[],
  timeZone = 'UTC',
): PatientProgress {
  const doseTimes = doses.map((d) => d.givenAt).sort();
  const firstDose = doseTimes[0];
  const byInstrument = new Map<string, Assessment[]>();
  for (const a of assessments) {
    if (!a.complete || a.total === null) continue;
    const list = byInstrument.get(a.instrument) ?? [];
    list.push(a);
    byInstrument.set(a.instrument, list);
  }
  const instruments = [...byInstrument].map(([id, list]): InstrumentProgress => {
    const def = getInstrument(id);
    const points = list
      .sort((x, y) => x.completedAt.localeCompare(y.completedAt))
      .map((a) => ({ at: a.completedAt, total: a.total ?? 0, band: a.band }));
    return {
      instrument: id,
      name: def.shortName,
      range: { min: def.totalMin, max: def.totalMax, higherIsWorse: true },
      points,
      summary: summarise(def.shortName, points, firstDose, timeZone),
    };
  });
  return { doses: doseTimes.map((at) => ({ at })), instruments };
}

function summarise(
  name: string,
  points: readonly ProgressPoint[],
  firstDose: string | undefined,
  timeZone: string,
): string {
  const last = points[points.length - 1];
  if (last === undefined) return `No ${name} answers yet.`;
  const before = firstDose === undefined ? undefined : [...points].reverse().find((p) => p.at <= firstDose);
  if (before === undefined || firstDose === undefined || last.at <= firstDose) {
    return `Your latest ${name} score is ${last.total} (${day(last.at, timeZone)}).`;
  }
  const change = last.total - before.total;
  const direction =
    change < 0
      ? 'Your answers suggest your symptoms are lower than when you started.'
      : change > 0
        ? 'Your answers suggest your symptoms are higher than when you started. Your care team can see this too.'
        : 'Your answers suggest your symptoms are about the same as when you started.';
  return `Your ${name} score was ${before.total} before your first session and ${last.total} on ${day(last.at, timeZone)}. ${direction}`;
}
