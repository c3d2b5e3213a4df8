// The kinds of document the service knows, by media type: how people name each, and the file
// name extensions each goes by. Judged from a file's content (features/documents), never its name.
// Each upload takes some of them: a case's documents all but the spreadsheet.
export const DOCUMENT_TYPES = {
  'application/pdf': { name: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { name: 'Word document (DOCX)', extensions: ['docx'] },
  'image/jpeg': { name: 'JPEG image', extensions: ['jpg', 'jpeg'] },
  'image/png': { name: 'PNG image', extensions: ['png'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { name: 'Excel spreadsheet (XLSX)', extensions: ['xlsx'] },
} as const;

export type DocumentMediaType = keyof typeof DOCUMENT_TYPES;

/** How people name a document's type: "PDF", "Word document (DOCX)"; the media type itself if unknown. */
export function documentTypeName(mediaType: string): string {
  return Object.hasOwn(DOCUMENT_TYPES, mediaType) ? DOCUMENT_TYPES[mediaType as DocumentMediaType].name : mediaType;
}
