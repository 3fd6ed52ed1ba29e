import type { ConfType } from './confidence.js';
import { kaplanMeier, type KmResult } from './kaplan-meier.js';
import { logRank, type LogRankResult } from './log-rank.js';
import type { SurvivalGroup } from './survival-csv.js';

/** One Kaplan–Meier curve per group and, when groups are compared, the log-rank test. */
export interface KmAnalysis {
  curves: { name: string; km: KmResult }[];
  logRank: LogRankResult | null;
}

export interface KmJsonRow {
  time: number;
  nRisk: number;
  nEvent: number;
  nCensor: number;
  survival: number;
  /** null where R's std.err is Inf (S reached 0): JSON has no infinity. */
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}

export interface KmJson {
  groups: {
    name: string;
    n: number;
    events: number;
    median: number | null;
    medianLower: number | null;
    medianUpper: number | null;
    table: KmJsonRow[];
  }[];
  logRank?: { chiSquare: number; df: number; p: number };
}

/** Fits each group's curve and, when `compare` is set, the log-rank test between the groups. */
export function analyseSurvival(
  groups: readonly SurvivalGroup[],
  options: { confType: ConfType; compare: boolean },
): KmAnalysis {
  return {
    curves: groups.map(({ name, observations }) => ({
      name,
      km: kaplanMeier(observations, { confType: options.confType }),
    })),
    logRank: options.compare ? logRank(groups) : null,
  };
}

/** A curve's table in the JSON shape, keys in a fixed order (the CLI's and the cohort report's alike). */
export function kmJsonRows(km: KmResult): KmJsonRow[] {
  return km.table.map((row) => ({
    time: row.time,
    nRisk: row.nRisk,
    nEvent: row.nEvent,
    nCensor: row.nCensor,
    survival: row.survival,
    stdErr: Number.isFinite(row.stdErr) ? row.stdErr : null,
    lower: row.lower,
    upper: row.upper,
  }));
}

/** The product's JSON shape for `onset stats km --json`, keys in a fixed order. */
export function kmJson(analysis: KmAnalysis): KmJson {
  const json: KmJson = {
    groups: analysis.curves.map(({ name, km }) => ({
      name,
      n: km.n,
      events: km.events,
      median: km.median,
      medianLower: km.medianLower,
      medianUpper: km.medianUpper,
      table: kmJsonRows(km),
    })),
  };
  if (analysis.logRank !== null) {
    const { chiSquare, df, p } = analysis.logRank;
    json.logRank = { chiSquare, df, p };
  }
  return json;
}

/** A time as written, without floating-point noise such as 0.30000000000000004. */
function formatTime(time: number): string {
  return String(Number(time.toPrecision(10)));
}

/** Four decimals; "NA" where R prints NA and "Inf" for an infinite standard error. */
function formatValue(value: number | null): string {
  if (value === null) return 'NA';
  return Number.isFinite(value) ? value.toFixed(4) : 'Inf';
}

function formatP(p: number): string {
  return p < 1e-4 ? p.toExponential(2) : p.toPrecision(3);
}

/** Right-aligned cells; with `nameFirst`, the first cell (a name) is left-aligned. */
function columns(cells: readonly string[], widths: readonly number[], nameFirst = false): string {
  const pad = (cell: string, i: number): string =>
    nameFirst && i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0);
  return cells.map(pad).join('  ');
}

function medianText(km: KmResult): string {
  const show = (value: number | null): string => (value === null ? 'not reached' : formatTime(value));
  const level = `${String(Math.round(km.confLevel * 100))}%`;
  return `median ${show(km.median)} (${level} CI ${show(km.medianLower)} to ${show(km.medianUpper)})`;
}

function curveText(name: string, km: KmResult): string {
  const widths = [10, 7, 6, 8, 8, 7, 6, 6];
  const head = columns(['time', 'at risk', 'events', 'censored', 'survival', 'std.err', 'lower', 'upper'], widths);
  const rows = km.table.map((row) => {
    const counts = [String(row.nRisk), String(row.nEvent), String(row.nCensor)];
    const values = [row.survival, row.stdErr, row.lower, row.upper].map(formatValue);
    return columns([formatTime(row.time), ...counts, ...values], widths);
  });
  return [`${name}: n = ${km.n}, events = ${km.events}, ${medianText(km)}`, head, ...rows].join('\n');
}

function logRankText(result: LogRankResult): string {
  const width = Math.max(5, ...result.groups.map((g) => g.name.length));
  const widths = [width, 5, 8, 8];
  const head = columns(['group', 'n', 'observed', 'expected'], widths, true);
  const rows = result.groups.map((g) =>
    columns([g.name, String(g.n), String(g.observed), g.expected.toFixed(2)], widths, true),
  );
  const statistic = `chi-square = ${result.chiSquare.toFixed(3)} on ${result.df} df, p = ${formatP(result.p)}`;
  const summary = `Log-rank test (as R's survdiff): ${statistic}`;
  return [summary, head, ...rows].join('\n');
}

/** Readable tables: one per group (survival, std.err as R's fit$std.err, CI), then the log-rank test. */
export function kmText(analysis: KmAnalysis): string {
  const confType = analysis.curves[0]?.km.confType ?? 'log';
  const title =
    `Kaplan–Meier (as R's survfit), CI on the ${confType} scale; ` +
    `std.err = se of the cumulative hazard (R's fit$std.err)`;
  const parts = [title, ...analysis.curves.map(({ name, km }) => curveText(name, km))];
  if (analysis.logRank !== null) parts.push(logRankText(analysis.logRank));
  return `${parts.join('\n\n')}\n`;
}
