// A plan as a Word document, made with the `docx` package (ADR 0018): Word's own Heading 1, 2 and 3
// styles, so its navigation pane and a screen reader find the sections as on the page and in the
// PDF; tables whose header row Word repeats on each page; the language en-GB for proofing and
// speech; the title in the document's properties. The title is the Heading 1, as the page's <h1>
// and the PDF's H1 are, so the three renderings have the same outline.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { DocumentFact, RenderedDocument } from './model.ts';

const FONT = 'Arial';
const RULE = 'B1B4B6';
const HEADER_FILL = 'F3F2F1';

/** Text that may hold line breaks, as runs Word shows on separate lines. */
function runs(text: string, options: { bold?: boolean; size?: number } = {}): TextRun[] {
  return text.split('\n').map((line, index) => new TextRun({ text: line, ...(index > 0 ? { break: 1 } : {}), ...options }));
}

const border = { style: BorderStyle.SINGLE, size: 4, color: RULE };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: runs(text, header ? { bold: true } : {}) })],
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } } : {}),
  });
}

/** A table whose first row, when `columns` are given, is the header Word repeats on each page. */
function table(columns: readonly string[] | undefined, rows: readonly (readonly string[])[], rowHeaders: boolean): Table {
  const header = columns ? [new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((column) => cell(column, true)) })] : [];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [...header, ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, index) => cell(text, rowHeaders && index === 0)) }))],
  });
}

const factsTable = (facts: readonly DocumentFact[]) => table(undefined, facts.map((fact) => [fact.label, fact.value]), true);
const spacer = () => new Paragraph({ children: [] });

/** The document as a DOCX file. */
export async function renderPlanDocx(document: RenderedDocument): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(document.title) }),
    new Paragraph({ spacing: { after: 240 }, children: runs(document.status, { size: 28 }) }),
  ];
  if (document.facts.length > 0) body.push(factsTable(document.facts), spacer());
  for (const section of document.sections) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(section.heading) }));
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'subheading':
          body.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: runs(block.text) }));
          break;
        case 'paragraph':
          body.push(new Paragraph({ children: runs(block.text) }));
          break;
        case 'list':
          for (const item of block.items) body.push(new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
          break;
        case 'facts':
          body.push(factsTable(block.items), spacer());
          break;
        case 'table':
          body.push(new Paragraph({ style: 'Caption', keepNext: true, children: runs(block.caption, { bold: true }) }), table(block.columns, block.rows, true), spacer());
          break;
        case 'chart':
          body.push(new Paragraph({ children: runs(block.description) }));
          break;
      }
    }
  }

  const footerText: ParagraphChild[] = [new TextRun(`${document.status}. Page `), new TextRun({ children: [PageNumber.CURRENT] }), new TextRun(' of '), new TextRun({ children: [PageNumber.TOTAL_PAGES] })];
  const file = new Document({
    title: document.title,
    subject: document.status,
    creator: 'SEND Casework',
    lastModifiedBy: 'SEND Casework',
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: { value: document.language } } },
        title: { run: { font: FONT } },
        heading1: { run: { font: FONT, size: 40, bold: true, color: '000000' }, paragraph: { spacing: { after: 120 } } },
        heading2: { run: { font: FONT, size: 30, bold: true, color: '000000' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading3: { run: { font: FONT, size: 25, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.LEFT, children: footerText })] }) },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(file);
}
