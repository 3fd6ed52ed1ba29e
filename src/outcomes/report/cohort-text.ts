import { OUTCOME_DEFINITIONS } from '../definitions.js';
import type { Proportion } from '../../stats/wilson.js';
import type { CohortReport, SurvivalFigure } from '../cohort/types.js';
import { plural } from '../../shared/plural.js';

/**
 * A short readable summary of a cohort report: response and remission by dose (ITT and per protocol,
 * up to the last dose anyone was assessed after), the two Kaplan–Meier curves, the booster rate and
 * the cost per responder, each under its label from OUTCOME_DEFINITIONS (docs/outcomes.md "Cohort").
 */
export function cohortReportText(report: CohortReport, instrumentName: string): string {
  const lines: string[] = [
    `${instrumentName} cohort: ${plural(report.n, 'patient')}${report.withoutBaseline > 0 ? `, ${report.withoutBaseline} without a baseline (non-responders in ITT)` : ''}`,
    '',
    'Response and remission after each dose: intention to treat | per protocol',
  ];
  const rows = report.responseByDose.rows;
  const last = rows.reduce((end, row, i) => (row.perProtocol.response.denominator > 0 ? i + 1 : end), 0);
  for (const row of rows.slice(0, last)) {
    lines.push(
      `  dose ${row.dose}: response ${rate(row.itt.response)} | ${rate(row.perProtocol.response)}; remission ${rate(row.itt.remission)} | ${rate(row.perProtocol.remission)}`,
    );
  }
  if (last === 0) lines.push('  no dose has an assessment after it');
  lines.push(
    '',
    curveLine(OUTCOME_DEFINITIONS.onsetCurve.label, report.onset),
    curveLine(OUTCOME_DEFINITIONS.reliefCurve.label, report.relief),
  );
  const booster = report.boosterRate;
  lines.push(
    '',
    `${OUTCOME_DEFINITIONS.boosterRate.label}: ${booster.median === null ? 'none' : `median ${booster.median.toFixed(1)} doses per 30 days`} over ${plural(booster.n, 'patient')} followed more than 30 days (${booster.excludedShortFollowUp} followed 30 days or less)`,
  );
  const cost = report.costPerResponder;
  const costText =
    cost.valueUsd === null
      ? cost.patientsWithUnknownCost > 0
        ? `unknown (${plural(cost.patientsWithUnknownCost, 'patient')} with an unknown cost)`
        : 'unknown (nobody responded)'
      : `$${cost.valueUsd.toFixed(2)} ($${(cost.totalCostUsd ?? 0).toFixed(2)} ÷ ${plural(cost.responders, 'responder')})`;
  lines.push(`${OUTCOME_DEFINITIONS.costPerResponder.label}: ${costText}`);
  return `${lines.join('\n')}\n`;
}

function rate(p: Proportion): string {
  return p.proportion === null
    ? `${p.numerator}/${p.denominator}`
    : `${p.numerator}/${p.denominator} (${(p.proportion * 100).toFixed(1)}%)`;
}

function curveLine(label: string, figure: SurvivalFigure): string {
  const excluded = figure.excluded.map((e) => `${e.count} left out: ${e.reason}`).join('; ');
  const curve = figure.overall;
  const body =
    curve === null
      ? 'no patients'
      : `${plural(curve.n, 'patient')}, ${plural(curve.events, 'event')}, median ${curve.median === null ? 'not reached' : `${curve.median.toFixed(1)} days`}`;
  return `${label}: ${body}${excluded === '' ? '' : ` (${excluded})`}`;
}
