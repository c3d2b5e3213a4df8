// A CSV file read as a stream of rows (shared by the imports), each with its line number, in whichever encoding it came:
// UTF-8 with or without a byte-order mark, or Windows-1252 (as GIAS publishes its extract). The
// encoding is UTF-8 until a byte shows it cannot be; everything before that byte was then plain
// ASCII, the same in both, so nothing already read changes. Never holds the whole file.
import { parse, type CsvError } from 'csv-parse';
import { Readable, Transform, type TransformCallback } from 'node:stream';

export type CsvEncoding = 'UTF-8' | 'Windows-1252';

/** A file that cannot be read as CSV at all: said in one sentence, nothing written. */
export class CsvFileError extends Error {}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// Windows-1252 is ISO-8859-1 but for 0x80-0x9F, which hold typographic characters (€, ‘ ’, “ ”, –, —)
// rather than control codes. Some Node versions' TextDecoder treats the label as ISO-8859-1, so
// those 32 are mapped here; the five Windows leaves undefined stay as their control codes.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Windows-1252 bytes as text. */
export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

/** Where a buffer may be cut without splitting a UTF-8 character: before an incomplete last sequence. */
function completeUpTo(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return back < needed ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

/** Bytes to text, UTF-8 until proven Windows-1252. */
export class TextDecodingStream extends Transform {
  encoding: CsvEncoding = 'UTF-8';
  bom = false;
  private started = false;
  private carry: Buffer = Buffer.alloc(0);
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor() {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
  }

  private decode(bytes: Buffer): string {
    if (this.encoding === 'UTF-8') {
      try {
        return this.utf8.decode(bytes);
      } catch {
        this.encoding = 'Windows-1252';
      }
    }
    return decodeWindows1252(bytes);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    if (!this.started) {
      if (bytes.length < 3 && bytes.subarray(0, bytes.length).equals(BOM.subarray(0, bytes.length))) {
        this.carry = bytes;
        done();
        return;
      }
      this.started = true;
      if (bytes.subarray(0, 3).equals(BOM)) {
        this.bom = true;
        bytes = bytes.subarray(3);
      }
      if (bytes.subarray(0, 4096).includes(0)) {
        done(new CsvFileError('it is not a CSV file (it holds binary data)'));
        return;
      }
    }
    const cut = this.encoding === 'UTF-8' ? completeUpTo(bytes) : bytes.length;
    this.carry = bytes.subarray(cut);
    done(null, this.decode(bytes.subarray(0, cut)));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.carry.length > 0 ? this.decode(this.carry) : '');
  }
}

export interface CsvRow {
  /** The line of the file the row ends on (the header is line 1). */
  line: number;
  cells: string[];
}

export type CsvItem = CsvRow | { line: number; error: string };

export type CsvDelimiter = ',' | ';';

/**
 * The delimiter a header line uses: a semicolon when it holds more semicolons than commas outside
 * quotes (as spreadsheets write CSV where the comma is the decimal mark), a comma otherwise.
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

export interface ReadCsvOptions {
  /** The delimiter, or 'detect' to take it from the header line (see detectDelimiter). A comma by default. */
  delimiter?: CsvDelimiter | 'detect';
}

/**
 * The rows of a CSV byte stream after its header, with the header given first. A row the CSV
 * grammar cannot read (an unclosed quote, say) comes as an error on its line and reading goes on.
 */
export async function* readCsv(
  source: Readable | AsyncIterable<Buffer>,
  onHeader: (headings: string[], decoding: TextDecodingStream, delimiter: CsvDelimiter) => void,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvItem> {
  const decoding = new TextDecodingStream();
  const input = source instanceof Readable ? source : Readable.from(source);
  input.on('error', (error) => decoding.destroy(error));
  input.pipe(decoding);
  // The first line is read ahead, to find the delimiter before the parser is made.
  const text = (decoding as AsyncIterable<string>)[Symbol.asyncIterator]();
  let head = '';
  let ended = false;
  while (!head.includes('\n')) {
    const next = await text.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += String(next.value);
  }
  const delimiter: CsvDelimiter = options.delimiter === 'detect' ? detectDelimiter(head.split('\n', 1)[0] ?? '') : (options.delimiter ?? ',');
  const skipped: { line: number; error: string }[] = [];
  const parser = parse({
    delimiter,
    relax_column_count: true,
    // A quote inside an unquoted value (Un"named) is taken as written.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  parser.on('skip', (error: CsvError) => skipped.push({ line: (error as CsvError & { lines?: number }).lines ?? 0, error: error.message }));
  const rest = Readable.from(
    (async function* () {
      if (head !== '') yield head;
      if (ended) return;
      for (let next = await text.next(); !next.done; next = await text.next()) yield String(next.value);
    })(),
    { objectMode: false },
  );
  rest.on('error', (error) => parser.destroy(error));
  rest.pipe(parser);
  let header = true;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      while (skipped.length > 0) yield skipped.shift()!;
      if (header) {
        header = false;
        onHeader(item.record, decoding, delimiter);
        continue;
      }
      yield { line: item.info.lines, cells: item.record };
    }
  } catch (error) {
    // The grammar's own errors (codes CSV_*) mean the file is not CSV; anything else is the caller's.
    if (!String((error as { code?: unknown }).code ?? '').startsWith('CSV_')) throw error;
    throw new CsvFileError(`it cannot be read as CSV (${(error as Error).message})`);
  } finally {
    rest.destroy();
    input.destroy();
  }
  while (skipped.length > 0) yield skipped.shift()!;
  if (header) throw new CsvFileError('it is empty: there is no header row');
}
