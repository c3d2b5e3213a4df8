// A letter as a tagged, accessible PDF (ADR 0015): made with pdfkit, which is plain JavaScript, so
// production installs nothing beyond npm. The text is set in Noto Sans, embedded (a subset), so a
// name in any Latin, Greek or Cyrillic script prints as written; the title is the subject, the
// language en-GB, and every heading, paragraph and list is a structure element in reading order.
import PDFDocument from 'pdfkit';
import { pdfFonts } from '../../lib/pdf-fonts.ts';
import { letterBlocks } from './letter-text.ts';

export const PDF_ENGINE = 'pdfkit with Noto Sans';

export interface PrintableLetter {
  /** The council's name, at the head of the letter. */
  councilName: string;
  recipientName: string;
  channel: 'letter' | 'email';
  /** The postal address (one line per line) or e-mail address. */
  recipientAddress: string;
  /** The day it was sent, as people write it. */
  sentOn: string;
  caseReference: string;
  subject: string;
  /** The letter's words, in blocks (see letter-text.ts). */
  text: string;
}

const BODY_SIZE = 12;
const MARGIN = 72;

/**
 * The letter as a PDF: A4, tagged, titled with its subject, in en-GB. It follows the PDF/UA
 * checklist but does not claim PDF/UA-1 conformance, which no validator here has confirmed (ADR 0015).
 */
export async function renderLetterPdf(letter: PrintableLetter, moment: Date): Promise<Buffer> {
  const { regular, bold } = pdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    bufferPages: true,
    info: { Title: letter.subject, Author: letter.councilName, Subject: `Letter ${letter.caseReference}`, Creator: 'SEND Casework', CreationDate: moment, ModDate: moment },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const paragraph = (lines: readonly string[], options: { font?: 'regular' | 'bold'; size?: number; gapAfter?: number; align?: 'left' | 'right' } = {}) => {
    root.add(
      doc.struct('P', {}, () => {
        doc.font(options.font ?? 'regular').fontSize(options.size ?? BODY_SIZE);
        // A space ends each line but the last, so the text read from the PDF keeps words apart.
        doc.text(lines.map((line, index) => (index < lines.length - 1 ? `${line} ` : line)).join('\n'), { align: options.align ?? 'left', lineGap: 2 });
      }),
    );
    doc.moveDown(options.gapAfter ?? 0.8);
  };

  paragraph([letter.councilName], { font: 'bold', size: 14, gapAfter: 1.5 });
  if (letter.channel === 'letter') paragraph([letter.recipientName, ...letter.recipientAddress.split('\n').filter((line) => line.trim() !== '')], { gapAfter: 1.5 });
  else paragraph([`By e-mail to ${letter.recipientName}, ${letter.recipientAddress}`], { gapAfter: 1.5 });
  paragraph([letter.sentOn, `Our reference: ${letter.caseReference}`], { gapAfter: 1.5 });
  root.add(
    doc.struct('H1', {}, () => {
      doc.font('bold').fontSize(16).text(letter.subject, { lineGap: 2 });
    }),
  );
  doc.moveDown(0.8);

  for (const block of letterBlocks(letter.text)) {
    switch (block.kind) {
      case 'heading':
        doc.moveDown(0.4);
        root.add(
          doc.struct('H2', {}, () => {
            doc.font('bold').fontSize(13).text(block.text, { lineGap: 2 });
          }),
        );
        doc.moveDown(0.5);
        break;
      case 'list': {
        const list = doc.struct('L');
        root.add(list);
        doc.font('regular').fontSize(BODY_SIZE).list(block.items, { structParent: list, lineGap: 2, paragraphGap: 4 });
        list.end();
        doc.moveDown(0.8);
        break;
      }
      case 'paragraph':
        paragraph(block.lines);
        break;
    }
  }
  root.end();

  // Page numbers once the pages are known, marked as artifacts: not part of the letter's text.
  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index += 1) {
    doc.switchToPage(pages.start + index);
    // Written in the bottom margin, which would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('regular')
      .fontSize(9)
      .text(`Page ${index + 1} of ${pages.count}`, MARGIN, doc.page.height - MARGIN / 2 - 9, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.endMarkedContent();
  }
  doc.end();
  return finished;
}
