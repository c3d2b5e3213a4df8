// A plan as a tagged, accessible PDF, made with pdfkit as letters are (ADR 0015, ADR 0018): the
// title and language in the catalogue, the title shown in the window, every heading, paragraph,
// list and table a structure element in reading order, the sections as bookmarks. What only
// repeats for the eye (a table's header row on a later page, the status and page number at the
// foot of each page, the rules of a table) is marked as an artifact, so a screen reader meets
// each word once, in the order the page and the Word document give it.
import PDFDocument from 'pdfkit';
import { pdfArabicFonts, pdfFonts } from '../../../lib/pdf-fonts.ts';
import type { DocumentBlock, DocumentFact, RenderedDocument } from './model.ts';

const MARGIN = 56;
const FOOTER_SPACE = 28;
const BODY = 11;
const TABLE_TEXT = 8.5;
const CELL_PADDING = 4;
const RULE = '#b1b4b6';
const HEADER_FILL = '#f3f2f1';

type Doc = PDFKit.PDFDocument;

/** A space ends each line but the last, so the text read back from the PDF keeps words apart. */
const lines = (text: string) => text.replace(/\n/g, ' \n');
type Struct = PDFKit.PDFStructureElement;

export interface PlanPdfOptions {
  /** The PDF's creation date; now when not given. */
  moment?: Date;
}

/**
 * The document as a PDF: A4, tagged, titled, in the document's language. Like letters, it follows
 * the PDF/UA checklist without claiming PDF/UA-1 conformance, which no validator here confirms.
 */
export async function renderPlanPdf(document: RenderedDocument, options: PlanPdfOptions = {}): Promise<Buffer> {
  const { regular, bold } = pdfFonts();
  const moment = options.moment ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_SPACE, left: MARGIN, right: MARGIN },
    pdfVersion: '1.7',
    tagged: true,
    lang: document.language,
    displayTitle: true,
    bufferPages: true,
    info: { Title: document.title, Subject: document.status, Creator: 'SEND Casework', CreationDate: moment, ModDate: moment },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  shareLayouts(doc, 'regular', regular);
  shareLayouts(doc, 'bold', bold);
  if (ARABIC_LETTER.test(JSON.stringify(document))) {
    const arabic = pdfArabicFonts();
    doc.registerFont('arabic-regular', arabic.regular);
    doc.registerFont('arabic-bold', arabic.bold);
  }

  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = doc.page.width - 2 * MARGIN;

  const textElement = (parent: Struct, type: string, text: string, font: 'regular' | 'bold', size: number) => {
    parent.add(
      doc.struct(type, {}, () => {
        doc.fontSize(size);
        write(doc, lines(text), font, MARGIN, doc.y, { width, lineGap: 2 });
      }),
    );
  };

  textElement(root, 'H1', document.title, 'bold', 20);
  doc.moveDown(0.3);
  textElement(root, 'P', document.status, 'regular', 13);
  doc.moveDown(0.8);
  factsTable(doc, root, document.facts, width);
  doc.moveDown(1);

  for (const section of document.sections) {
    keepRoom(doc, 80);
    doc.outline.addItem(section.heading);
    textElement(root, 'H2', section.heading, 'bold', 15);
    doc.moveDown(0.5);
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'subheading':
          keepRoom(doc, 60);
          doc.moveDown(0.2);
          textElement(root, 'H3', block.text, 'bold', 12.5);
          doc.moveDown(0.3);
          break;
        case 'paragraph':
          textElement(root, 'P', block.text, 'regular', BODY);
          doc.moveDown(0.6);
          break;
        case 'list': {
          const list = doc.struct('L');
          root.add(list);
          doc.font('regular').fontSize(BODY).list(block.items.map(lines), MARGIN, doc.y, { structParent: list, lineGap: 2, paragraphGap: 3, width });
          list.end();
          doc.moveDown(0.6);
          break;
        }
        case 'facts':
          factsTable(doc, root, block.items, width);
          doc.moveDown(0.8);
          break;
        case 'table':
          table(doc, root, { caption: block.caption, columns: block.columns, rows: block.rows, rowHeaders: true }, width);
          doc.moveDown(0.8);
          break;
        case 'chart':
          chart(doc, root, block, width);
          doc.moveDown(0.8);
          break;
      }
    }
    doc.moveDown(0.6);
  }
  root.end();

  // The status and the page number at the foot of every page, once the pages are known.
  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index += 1) {
    doc.switchToPage(pages.start + index);
    // Written in the bottom margin, which would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 9;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.moveTo(MARGIN, y - 8).lineTo(doc.page.width - MARGIN, y - 8).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.font('regular').fontSize(9).fillColor('black');
    doc.text(document.status, MARGIN, y, { width: width * 0.75, lineBreak: false });
    doc.text(`Page ${index + 1} of ${pages.count}`, MARGIN + width * 0.75, y, { width: width * 0.25, align: 'right', lineBreak: false });
    doc.endMarkedContent();
  }
  doc.end();
  return finished;
}

