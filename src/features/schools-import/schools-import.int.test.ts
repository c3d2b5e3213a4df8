import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { aSchool } from '../../test/factories/index.ts';
import { createTestDatabase } from '../../test/database.ts';
import { SchoolsImportFileError, SchoolsImportService } from './service.ts';

const SAMPLE = new URL('../../db/reference/gias/edubasealldata-sample-1.csv', import.meta.url);
const LATER = new URL('../../db/reference/gias/edubasealldata-sample-2.csv', import.meta.url);
const SAMPLE_SCHOOLS = 30;

let database: DatabaseHandle;
let service: SchoolsImportService;
beforeEach(async () => {
  database = await createTestDatabase();
  service = new SchoolsImportService(database.db, fixedClock('2026-12-01T09:00:00Z'));
});
afterEach(async () => database.close());

function importFile(file: URL, name = 'edubasealldata.csv', batchSize?: number) {
  return service.importSchools(createReadStream(file), { fileName: name, ranBy: 'test', ...(batchSize ? { batchSize } : {}) });
}
function importText(text: string | Buffer, name = 'schools.csv') {
  return service.importSchools(Readable.from([Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')]), { fileName: name, ranBy: 'test' });
}
async function schoolOf(urn: number) {
  const [row] = await queryRows<Record<string, unknown>>(database.db, sql`SELECT urn, name, status, close_date::text AS close_date, open_date::text AS open_date, postcode, street, county, la_code, ukprn, import_run_id FROM school WHERE urn = ${urn}`);
  return row;
}
async function schoolCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM school`);
  return row!.n;
}

const HEADER = 'URN,LA (code),EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),EstablishmentStatus (name),OpenDate,CloseDate,Postcode';

describe('importing the schools register (GIAS establishment extract)', () => {
  it('creates each school of the shipped sample, read as Windows-1252 with its accents, addresses and dates', async () => {
    const result = await importFile(SAMPLE);
    expect(result.encoding).toBe('Windows-1252');
    expect(result.counts).toEqual({ created: SAMPLE_SCHOOLS, updated: 0, renamed: 0, closed: 0, unchanged: 0, refused: 0 });
    expect(result.refusals).toEqual([]);
    expect(await schoolOf(160002)).toMatchObject({ name: 'St Thérèse\'s Catholic Primary School', open_date: '1972-09-01', street: 'Convent Lane', county: 'Demoshire', postcode: 'DC2 5CD', la_code: '999', ukprn: 10071002, import_run_id: result.runId });
    expect(await schoolOf(160009)).toMatchObject({ name: 'Glebe Farm Primary School', status: 'Closed', close_date: '2019-08-31' });
  });

  it('is idempotent: the same file again changes nothing, and the run says so', async () => {
    const first = await importFile(SAMPLE, undefined, 7);
    const before = await queryRows(database.db, sql`SELECT * FROM school ORDER BY urn`);
    const second = await importFile(SAMPLE, undefined, 7);
    expect(second.counts).toEqual({ created: 0, updated: 0, renamed: 0, closed: 0, unchanged: SAMPLE_SCHOOLS, refused: 0 });
    expect(await queryRows(database.db, sql`SELECT * FROM school ORDER BY urn`)).toEqual(before);
    expect(await service.nameChanges(160018)).toEqual([]);
    const runs = await service.listRuns();
    expect(runs.map((run) => [run.id, run.status, run.created, run.unchanged])).toEqual([
      [second.runId, 'finished', 0, SAMPLE_SCHOOLS],
      [first.runId, 'finished', SAMPLE_SCHOOLS, 0],
    ]);
    expect(runs[0]).toMatchObject({ fileName: 'edubasealldata.csv', ranBy: 'test', encoding: 'Windows-1252', refusals: [] });
  });

  it('keeps the register current from a later extract: a school closed (never deleted), one renamed with its old name kept, one new', async () => {
    await importFile(SAMPLE);
    const later = await importFile(LATER, 'edubasealldata-later.csv');
    expect(later.counts).toEqual({ created: 1, updated: 1, renamed: 1, closed: 1, unchanged: SAMPLE_SCHOOLS - 2, refused: 0 });
    expect(await schoolOf(160020)).toMatchObject({ name: 'Riverside Primary School', status: 'Closed', close_date: '2026-08-31', import_run_id: later.runId });
    expect(await schoolOf(160018)).toMatchObject({ name: 'Parkside Community Primary School', status: 'Open' });
    expect(await service.nameChanges(160018)).toEqual([{ fromName: 'Parkside Primary School', toName: 'Parkside Community Primary School', seenOn: '2026-12-01', importRunId: later.runId }]);
    expect(await schoolOf(160031)).toMatchObject({ name: 'Kingfisher Primary School', open_date: '2026-09-01' });
    expect(await schoolCount()).toBe(SAMPLE_SCHOOLS + 1);
    // A school missing from a later extract is left as it was: the register closes schools, it does not drop them.
    const again = await importFile(SAMPLE, 'edubasealldata-earlier.csv');
    expect(await schoolCount()).toBe(SAMPLE_SCHOOLS + 1);
    expect(again.counts).toMatchObject({ created: 0, renamed: 1, updated: 2 });
  });

  it('reads UTF-8 with and without a byte-order mark the same', async () => {
    const text = `${HEADER}\r\n160029,999,Café Lane Primary School,Community school,Primary,Open,01/09/2001,,dc7 6sr\r\n`;
    const plain = await importText(text);
    expect(plain).toMatchObject({ encoding: 'UTF-8', bom: false, counts: { created: 1 } });
    const marked = await importText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    expect(marked).toMatchObject({ encoding: 'UTF-8', bom: true, counts: { created: 0, unchanged: 1 } });
    expect(await schoolOf(160029)).toMatchObject({ name: 'Café Lane Primary School', postcode: 'DC7 6SR', open_date: '2001-09-01' });
  });

  it('refuses each wrong row with its line, field, value and why, and imports the rest; a URN twice takes the first', async () => {
    const text = [
      HEADER,
      '160101,999,Good School,Community school,Primary,Open,,,DC1 1AA',
      '160102,999,Bad Date School,Community school,Primary,Closed,,31/13/2020,DC1 1AB',
      '160101,999,Good School Again,Community school,Primary,Open,,,DC1 1AA',
      'ABC,999,No Urn School,Community school,Primary,Open,,,DC1 1AC',
      '160103,999,,Community school,Primary,Shut,,,DC1 1AD',
      '160104,999,Another Good School,Academy converter,Secondary,Open,01/09/2012,,DC1 1AE',
    ].join('\n');
    const result = await importText(text);
    expect(result.counts).toEqual({ created: 2, updated: 0, renamed: 0, closed: 0, unchanged: 0, refused: 4 });
    expect(result.refusals).toEqual([
      { line: 3, field: 'CloseDate', value: '31/13/2020', why: 'is not a date (dd/mm/yyyy)' },
      { line: 4, field: 'URN', value: '160101', why: 'appears again (first on line 2); the first is imported' },
      { line: 5, field: 'URN', value: 'ABC', why: 'is not a URN (six digits)' },
      { line: 6, field: 'EstablishmentName', value: '', why: 'is empty' },
      { line: 6, field: 'EstablishmentStatus (name)', value: 'Shut', why: 'is not a GIAS status (Open; Closed; Open, but proposed to close; Proposed to open)' },
    ]);
    expect(await schoolOf(160101)).toMatchObject({ name: 'Good School' });
    expect(await schoolOf(160102)).toBeUndefined();
    const [run] = await service.listRuns(1);
    expect(run).toMatchObject({ refused: 4, created: 2, status: 'finished' });
    expect(run!.refusals).toHaveLength(5);
  });

  it('leaves a detail as it was when a later file lacks its column', async () => {
    await importFile(SAMPLE);
    const narrow = 'URN,LA (code),EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),EstablishmentStatus (name)\n160001,999,Ashfield Primary School,Community school,Primary,Open\n';
    const result = await importText(narrow);
    expect(result.counts).toMatchObject({ unchanged: 1 });
    expect(result.missingColumns).toContain('Postcode');
    expect(await schoolOf(160001)).toMatchObject({ postcode: 'DC1 4AB', street: 'Ashfield Road' });
  });

  it('updates a school already on the list (the shipped sample) by its URN', async () => {
    await aSchool(database.db, { urn: 160005, name: 'Cedar Lane Junior', laCode: null, postcode: null });
    const result = await importFile(SAMPLE);
    expect(result.counts).toMatchObject({ created: SAMPLE_SCHOOLS - 1, updated: 1, renamed: 1 });
    expect(await schoolOf(160005)).toMatchObject({ name: 'Cedar Lane Junior School', la_code: '999', postcode: 'DC4 7GJ' });
  });

  it('refuses a file it cannot read, saying why, writing no school and recording the failed run', async () => {
    await expect(importText('name,age\nAlice,7\n', 'people.csv')).rejects.toThrow(new SchoolsImportFileError('Cannot import people.csv: it has no URN column: is it the GIAS establishment extract?'));
    await expect(importText('URN,EstablishmentName\n160001,Ashfield\n', 'short.csv')).rejects.toThrow(
      'Cannot import short.csv: it lacks the columns TypeOfEstablishment (name), PhaseOfEducation (name), EstablishmentStatus (name), LA (code)',
    );
    await expect(importText(readFileSync(new URL('../../db/reference/schools-sample.json', import.meta.url)), 'schools.json')).rejects.toThrow(SchoolsImportFileError);
    await expect(importText(Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000', 'latin1'), 'extract.zip')).rejects.toThrow('Cannot import extract.zip: it is not a CSV file (it holds binary data)');
    await expect(importText('', 'empty.csv')).rejects.toThrow('Cannot import empty.csv: it is empty: there is no header row');
    expect(await schoolCount()).toBe(0);
    const runs = await service.listRuns();
    expect(runs.map((run) => run.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    expect(runs.at(-1)!.failure).toContain('no URN column');
  });
});
