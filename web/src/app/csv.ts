import { defuseFormula } from '../../../src/shared/csv-guard.js';

/**
 * CSV text (RFC 4180): fields with commas, quotes or line breaks are quoted, quotes doubled. Text a
 * spreadsheet could run as a formula gets a leading apostrophe, by the server's own guard.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  const field = (value: string | number | boolean | null | undefined): string => {
    if (value === null || value === undefined) return '';
    const safe = typeof value === 'string' ? defuseFormula(value) : String(value);
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
