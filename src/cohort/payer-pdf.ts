/**
 * The payer report (docs/outcomes.md "Outcomes for payers") as one US Letter page, drawn with pdf-lib: each
 * figure with its n, the definitions in the page's foot. The words match the web page (web/src/app/pages/
 * cohort/PayerReport.tsx) through `payerLines`.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { winAnsi } from '../shared/pdf-text.js';
import type { PayerReport } from '../outcomes/cohort/payer.js';
import { payerLines, type PayerLine } from '../outcomes/report/payer-text.js';

const PAGE: [number, number] = [612, 792];
const MARGIN = 44;
const WIDTH = PAGE[0] - 2 * MARGIN;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.35, 0.35, 0.35);

interface Pen {
  doc: PDFDocument;
  page: PDFPage;
  y: number;
  font: PDFFont;
  bold: PDFFont;
}

/** Moves the pen down a line; a report that outgrows its page goes on to a second rather than losing text. */
function down(pen: Pen, height: number): void {
  if (pen.y - height < MARGIN) {
    pen.page = pen.doc.addPage(PAGE);
    pen.y = PAGE[1] - MARGIN;
  }
  pen.y -= height;
}

/** Words of `text` in lines no wider than `width` at `size`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of winAnsi(text).split(/\s+/)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function write(
  pen: Pen,
  text: string,
  size: number,
  options: { bold?: boolean; muted?: boolean; x?: number } = {},
): void {
  const font = options.bold === true ? pen.bold : pen.font;
  const x = options.x ?? MARGIN;
  for (const line of wrap(text, font, size, WIDTH - (x - MARGIN))) {
    down(pen, size * 1.3);
    pen.page.drawText(line, { x, y: pen.y, size, font, color: options.muted === true ? MUTED : INK });
  }
}

function cells(pen: Pen, values: readonly string[], columns: readonly number[], size: number, bold = false): void {
  down(pen, size * 1.45);
  values.forEach((value, i) => {
    pen.page.drawText(winAnsi(value), {
      x: MARGIN + (columns[i] ?? 0),
      y: pen.y,
      size,
      font: bold ? pen.bold : pen.font,
      color: INK,
    });
  });
}

function figureLine(pen: Pen, line: PayerLine): void {
  pen.y -= 3;
  write(pen, line.label, 9.5, { bold: true });
  write(pen, line.value, 9.5, { x: MARGIN + 10 });
  if (line.detail !== null) write(pen, line.detail, 8, { x: MARGIN + 10, muted: true });
}

/** The report as a one-page PDF. */
export async function payerReportPdf(report: PayerReport, preparedBy: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const lines = payerLines(report);
  doc.setTitle(lines.title);
  doc.setProducer('Onset');
  doc.setCreationDate(new Date(report.asOf));
  const page = doc.addPage(PAGE);
  const pen: Pen = {
    doc,
    page,
    y: PAGE[1] - MARGIN + 12,
    font: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  write(pen, lines.title, 14, { bold: true });
  for (const meta of lines.meta) write(pen, meta, 8.5, { muted: true });
  write(pen, `Prepared by ${preparedBy}. ${lines.notAClaim}`, 8.5, { muted: true });
  if (lines.synthetic !== null) write(pen, lines.synthetic, 9, { bold: true });

  pen.y -= 6;
  write(pen, lines.responseHeading, 10.5, { bold: true });
  const columns = [0, 60, 200, 340];
  cells(pen, ['Dose', 'Response', 'Remission', 'n'], columns, 8.5, true);
  for (const row of lines.responseRows) cells(pen, [row.dose, row.response, row.remission, row.n], columns, 8.5);

  pen.y -= 4;
  for (const line of lines.figures) figureLine(pen, line);

  pen.y -= 8;
  write(pen, 'Definitions (docs/outcomes.md)', 8.5, { bold: true });
  for (const key of lines.definitionKeys) {
    const text = report.definitions[key];
    if (text !== undefined) write(pen, `${text.label}: ${text.definition}`, 6.8, { muted: true });
  }
  return doc.save();
}
