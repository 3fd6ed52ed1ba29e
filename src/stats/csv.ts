import { invalid } from '../shared/errors.js';

/** One CSV record and the file line it starts on (1 = the header), for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

interface Cursor {
  text: string;
  pos: number;
  line: number;
}

/** Reads a quoted field starting at the opening quote; "" inside stands for one quote. */
function readQuoted(cursor: Cursor, recordLine: number): string {
  let value = '';
  cursor.pos++; // the opening quote
  for (;;) {
    const quote = cursor.text.indexOf('"', cursor.pos);
    if (quote === -1) throw invalid(`line ${recordLine}`, 'a quoted field is not closed (missing ")');
    const chunk = cursor.text.slice(cursor.pos, quote);
    value += chunk;
    cursor.line += chunk.split('\n').length - 1;
    if (cursor.text[quote + 1] === '"') {
      value += '"';
      cursor.pos = quote + 2;
    } else {
      cursor.pos = quote + 1;
      return value;
    }
  }
}

/** Reads an unquoted field up to the next comma or line end. */
function readPlain(cursor: Cursor, recordLine: number): string {
  const rest = /^[^,\r\n]*/.exec(cursor.text.slice(cursor.pos))?.[0] ?? '';
  if (rest.includes('"')) {
    const reason = `a quote inside the unquoted field ${rest}; quote the whole field and double inner quotes`;
    throw invalid(`line ${recordLine}`, reason);
  }
  cursor.pos += rest.length;
  return rest;
}

/** Reads one record; leaves the cursor after its line break. */
function readRecord(cursor: Cursor): CsvRecord {
  const line = cursor.line;
  const fields: string[] = [];
  for (;;) {
    fields.push(cursor.text[cursor.pos] === '"' ? readQuoted(cursor, line) : readPlain(cursor, line));
    const next = cursor.text[cursor.pos];
    if (next === ',') {
      cursor.pos++;
      continue;
    }
    if (next === undefined) return { line, fields };
    if (next === '\r' || next === '\n') {
      cursor.pos += cursor.text.startsWith('\r\n', cursor.pos) ? 2 : 1;
      cursor.line++;
      return { line, fields };
    }
    const reason = `unexpected ${JSON.stringify(next)} after a closing quote; expected a comma or the line end`;
    throw invalid(`line ${line}`, reason);
  }
}

/**
 * Parses comma-separated text (RFC 4180: quoted fields may hold commas, line breaks and "" for a
 * quote; CRLF or LF line ends). Blank lines are skipped. Each record keeps its starting line number.
 */
export function parseCsv(text: string): CsvRecord[] {
  const cursor: Cursor = { text: text.replace(/^\uFEFF/, ''), pos: 0, line: 1 };
  const records: CsvRecord[] = [];
  while (cursor.pos < cursor.text.length) {
    const record = readRecord(cursor);
    const blank = record.fields.length === 1 && record.fields[0]?.trim() === '';
    if (!blank) records.push(record);
  }
  return records;
}
