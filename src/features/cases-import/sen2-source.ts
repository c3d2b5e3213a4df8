// Last year's SEN2 return in an import folder, read as a second source: streamed in chunks, decoded
// as its XML declaration says (UTF-8 when it says nothing; a byte-order mark wins), each Person
// handed on as it is completed. Never held whole: only the Person being read is kept.
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { IsoDate } from '../../domain/calendar/index.ts';
import type { ImportRefusal } from '../../domain/imports/cases.ts';
import { nameKey, Sen2Index, sen2PersonRows, type Sen2Child } from '../../domain/imports/sen2.ts';
import { Sen2FileError, Sen2XmlReader, type Sen2ReadPerson } from '../../domain/sen2/read.ts';

/** A file that cannot be read as an SEN2 return at all: its name and why. */
export class Sen2SourceError extends Error {}

/** The encoding of the first bytes: a byte-order mark, else the XML declaration's encoding, else UTF-8. */
export function xmlEncoding(head: Buffer): { label: string; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { label: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { label: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { label: 'utf-16be', bom: 2 };
  const declaration = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head.subarray(0, 200).toString('latin1'));
  return { label: declaration?.[1]?.toLowerCase() ?? 'utf-8', bom: 0 };
}

/** Enough of the file's start to see its declaration. */
const HEAD_BYTES = 200;

/** The Persons of the return, one at a time, then the header's collection checked; a Sen2SourceError when the file cannot be read. */
export async function* readSen2Persons(stream: Readable, name: string): AsyncGenerator<Sen2ReadPerson> {
  const reader = new Sen2XmlReader();
  let decoder: TextDecoder | undefined;
  let head = Buffer.alloc(0);
  const fail = (error: unknown): never => {
    if (error instanceof Sen2FileError) throw new Sen2SourceError(`${name}: ${error.message}`);
    throw error;
  };
  const decode = (bytes: Buffer, last: boolean): string => {
    try {
      return decoder!.decode(bytes, { stream: !last });
    } catch {
      throw new Sen2SourceError(`${name}: a byte is not ${decoder!.encoding}, the encoding its XML declaration gives (UTF-8 when it gives none)`);
    }
  };
  const start = (): string => {
    const { label, bom } = xmlEncoding(head);
    try {
      decoder = new TextDecoder(label, { fatal: true, ignoreBOM: false });
    } catch {
      throw new Sen2SourceError(`${name}: the XML declaration names the encoding ${label}, which cannot be read`);
    }
    const text = decode(head.subarray(bom), false);
    head = Buffer.alloc(0);
    return text;
  };
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let text: string;
    if (!decoder) {
      head = Buffer.concat([head, bytes]);
      if (head.length < HEAD_BYTES) continue;
      text = start();
    } else text = decode(bytes, false);
    let persons: Sen2ReadPerson[] = [];
    try {
      persons = reader.write(text);
    } catch (error) {
      fail(error);
    }
    yield* persons;
  }
  // A file shorter than its declaration's room: decoded now; then what the decoder still holds.
  const rest = (decoder ? '' : start()) + decode(Buffer.alloc(0), true);
  let persons: Sen2ReadPerson[] = [];
  try {
    persons = [...reader.write(rest), ...reader.end().persons];
  } catch (error) {
    fail(error);
  }
  yield* persons;
}

/** A child of the return as the import holds it until the CSV's children are read: their rows, or why they are refused. */
export type Sen2Entry = { line: number } & ({ ok: true; child: Sen2Child } | { ok: false; refusals: ImportRefusal[] });

/** The return as the import holds it: its children, matched as the CSV's children come. */
export interface Sen2Source {
  name: string;
  index: Sen2Index<Sen2Entry>;
  /** Persons read, and Persons refused (a Person of the same child again, or with something wrong in it). */
  read: number;
  refused: number;
  /** Requests left out (withdrawn, historical, or a plan without its start date). */
  skipped: number;
  /** Refusals of Persons that are the same child again: reported whatever matches. */
  again: ImportRefusal[];
}

/** The return in the folder, every Person mapped and checked and kept by UPN and name; undefined when the folder has none. */
export async function loadSen2(open: (name: string) => Promise<Readable | undefined>, name: string, today: IsoDate): Promise<Sen2Source | undefined> {
  const stream = await open(name);
  if (!stream) return undefined;
  const source: Sen2Source = { name, index: new Sen2Index<Sen2Entry>(), read: 0, refused: 0, skipped: 0, again: [] };
  for await (const read of readSen2Persons(stream, name)) {
    source.read += 1;
    const mapped = sen2PersonRows(read, name, today);
    const entry: Sen2Entry = mapped.ok ? { line: read.line, ok: true, child: mapped.child } : { line: read.line, ok: false, refusals: mapped.refusals };
    if (mapped.ok) source.skipped += mapped.child.skipped;
    const person = read.person;
    const upn = mapped.ok ? mapped.child.child.upn : person.upn?.trim().toUpperCase() || null;
    const key = person.surname && person.forename && person.birthDate ? nameKey({ surname: person.surname, forename: person.forename, dateOfBirth: person.birthDate }) : null;
    const first = source.index.add(entry, { upn, name: key });
    if (first !== undefined) {
      source.refused += 1;
      source.again.push({ file: name, line: read.line, field: upn ? 'UPN' : 'Person', value: upn ?? '', why: `is the same child as the Person on line ${first}; the first is imported` });
    }
  }
  return source;
}