/** Label and value pairs as a two-column table: the label a row header. */
function factsTable(doc: Doc, parent: Struct, facts: readonly DocumentFact[], width: number) {
  if (facts.length === 0) return;
  table(doc, parent, { rows: facts.map((fact) => [fact.label, fact.value]), rowHeaders: true, weights: [1, 2], fontSize: BODY }, width);
}

interface TableLayout {
  caption?: string;
  /** The header row, repeated (as an artifact) at the top of each page the table continues on. */
  columns?: readonly string[];
  rows: readonly (readonly string[])[];
  /** The first cell of each row is the row's header. */
  rowHeaders: boolean;
  weights?: readonly number[];
  fontSize?: number;
}

/**
 * A table drawn row by row: a row that does not fit starts a new page, which first repeats the
 * header row. pdfkit's own tables neither repeat a header nor tag a caption, hence this.
 */
function table(doc: Doc, parent: Struct, layout: TableLayout, width: number) {
  const fontSize = layout.fontSize ?? TABLE_TEXT;
  const count = layout.columns?.length ?? layout.rows[0]?.length ?? 0;
  const weights = layout.weights ?? columnWeights(layout.columns ?? [], layout.rows, count);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => (width * weight) / total);
  const xs = widths.map((_, index) => MARGIN + widths.slice(0, index).reduce((sum, w) => sum + w, 0));
  const cellWidth = (index: number) => widths[index]! - 2 * CELL_PADDING;
  const bodyFont = (index: number) => (layout.rowHeaders && index === 0 ? 'bold' : 'regular');
  const rowHeight = (cells: readonly string[], font: (index: number) => 'regular' | 'bold') =>
    Math.max(...cells.map((cell, index) => doc.font(font(index)).fontSize(fontSize).heightOfString(lines(cell), { width: cellWidth(index), lineGap: 1 }))) + 2 * CELL_PADDING;

  const tableElement = doc.struct('Table');
  parent.add(tableElement);
  if (layout.caption) {
    const caption = layout.caption;
    keepRoom(doc, 60);
    tableElement.add(
      doc.struct('Caption', {}, () => {
        doc.fontSize(BODY);
        write(doc, lines(caption), 'bold', MARGIN, doc.y, { width, lineGap: 2 });
      }),
    );
    doc.moveDown(0.3);
  }

  /** Rules and the header's shading: for the eye only. */
  const drawFrame = (top: number, height: number, fill?: string) => {
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save();
    if (fill) doc.rect(MARGIN, top, width, height).fill(fill);
    doc.lineWidth(0.5).strokeColor(RULE);
    xs.forEach((x, index) => doc.rect(x, top, widths[index]!, height).stroke());
    doc.restore();
    doc.endMarkedContent();
  };
  const drawCells = (cells: readonly string[], top: number) => {
    cells.forEach((cell, index) => {
      doc.fontSize(fontSize).fillColor('black');
      write(doc, lines(cell), 'bold', xs[index]! + CELL_PADDING, top + CELL_PADDING, { width: cellWidth(index), lineGap: 1 });
    });
  };

  const columns = layout.columns;
  const headerHeight = columns ? rowHeight(columns, () => 'bold') : 0;
  const headerRow = (repeat: boolean) => {
    if (!columns) return;
    const top = doc.y;
    drawFrame(top, headerHeight, HEADER_FILL);
    if (repeat) {
      doc.markContent('Artifact', { type: 'Pagination' });
      drawCells(columns, top);
      doc.endMarkedContent();
    } else {
      const row = doc.struct('TR');
      tableElement.add(row);
      columns.forEach((column, index) => {
        row.add(
          doc.struct('TH', { scope: 'Column' } as PDFKit.Mixins.StructureElementOptions, () => {
            doc.fontSize(fontSize).fillColor('black');
            write(doc, lines(column), 'bold', xs[index]! + CELL_PADDING, top + CELL_PADDING, { width: cellWidth(index), lineGap: 1 });
          }),
        );
      });
      row.end();
    }
    doc.x = MARGIN;
    doc.y = top + headerHeight;
  };

  keepRoom(doc, headerHeight + rowHeight(layout.rows[0] ?? [], bodyFont));
  headerRow(false);
  for (const cells of layout.rows) {
    const height = rowHeight(cells, bodyFont);
    if (doc.y + height > doc.page.maxY()) {
      doc.addPage();
      headerRow(true);
    }
    const top = doc.y;
    drawFrame(top, height);
    const row = doc.struct('TR');
    tableElement.add(row);
    cells.forEach((cell, index) => {
      const header = bodyFont(index) === 'bold';
      row.add(
        doc.struct(header ? 'TH' : 'TD', (header ? { scope: 'Row' } : {}) as PDFKit.Mixins.StructureElementOptions, () => {
          doc.fontSize(fontSize).fillColor('black');
          write(doc, lines(cell), bodyFont(index), xs[index]! + CELL_PADDING, top + CELL_PADDING, { width: cellWidth(index), lineGap: 1 });
        }),
      );
    });
    row.end();
    doc.x = MARGIN;
    doc.y = top + height;
  }
  tableElement.end();
  doc.x = MARGIN;
}

