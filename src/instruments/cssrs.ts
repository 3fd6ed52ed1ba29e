/**
 * C-SSRS screener rules (Posner 2011; triage as in the Columbia screener guidance — check against the
 * licensed screener). Questions 1, 2 and 6 are always asked; 3–5 only when 2 is yes; 6b (behaviour
 * within the past 3 months) only when 6 is yes. Answers: 1 = yes, 0 = no.
 */
import type { FieldProblem } from '../shared/errors.js';

type Values = Readonly<Record<string, number | null>>;

export type CssrsRisk = 'high' | 'moderate' | 'low' | 'none';

export interface CssrsScore {
  problems: FieldProblem[];
  complete: boolean;
  /** Onset's definition: number of yes answers to questions 1–6 (a question left out by skip logic is no). */
  total: number | null;
  /** The risk level once every asked question is answered; null before. */
  band: CssrsRisk | null;
  /** `risk-high` / `risk-moderate` / `risk-low` from the answers given, even on an incomplete screener. */
  flags: string[];
}

const ALWAYS_ASKED = ['1', '2', '6'];
const ASKED_IF_2 = ['3', '4', '5'];
const COUNTED = ['1', '2', '3', '4', '5', '6'];

/** Scores a C-SSRS screener: skip-logic errors, completeness, yes count and risk level. */
export function scoreCssrs(values: Values): CssrsScore {
  const problems = skipLogicProblems(values);
  const asked = [...ALWAYS_ASKED, ...(values['2'] === 1 ? ASKED_IF_2 : []), ...(values['6'] === 1 ? ['6b'] : [])];
  const complete = asked.every((id) => values[id] !== null && values[id] !== undefined);
  const total = complete ? COUNTED.filter((id) => values[id] === 1).length : null;
  const risk = cssrsRisk(values);
  return { problems, complete, total, band: complete ? risk : null, flags: risk === 'none' ? [] : [`risk-${risk}`] };
}

/**
 * Risk level — Posner 2011 screener triage: high = yes to 4 or 5, or behaviour within 3 months (6 and 6b);
 * moderate = yes to 3, or lifetime behaviour only (6 yes, 6b not yes); low = yes to 1 or 2 only.
 */
export function cssrsRisk(values: Values): CssrsRisk {
  const yes = (id: string): boolean => values[id] === 1;
  if (yes('4') || yes('5') || (yes('6') && yes('6b'))) return 'high';
  if (yes('3') || yes('6')) return 'moderate';
  if (yes('1') || yes('2')) return 'low';
  return 'none';
}

function skipLogicProblems(values: Values): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const skipped = (id: string, gate: string): void => {
    if (values[gate] === 0 && values[id] !== null && values[id] !== undefined) {
      problems.push({ field: `answers.${id}`, reason: `is skipped when item ${gate} is no (0); leave it out` });
    }
  };
  ASKED_IF_2.forEach((id) => skipped(id, '2'));
  skipped('6b', '6');
  return problems;
}
