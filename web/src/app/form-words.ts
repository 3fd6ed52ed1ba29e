/** Field problems in the user's words (pure, no DOM: tested in Node by test/web/form-words.test.ts). */

/** A server's reason with each field name it mentions written as that field's label, in quotes. */
export function inLabels(reason: string, labels: Readonly<Record<string, string>>): string {
  return reason.replace(/\b[a-z][A-Za-z0-9]*\b/g, (word) => {
    const label = labels[word];
    return label === undefined || !/[A-Z]/.test(word) ? word : `"${label}"`;
  });
}
