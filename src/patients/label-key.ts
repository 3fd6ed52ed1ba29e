/**
 * Patient labels are told apart as a person reads them. "P-1", "p-1", " P-1 ", "Ｐ-1" (full-width) and
 * "P-\u200B1" (a zero-width space) look like one label on a chart or a printout, so they are one label
 * for uniqueness: the key is the label in Unicode compatibility form (NFKC, which maps full-width and
 * other look-alike forms to their plain letters), without invisible format characters, trimmed, runs of
 * white space made one space, and case-folded. The key is stored beside the label (patients.label_key)
 * and unique per clinic; the label itself is kept as entered.
 */

// Unicode "Cf" (format) characters: zero-width spaces and joiners, direction marks, soft hyphens, BOM.
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;

/** The key two labels share when a person would read them as the same label. */
export function labelKey(label: string): string {
  const plain = label.normalize('NFKC').replace(FORMAT_CHARACTERS, '').trim().replace(/\s+/gu, ' ');
  // Upper then lower case folds the letters lower-casing alone keeps apart (ß and SS, ſ and s).
  return plain.toUpperCase().toLowerCase().normalize('NFKC');
}

/** Why a label is refused outright, or null: control and invisible characters have no place in a label. */
export function labelProblem(label: string): string | null {
  return CONTROL_OR_FORMAT.test(label)
    ? 'must not contain control or invisible (zero-width, direction) characters'
    : null;
}
