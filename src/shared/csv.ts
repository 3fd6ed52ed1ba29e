/**
 * The one CSV writer, for the server's exports and the web app's downloads alike: cells both ways
 * (RFC 4180, UTF-8). Text that a spreadsheet could run as a formula is written with a leading
 * apostrophe (src/shared/csv-guard.ts), and the apostrophe is removed again on import. A cell with a
 * comma, quote or line break, or with white space at either end (which a spreadsheet would trim), is
 * quoted.
 */
import { defuseFormula, restoreFormula } from './csv-guard.js';

export type Cell = string | number | boolean | null | undefined | readonly string[];

/** One value as CSV text: empty for null, lists joined by ";", formulas defused, quoted when needed. */
export function formatCell(value: Cell): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'string') text = defuseFormula(value);
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else text = value.join(';');
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: header then rows, CRLF line ends (RFC 4180). */
export function formatCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map((cell) => formatCell(cell)).join(',')).join('\r\n') + '\r\n';
}

/** Undoes the formula guard of `formatCell` on a text cell. */
export function readTextCell(text: string): string {
  return restoreFormula(text);
}
