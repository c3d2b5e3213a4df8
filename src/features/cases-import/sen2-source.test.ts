import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { upnCheckLetter } from '../../domain/children/upn.ts';
import { readSen2Persons, Sen2SourceError, xmlEncoding } from './sen2-source.ts';

const UPN = `${upnCheckLetter('999201500101')}999201500101`;
const xml = (declaration: string, forename: string) =>
  `${declaration}<Message><Header><CollectionDetails><Collection>SEN2</Collection></CollectionDetails></Header><Persons>\n` +
  `<Person><Surname>Hughes</Surname><Forename>${forename}</Forename><PersonBirthDate>2015-03-14</PersonBirthDate><Sex>F</Sex><UPN>${UPN}</UPN></Person>\n` +
  '</Persons></Message>\n';

/** The bytes a byte at a time: every character split across chunks. */
const byteByByte = (bytes: Buffer) => Readable.from(Array.from(bytes, (byte) => Buffer.from([byte])));

async function forenames(stream: Readable): Promise<string[]> {
  const found: string[] = [];
  for await (const read of readSen2Persons(stream, 'sen2.xml')) found.push(read.person.forename);
  return found;
}

describe('reading the SEN2 return of an import folder', () => {
  it('takes the encoding from a byte-order mark, else the XML declaration, else UTF-8', () => {
    expect(xmlEncoding(Buffer.from('\uFEFF<?xml version="1.0" encoding="windows-1252"?>', 'utf8'))).toEqual({ label: 'utf-8', bom: 3 });
    expect(xmlEncoding(Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).toEqual({ label: 'utf-16le', bom: 2 });
    expect(xmlEncoding(Buffer.from("<?xml version='1.0' encoding='ISO-8859-1'?>", 'latin1'))).toEqual({ label: 'iso-8859-1', bom: 0 });
    expect(xmlEncoding(Buffer.from('<?xml version="1.0"?><Message>', 'latin1'))).toEqual({ label: 'utf-8', bom: 0 });
  });

  it('decodes UTF-8 (no declaration), Windows-1252 and UTF-16 with its mark, whatever the chunks split', async () => {
    expect(await forenames(byteByByte(Buffer.from(xml('', 'Zoë'), 'utf8')))).toEqual(['Zoë']);
    expect(await forenames(byteByByte(Buffer.from(xml('<?xml version="1.0" encoding="windows-1252"?>', 'Zoë'), 'latin1')))).toEqual(['Zoë']);
    expect(await forenames(byteByByte(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml('<?xml version="1.0" encoding="UTF-16"?>', 'Zoë'), 'utf16le')])))).toEqual(['Zoë']);
  });

  it('refuses bytes that are not the declared encoding, naming the file', async () => {
    const error = await forenames(Readable.from([Buffer.from(xml('<?xml version="1.0" encoding="UTF-8"?>', 'Zo\u00eb'), 'latin1')])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Sen2SourceError);
    expect((error as Error).message).toBe('sen2.xml: a byte is not utf-8, the encoding its XML declaration gives (UTF-8 when it gives none)');
  });
});
