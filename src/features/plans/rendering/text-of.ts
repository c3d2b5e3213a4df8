// Each rendering turned back into words, for the tests that hold the page, the PDF and the Word
// document to the same text (and for anyone checking a rendering by hand).
import { strFromU8, unzipSync } from 'fflate';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name in ENTITIES) return ENTITIES[name]!;
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return entity;
  });

const words = (text: string) => text.split(/\s+/u).filter((word) => word !== '');

/** The words of an HTML rendering: its tags dropped, its entities read. */
export function htmlWords(html: string): string[] {
  return words(decode(html.replace(/<[^>]*>/g, ' ')));
}

/** The parts of a Word document named in `paths` (word/document.xml, docProps/core.xml ...), as text. */
export function docxParts(bytes: Uint8Array, paths: readonly string[]): Record<string, string> {
  const files = unzipSync(bytes, { filter: (file) => paths.includes(file.name) });
  return Object.fromEntries(paths.map((path) => [path, files[path] ? strFromU8(files[path]) : '']));
}

/** The words of a Word document's body, paragraph by paragraph (table cells are paragraphs too). */
export function docxWords(documentXml: string): string[] {
  const paragraphs = documentXml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  return paragraphs.flatMap((paragraph) => {
    const text = [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:(br|tab)\b[^>]*\/>/g)].map((match) => (match[2] ? ' ' : decode(match[1] ?? ''))).join('');
    return words(text);
  });
}

/** The words of `pdfinfo -struct-text`: the text of the PDF's structure elements, in their order. */
export function structureWords(structText: string): string[] {
  return [...structText.matchAll(/^\s*"([\s\S]*?)"$/gm)].flatMap((match) => words(match[1]!));
}
