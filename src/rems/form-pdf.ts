import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { winAnsi } from '../shared/pdf-text.js';
import type { FormSection } from './form-fields.js';

/** How the PDF is marked: a draft to check, or the form as submitted (who and when). */
export type FormMark = { kind: 'draft' } | { kind: 'submitted'; submittedAt: string; submittedBy: string };

const PAGE: [number, number] = [612, 792]; // US Letter, points
const MARGIN = 48;
const ROW = 17;
const LABEL_WIDTH = 250;
const INK = rgb(0.1, 0.1, 0.1);

interface Cursor {
  page: PDFPage;
  y: number;
}

function nextLine(doc: PDFDocument, cursor: Cursor, height: number): void {
  if (cursor.y - height < MARGIN) {
    cursor.page = doc.addPage(PAGE);
    cursor.y = PAGE[1] - MARGIN;
  }
  cursor.y -= height;
}

function markLine(mark: FormMark): string {
  return mark.kind === 'draft'
    ? 'DRAFT - check every value before submitting. Not submitted.'
    : `Submitted ${mark.submittedAt} by ${mark.submittedBy}.`;
}

/**
 * The Patient Monitoring Form as a PDF: each value in a named, read-only AcroForm text field (so the
 * values can be read back), laid out section by section; a draft carries DRAFT across every page.
 */
export async function formPdf(sections: readonly FormSection[], mark: FormMark, now: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('SPRAVATO REMS Patient Monitoring Form');
  doc.setProducer('Onset');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const form = doc.getForm();
  const cursor: Cursor = { page: doc.addPage(PAGE), y: PAGE[1] - MARGIN };
  const text = (value: string, size: number, face: PDFFont, x = MARGIN): void => {
    cursor.page.drawText(winAnsi(value), { x, y: cursor.y, size, font: face, color: INK });
  };

  text('SPRAVATO(R) REMS Patient Monitoring Form - Outpatient Use', 14, bold);
  nextLine(doc, cursor, ROW);
  text('Prepared by Onset from the session record. Submit within 7 days at www.SPRAVATOrems.com.', 9, font);
  nextLine(doc, cursor, ROW);
  text(markLine(mark), 9, bold);
  const status = form.createTextField('form.status');
  status.setText(winAnsi(mark.kind === 'draft' ? 'DRAFT' : `SUBMITTED ${mark.submittedAt} by ${mark.submittedBy}`));
  status.enableReadOnly();
  status.addToPage(cursor.page, { x: 420, y: cursor.y - 4, width: 144, height: 14, font, borderWidth: 0 });

  for (const section of sections) {
    nextLine(doc, cursor, ROW * 1.5);
    text(section.title, 11, bold);
    for (const field of section.fields) {
      nextLine(doc, cursor, ROW);
      text(field.label, 9, font);
      const box = form.createTextField(field.name);
      box.setText(winAnsi(field.value));
      box.enableReadOnly();
      box.addToPage(cursor.page, {
        x: MARGIN + LABEL_WIDTH,
        y: cursor.y - 4,
        width: PAGE[0] - 2 * MARGIN - LABEL_WIDTH,
        height: 14,
        font,
        borderColor: rgb(0.6, 0.6, 0.6),
        borderWidth: 0.5,
      });
    }
  }
  form.updateFieldAppearances(font);
  if (mark.kind === 'draft') {
    for (const page of doc.getPages()) {
      page.drawText('DRAFT', {
        x: 150,
        y: 300,
        size: 120,
        font: bold,
        color: rgb(0.75, 0.75, 0.75),
        opacity: 0.35,
        rotate: degrees(35),
      });
    }
  }
  return doc.save();
}
