import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvFileError, detectDelimiter, readCsv, type CsvItem } from './csv.ts';

async function read(chunks: Buffer[]): Promise<{ headings: string[]; items: CsvItem[]; encoding: string; bom: boolean }> {
  let headings: string[] = [];
  let encoding = '';
  let bom = false;
  const items: CsvItem[] = [];
  const decoder = { current: undefined as undefined | { encoding: string; bom: boolean } };
  for await (const item of readCsv(Readable.from(chunks), (found, decoding) => {
    headings = found;
    decoder.current = decoding;
  })) {
    items.push(item);
  }
  encoding = decoder.current?.encoding ?? '';
  bom = decoder.current?.bom ?? false;
  return { headings, items, encoding, bom };
}

const TEXT = 'URN,EstablishmentName\r\n160002,St Thérèse\'s Catholic Primary School\r\n160029,Café Lane Primary School\r\n';

describe('reading a CSV file in the encoding it came in', () => {
  it('reads UTF-8 without a byte-order mark', async () => {
    const result = await read([Buffer.from(TEXT, 'utf8')]);
    expect(result).toMatchObject({ headings: ['URN', 'EstablishmentName'], encoding: 'UTF-8', bom: false });
    expect(result.items).toEqual([
      { line: 2, cells: ['160002', 'St Thérèse\'s Catholic Primary School'] },
      { line: 3, cells: ['160029', 'Café Lane Primary School'] },
    ]);
  });

  it('reads UTF-8 with a byte-order mark, the mark not part of the first heading', async () => {
    const result = await read([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf]), Buffer.from(TEXT, 'utf8')]);
    expect(result).toMatchObject({ headings: ['URN', 'EstablishmentName'], encoding: 'UTF-8', bom: true });
  });

  it('keeps a UTF-8 character split between two chunks whole', async () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    const split = bytes.indexOf(0xc3) + 1;
    const result = await read([bytes.subarray(0, split), bytes.subarray(split)]);
    expect(result.encoding).toBe('UTF-8');
    expect(result.items[0]).toMatchObject({ cells: ['160002', 'St Thérèse\'s Catholic Primary School'] });
  });

  it('reads Windows-1252, as GIAS publishes it, even when the first accent is far into the file', async () => {
    const padding = Array.from({ length: 2000 }, (_, index) => `${100000 + index},Plain School ${index}\r\n`).join('');
    const bytes = Buffer.from(`URN,EstablishmentName\r\n${padding}160002,St Th\xe9r\xe8se's \x96 \x80 School\r\n`, 'latin1');
    const result = await read([bytes.subarray(0, 30_000), bytes.subarray(30_000)]);
    expect(result.encoding).toBe('Windows-1252');
    expect(result.items.at(-1)).toEqual({ line: 2002, cells: ['160002', 'St Thérèse\'s – € School'] });
    expect(result.items).toHaveLength(2001);
  });

  it('reports a quote never closed, which runs to the end of the file, as an error; a stray quote in an unquoted value is text', async () => {
    const broken = await read([Buffer.from('URN,EstablishmentName\n160001,"Unclosed\n160002,Swallowed\n', 'utf8')]);
    expect(broken.items).toEqual([{ line: 3, error: expect.stringContaining('Quote Not Closed') }]);
    const stray = await read([Buffer.from('URN,EstablishmentName\n160001,St Mary"s\n160002,Fine\n', 'utf8')]);
    expect(stray.items).toEqual([
      { line: 2, cells: ['160001', 'St Mary"s'] },
      { line: 3, cells: ['160002', 'Fine'] },
    ]);
  });

  it('refuses a file that is not text at all, or is empty', async () => {
    await expect(read([Buffer.from('%PDF-1.7\n\u0000\u0001\u0002binary', 'latin1')])).rejects.toThrow(CsvFileError);
    await expect(read([Buffer.from('%PDF-1.7\n\u0000\u0001\u0002binary', 'latin1')])).rejects.toThrow('it is not a CSV file (it holds binary data)');
    await expect(read([Buffer.alloc(0)])).rejects.toThrow('it is empty: there is no header row');
  });
});

describe('finding the delimiter', () => {
  it('takes a semicolon when the header has more semicolons than commas outside quotes', async () => {
    expect(detectDelimiter('child_id;forename;surname')).toBe(';');
    expect(detectDelimiter('"a;b;c",d,e')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
    const items: CsvItem[] = [];
    let found = '';
    for await (const item of readCsv(Readable.from([Buffer.from('id;name\n1;"Smith; Jo"\n2;Café, Ltd\n')]), (_h, _d, delimiter) => (found = delimiter), { delimiter: 'detect' })) items.push(item);
    expect(found).toBe(';');
    expect(items).toEqual([
      { line: 2, cells: ['1', 'Smith; Jo'] },
      { line: 3, cells: ['2', 'Café, Ltd'] },
    ]);
  });
});
