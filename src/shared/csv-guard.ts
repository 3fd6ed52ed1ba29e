/**
 * The spreadsheet formula guard for CSV text cells, one for every CSV writer (the server's exports and
 * the web app's downloads). Following OWASP's CSV injection guidance, a cell a spreadsheet could run as
 * a formula is written with a leading apostrophe, which spreadsheets read as "this is text":
 * - it starts with = + - @, a tab or a carriage return, or their full-width forms ＝ ＋ － ＠, which
 *   some spreadsheets accept in place of the ASCII ones, also after leading spaces (which a
 *   spreadsheet set to trim them removes before it reads the cell);
 * - it holds a separator followed by = (`;=`, `,=`, also full-width or with spaces between): opened with
 *   the other separator, or split by a locale that uses `;`, the part after it starts a new cell.
 * A cell that starts with an apostrophe before such text is guarded too, so reading back (removing one
 * apostrophe from a guarded cell) gives every text exactly as it was.
 */
const FORMULA_START = /^[\t\r]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;
const FORMULA_AFTER_SEPARATOR = /[;,\uFF1B\uFF0C]\s*[=\uFF1D]/u;

function runsAsFormula(text: string): boolean {
  return FORMULA_START.test(text) || FORMULA_AFTER_SEPARATOR.test(text);
}

/** Whether `text` is written with a guarding apostrophe. */
export function needsFormulaGuard(text: string): boolean {
  return runsAsFormula(text) || (text.startsWith("'") && needsFormulaGuard(text.slice(1)));
}

/** A text cell as it is written: with a leading apostrophe when a spreadsheet could run it. */
export function defuseFormula(text: string): string {
  return needsFormulaGuard(text) ? `'${text}` : text;
}

/** Undoes `defuseFormula` on a text cell read back from a CSV file. */
export function restoreFormula(text: string): string {
  return text.startsWith("'") && needsFormulaGuard(text.slice(1)) ? text.slice(1) : text;
}
