/**
 * How a study is named where space is short (the time-course chart, the mechanism's references): "Hull et
 * al. 2022", "Zanos and Gould 2018", never its key. Reads the two citation forms Onset stores: "Hull et al.
 * 2022, J Affect Disord …" and "Zanos P, Gould TD. Title. Mol Psychiatry 2018;23(4):801–811".
 */
export function citedAs(citation: string): string {
  const named = /^(.+? et al\. \d{4})\b/.exec(citation);
  if (named?.[1] !== undefined) return named[1];
  const authors = (citation.split('. ')[0] ?? citation).split(', ').map((a) => a.split(' ')[0] ?? a);
  const year = /\b(\d{4});/.exec(citation)?.[1];
  const who =
    authors.length === 1
      ? authors[0]
      : authors.length === 2
        ? `${authors[0] ?? ''} and ${authors[1] ?? ''}`
        : `${authors[0] ?? ''} et al.`;
  return year === undefined ? (who ?? citation) : `${who ?? citation} ${year}`;
}
