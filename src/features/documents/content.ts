// What a file is, judged by its content (never its name or what the browser says), and the name
// it is kept and offered under, made safe.
import { fileTypeFromBuffer } from 'file-type';
import { DOCUMENT_TYPES, type DocumentMediaType } from '../../lib/document-types.ts';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export type AcceptedMediaType = DocumentMediaType;

/** The kinds of document a case takes, each with the names its files go by. */
export const ACCEPTED_TYPES = {
  'application/pdf': DOCUMENT_TYPES['application/pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': DOCUMENT_TYPES['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  'image/jpeg': DOCUMENT_TYPES['image/jpeg'],
  'image/png': DOCUMENT_TYPES['image/png'],
} as const satisfies Partial<typeof DOCUMENT_TYPES>;

export const ACCEPTED_LIST = 'a PDF, DOCX, JPEG or PNG';

/** The extensions of the types given, for a form's `accept` hint to the browser. */
export function acceptAttribute(types: readonly AcceptedMediaType[]): string {
  return types.flatMap((type) => DOCUMENT_TYPES[type].extensions.map((extension) => `.${extension}`)).join(',');
}

/** The extensions of every type a case takes, for the form's `accept` hint to the browser. */
export const ACCEPT_ATTRIBUTE = acceptAttribute(Object.keys(ACCEPTED_TYPES) as AcceptedMediaType[]);

/** The known media type the bytes are (one of DOCUMENT_TYPES), or undefined when they are anything else. */
export async function sniffMediaType(bytes: Uint8Array): Promise<AcceptedMediaType | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  return found && Object.hasOwn(DOCUMENT_TYPES, found.mime) ? (found.mime as AcceptedMediaType) : undefined;
}

/** The extension a file name ends with, lower case ('' when none). */
export function extensionOf(filename: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(filename);
  return match ? match[1]!.toLowerCase() : '';
}

/** The extension names a kind of file other than what the content is (letter.pdf holding a PNG). */
export function nameContradictsContent(filename: string, mediaType: AcceptedMediaType): boolean {
  const extension = extensionOf(filename);
  return extension !== '' && !(DOCUMENT_TYPES[mediaType].extensions as readonly string[]).includes(extension);
}

const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"/\\|?*]/gu;

/**
 * The name a file is kept under: the last part of any path it came with, no control or format
 * characters (a right-to-left override could disguise "cod.exe" as "exe.doc"), none that a
 * file system or a header forbids, at most 150 characters keeping the extension, and ending with
 * the extension of what its content is.
 */
export function safeFilename(given: string, mediaType: AcceptedMediaType): string {
  const base = given.split(/[/\\]/).pop() ?? '';
  let name = base.normalize('NFC').replace(UNSAFE_CHARACTERS, '_').replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  const extensions: readonly string[] = DOCUMENT_TYPES[mediaType].extensions;
  const extension = extensionOf(name);
  let stem = extension && extensions.includes(extension) ? name.slice(0, -(extension.length + 1)) : name;
  stem = Array.from(stem).slice(0, 140).join('').trim();
  name = `${stem || 'document'}.${extensions.includes(extension) ? extension : extensions[0]}`;
  return name;
}

/**
 * The Content-Disposition of a download: an attachment, under its name in plain ASCII for old
 * clients and in full (RFC 5987 / RFC 6266) for the rest.
 */
export function attachmentDisposition(filename: string): string {
  const stripped = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '_').trim();
  const ascii = !stripped || stripped.startsWith('.') ? `document${stripped}` : stripped;
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
