/**
 * The standard PDF fonts write WinAnsi text only: any other character is replaced by '?' so that a name
 * in another script cannot stop a PDF from being made (the REMS form, the payer report).
 */
export function winAnsi(text: string): string {
  return text.replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022]/g, '?');
}