/**
 * pdfkit lays out each distinct word once per document and per font, and laying out is most of a
 * plan's time (fontkit applying the font's substitutions and positions). Plans share most of their
 * words, so the layouts are kept for the thread's life, per parsed font: a layout depends only on
 * the font and the word. Reset when large, so a thread's memory stays bounded.
 */
const layouts = new Map<PDFKit.Mixins.PDFFontSource, Record<string, unknown>>();
const MAX_WORDS = 50_000;
function shareLayouts(doc: Doc, name: string, source: PDFKit.Mixins.PDFFontSource) {
  let cache = layouts.get(source);
  if (!cache || Object.keys(cache).length > MAX_WORDS) layouts.set(source, (cache = Object.create(null) as Record<string, unknown>));
  const font = (doc.font(name) as unknown as { _font: { layoutCache?: Record<string, unknown> } })._font;
  if (font.layoutCache) font.layoutCache = cache;
}

// Arabic script (Urdu, Arabic, Farsi, Pashto): its letters, and a run of its words with the spaces
// between them.
const ARABIC_LETTERS = '\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF';
const ARABIC_LETTER = new RegExp(`[${ARABIC_LETTERS}]`, 'u');
const ARABIC_RUN = new RegExp(`([${ARABIC_LETTERS}]+(?:[ \u00A0]+[${ARABIC_LETTERS}]+)*)`, 'u');

/**
 * Text in the face given, each run of Arabic script in Noto Naskh Arabic. fontkit shapes each word
 * and sets its letters right to left, but pdfkit lays a line out word by word, left to right: so the
 * words of a run are given in reverse order, each on its own, with a space in the Latin face between
 * them, and the run reads right to left on the page. A run that wraps onto a second line would show
 * its lines in the wrong order: the names and phrases a plan quotes fit on one. The text a reader
 * extracts keeps the words' order but not every letter (see ADR 0018).
 */
function write(doc: Doc, text: string, face: 'regular' | 'bold', x: number, y: number, options: PDFKit.Mixins.TextOptions): void {
  if (!ARABIC_LETTER.test(text)) {
    doc.font(face).text(text, x, y, options);
    return;
  }
  const pieces: { text: string; font: string }[] = [];
  text.split(ARABIC_RUN).forEach((part, index) => {
    if (part === '') return;
    if (index % 2 === 0) {
      pieces.push({ text: part, font: face });
      return;
    }
    part
      .split(/[ \u00A0]+/u)
      .reverse()
      .forEach((word, position) => {
        if (position > 0) pieces.push({ text: ' ', font: face });
        pieces.push({ text: word, font: `arabic-${face}` });
      });
  });
  pieces.forEach((piece, index) => {
    const pieceOptions = { ...options, continued: index < pieces.length - 1 };
    if (index === 0) doc.font(piece.font).text(piece.text, x, y, pieceOptions);
    else doc.font(piece.font).text(piece.text, pieceOptions);
  });
}

