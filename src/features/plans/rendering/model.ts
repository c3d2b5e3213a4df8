// One version of a plan, laid out once for all its renderings. The page, the PDF and the Word
// document are each made from a RenderedDocument, never from the plan's content directly, so the
// three cannot say different things: tests extract the text of each and compare them.
//
// The layout is deliberately small: headings, paragraphs, lists, label-value facts and tables are
// all an EHC plan needs, and each has a natural tagged form in HTML, in a PDF and in Word.

/** A document as a reader meets it: a title, a few facts about it, then its sections in order. */
export interface RenderedDocument {
  /** The document's title, for the page's <h1>, the PDF's Title and the Word document's title. */
  readonly title: string;
  /** BCP 47 language of the whole document (the PDF's /Lang, the page's lang, Word's proofing). */
  readonly language: 'en-GB';
  /** A line under the title saying what this version is ("Draft, version 3, issued 1 December 2026"). */
  readonly status: string;
  /** Facts about the child and the plan shown before the sections (name, date of birth, reference). */
  readonly facts: readonly DocumentFact[];
  readonly sections: readonly DocumentSection[];
}

export interface DocumentFact {
  readonly label: string;
  readonly value: string;
}

/** One of the plan's sections (A to K, with H1 and H2): a bookmark in the PDF, a Heading 2 in Word. */
export interface DocumentSection {
  /** Stable anchor, also the fragment the page uses: "section-a", "section-h1". */
  readonly id: string;
  /** "Section B: Special educational needs". */
  readonly heading: string;
  readonly blocks: readonly DocumentBlock[];
}

export type DocumentBlock =
  /** A heading inside a section (Heading 3), e.g. "The child's views" or one need's title. */
  | { readonly kind: 'subheading'; readonly text: string; readonly id?: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  /** Label and value pairs (a description list on the page, a two-column table in PDF and Word). */
  | { readonly kind: 'facts'; readonly items: readonly DocumentFact[] }
  /**
   * A table with a header row. rowIds, when given, are the anchors of the items the rows show
   * (findings of the plan's check link to them). Cells are plain text; a cell may hold line breaks.
   */
  | {
      readonly kind: 'table';
      readonly caption: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
      readonly rowIds?: readonly string[];
    }
  /**
   * A line chart of figures over time, drawn in the PDF as a figure whose alternative text is the
   * description; the same figures are always given as a table beside it, so nothing is only drawn.
   * On the page and in Word the description alone stands for it.
   */
  | {
      readonly kind: 'chart';
      readonly description: string;
      readonly unit: 'percent' | 'count';
      readonly points: readonly { readonly label: string; readonly value: number | null }[];
      /** A level to draw as a dashed line (a target), if any. */
      readonly target?: number;
    };

/**
 * The words of a document in reading order, one space between each: what the tests compare across
 * the page, the PDF and the Word document once each is turned back into text.
 */
export function documentWords(document: RenderedDocument): string[] {
  const parts: string[] = [document.title, document.status];
  for (const fact of document.facts) parts.push(fact.label, fact.value);
  for (const section of document.sections) {
    parts.push(section.heading);
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'subheading':
        case 'paragraph':
          parts.push(block.text);
          break;
        case 'list':
          parts.push(...block.items);
          break;
        case 'facts':
          for (const item of block.items) parts.push(item.label, item.value);
          break;
        case 'table':
          parts.push(block.caption, ...block.columns);
          for (const row of block.rows) parts.push(...row);
          break;
        case 'chart':
          parts.push(block.description);
          break;
      }
    }
  }
  return parts.join(' ').split(/\s+/u).filter((word) => word !== '');
}
