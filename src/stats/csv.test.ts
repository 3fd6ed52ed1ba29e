import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('splits records and fields and numbers the lines', () => {
    expect(parseCsv('time,event\n3,1\n5,0\n')).toEqual([
      { line: 1, fields: ['time', 'event'] },
      { line: 2, fields: ['3', '1'] },
      { line: 3, fields: ['5', '0'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks; CRLF line ends', () => {
    const text = 'name,note\r\n"Smith, J","said ""no"""\r\n"two\nlines",x\r\nlast,y';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Smith, J', 'said "no"'] },
      { line: 3, fields: ['two\nlines', 'x'] },
      { line: 5, fields: ['last', 'y'] }, // the quoted line break moved it to line 5
    ]);
  });

  it('skips blank lines but keeps counting them, and drops a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,b\n\n1,2\n\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });

  it('keeps empty fields', () => {
    expect(parseCsv('a,b,c\n1,,3')[1]?.fields).toEqual(['1', '', '3']);
  });

  it.each([
    ['a,b\n1,"open\n', 'line 2: a quoted field is not closed (missing ")'],
    ['a,b\n1,"x"y\n', 'line 2: unexpected "y" after a closing quote; expected a comma or the line end'],
    ['a,b\n1,x"y\n', 'line 2: a quote inside the unquoted field x"y; quote the whole field and double inner quotes'],
  ])('refuses malformed quoting: %j', (text, message) => {
    expect(() => parseCsv(text)).toThrow(message);
  });
});