const CHART_HEIGHT = 150;

/**
 * A simple line chart: the figures joined in order, a dot at each, the target dashed, the lowest
 * and highest levels and the first and last labels on the axes. One Figure element whose
 * alternative text is the description; the figures themselves are in the table that follows it.
 */
function chart(doc: Doc, parent: Struct, block: Extract<DocumentBlock, { kind: 'chart' }>, width: number) {
  keepRoom(doc, CHART_HEIGHT + 30);
  const values = block.points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const levels = [...values, ...(block.target === undefined ? [] : [block.target])];
  const top = block.unit === 'percent' ? 100 : Math.max(1, ...levels);
  const bottom = 0;
  const left = MARGIN + 40;
  const plotWidth = Math.min(width - 50, 420);
  const y0 = doc.y + 6;
  const yOf = (value: number) => y0 + CHART_HEIGHT - ((value - bottom) / (top - bottom || 1)) * CHART_HEIGHT;
  const step = block.points.length > 1 ? plotWidth / (block.points.length - 1) : 0;
  const xOf = (index: number) => left + index * step;
  const label = (value: number) => (block.unit === 'percent' ? `${value}%` : String(value));
  parent.add(
    doc.struct('Figure', { alt: block.description } as PDFKit.Mixins.StructureElementOptions, () => {
      doc.save();
      doc.lineWidth(0.5).strokeColor(RULE);
      doc.moveTo(left, y0).lineTo(left, y0 + CHART_HEIGHT).lineTo(left + plotWidth, y0 + CHART_HEIGHT).stroke();
      doc.font('regular').fontSize(7.5).fillColor('#505a5f');
      doc.text(label(top), MARGIN, yOf(top) - 4, { width: 36, align: 'right', lineBreak: false });
      doc.text(label(bottom), MARGIN, yOf(bottom) - 4, { width: 36, align: 'right', lineBreak: false });
      if (block.points.length > 0) {
        doc.text(block.points[0]!.label, left - 20, y0 + CHART_HEIGHT + 4, { width: 80, lineBreak: false });
        doc.text(block.points.at(-1)!.label, left + plotWidth - 60, y0 + CHART_HEIGHT + 4, { width: 80, align: 'right', lineBreak: false });
      }
      if (block.target !== undefined) {
        doc.dash(3, { space: 3 }).strokeColor('#00703c').lineWidth(1);
        doc.moveTo(left, yOf(block.target)).lineTo(left + plotWidth, yOf(block.target)).stroke();
        doc.undash();
        doc.fillColor('#00703c').text(`Target ${label(block.target)}`, left + plotWidth + 4, yOf(block.target) - 4, { width: 70, lineBreak: false });
      }
      doc.strokeColor('#1d70b8').lineWidth(1.5);
      let drawing = false;
      block.points.forEach((point, index) => {
        if (point.value === null) {
          drawing = false;
          return;
        }
        if (drawing) doc.lineTo(xOf(index), yOf(point.value));
        else doc.moveTo(xOf(index), yOf(point.value));
        drawing = true;
      });
      doc.stroke();
      doc.fillColor('#1d70b8');
      block.points.forEach((point, index) => {
        if (point.value !== null) doc.circle(xOf(index), yOf(point.value), 2).fill();
      });
      doc.restore();
    }),
  );
  doc.fillColor('black');
  doc.x = MARGIN;
  doc.y = y0 + CHART_HEIGHT + 20;
}

function keepRoom(doc: Doc, height: number) {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}

/** Wider columns for longer text, none narrower than its longest word needs. */
function columnWeights(columns: readonly string[], rows: readonly (readonly string[])[], count: number): number[] {
  return Array.from({ length: count }, (_, index) => {
    const cells = rows.map((row) => row[index] ?? '');
    const mean = cells.reduce((sum, cell) => sum + cell.length, 0) / Math.max(cells.length, 1);
    const longestWord = Math.max(...[columns[index] ?? '', ...cells].flatMap((text) => text.split(/\s+/u).map((word) => word.length)));
    return Math.max(Math.sqrt(mean + 8), longestWord / 3);
  });
}
