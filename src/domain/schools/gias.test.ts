import { describe, expect, it } from 'vitest';
import { compareSchool, GIAS_COLUMNS, mapGiasRow, normalisePostcode, parseGiasDate, readGiasHeader, type GiasSchool, type HeldSchool } from './gias.ts';

const HEADINGS = ['URN', 'LA (code)', 'LA (name)', 'EstablishmentName', 'TypeOfEstablishment (name)', 'EstablishmentStatus (name)', 'OpenDate', 'CloseDate', 'PhaseOfEducation (name)', 'Street', 'Locality', 'Address3', 'Town', 'County (name)', 'Postcode', 'UKPRN'];
const header = readGiasHeader(HEADINGS);

function cells(values: Partial<Record<string, string>>): string[] {
  const base: Record<string, string> = {
    URN: '160001',
    'LA (code)': '999',
    'LA (name)': 'Demo City',
    EstablishmentName: 'Ashfield Primary School',
    'TypeOfEstablishment (name)': 'Community school',
    'EstablishmentStatus (name)': 'Open',
    OpenDate: '',
    CloseDate: '',
    'PhaseOfEducation (name)': 'Primary',
    Street: 'Ashfield Road',
    Locality: '',
    Address3: '',
    Town: 'Demo City',
    'County (name)': 'Demoshire',
    Postcode: 'dc1  4ab',
    UKPRN: '10071001',
  };
  return HEADINGS.map((heading) => values[heading] ?? base[heading]!);
}

describe('the GIAS header', () => {
  it('finds the columns read by their published headings, in any order and case', () => {
    const found = readGiasHeader(['postcode', ' URN ', 'EstablishmentName', 'la (code)', 'TypeOfEstablishment (name)', 'PhaseOfEducation (name)', 'EstablishmentStatus (name)']);
    expect(found.positions).toMatchObject({ urn: 1, postcode: 0, laCode: 3 });
    expect(found.missingRequired).toEqual([]);
    expect(found.missingOptional).toEqual(['UKPRN', 'Street', 'Locality', 'Address3', 'Town', 'County (name)', 'OpenDate', 'CloseDate']);
  });

  it('names each column a row needs that the file lacks', () => {
    const found = readGiasHeader(['URN', 'EstablishmentName', 'TypeOfEstablishment (code)']);
    expect(found.missingRequired).toEqual(['TypeOfEstablishment (name)', 'PhaseOfEducation (name)', 'EstablishmentStatus (name)', 'LA (code)']);
  });
});

describe('a row of the GIAS extract', () => {
  it('maps to a school: codes kept as text, the postcode tidied, empty details none', () => {
    const row = mapGiasRow(header, cells({}), 2);
    expect(row).toEqual({
      ok: true,
      school: {
        urn: 160001,
        ukprn: 10071001,
        name: 'Ashfield Primary School',
        type: 'Community school',
        phase: 'Primary',
        status: 'Open',
        laCode: '999',
        street: 'Ashfield Road',
        locality: null,
        address3: null,
        town: 'Demo City',
        county: 'Demoshire',
        postcode: 'DC1 4AB',
        openDate: null,
        closeDate: null,
      },
    });
  });

  it('reads dates as GIAS writes them (dd/mm/yyyy), and ISO dates too', () => {
    const row = mapGiasRow(header, cells({ OpenDate: '01/09/1972', CloseDate: '2019-08-31', 'EstablishmentStatus (name)': 'Closed' }), 3);
    expect(row.ok && row.school).toMatchObject({ openDate: '1972-09-01', closeDate: '2019-08-31', status: 'Closed' });
    expect(parseGiasDate('1/9/2024')).toBe('2024-09-01');
    expect(parseGiasDate(' ')).toBeNull();
  });

  it('refuses an impossible or American date, naming the line, the field, the value and why', () => {
    expect(parseGiasDate('31/02/2024')).toBeUndefined();
    expect(parseGiasDate('09/31/2024')).toBeUndefined();
    expect(parseGiasDate('1 September 2024')).toBeUndefined();
    expect(mapGiasRow(header, cells({ CloseDate: '31/02/2024' }), 7)).toEqual({
      ok: false,
      refusals: [{ line: 7, field: 'CloseDate', value: '31/02/2024', why: 'is not a date (dd/mm/yyyy)' }],
    });
  });

  it('refuses a close date before the open date', () => {
    const row = mapGiasRow(header, cells({ OpenDate: '01/09/2020', CloseDate: '31/08/2019' }), 4);
    expect(row).toMatchObject({ ok: false, refusals: [{ field: 'CloseDate', why: 'is before the OpenDate' }] });
  });

  it('lists every fault of a row: a URN that is not six digits, an empty name, an unknown status, a bad LA code and UKPRN', () => {
    const row = mapGiasRow(header, cells({ URN: '12345', EstablishmentName: ' ', 'EstablishmentStatus (name)': 'Shut', 'LA (code)': '99', UKPRN: '2007' }), 9);
    expect(row.ok).toBe(false);
    expect(!row.ok && row.refusals.map((refusal) => [refusal.field, refusal.value, refusal.why])).toEqual([
      ['URN', '12345', 'is not a URN (six digits)'],
      ['UKPRN', '2007', 'is not a UKPRN (eight digits starting 1)'],
      ['EstablishmentName', '', 'is empty'],
      ['EstablishmentStatus (name)', 'Shut', 'is not a GIAS status (Open; Closed; Open, but proposed to close; Proposed to open)'],
      ['LA (code)', '99', 'is not an LA code (three digits)'],
    ]);
  });

  it('treats a short row as empty cells, so the missing values are refused, not guessed', () => {
    const row = mapGiasRow(header, ['160001', '999'], 5);
    expect(!row.ok && row.refusals.map((refusal) => refusal.field)).toEqual([GIAS_COLUMNS.name, GIAS_COLUMNS.type, GIAS_COLUMNS.phase, GIAS_COLUMNS.status]);
  });

  it('leaves out the details of a column the file does not have', () => {
    const narrow = readGiasHeader(['URN', 'EstablishmentName', 'TypeOfEstablishment (name)', 'PhaseOfEducation (name)', 'EstablishmentStatus (name)', 'LA (code)']);
    const row = mapGiasRow(narrow, ['160001', 'Ashfield Primary School', 'Community school', 'Primary', 'Open', '999'], 2);
    expect(row).toEqual({ ok: true, school: { urn: 160001, name: 'Ashfield Primary School', type: 'Community school', phase: 'Primary', status: 'Open', laCode: '999' } });
  });

  it('tidies postcodes', () => {
    expect(normalisePostcode(' b1  1aa ')).toBe('B1 1AA');
    expect(normalisePostcode('')).toBeNull();
  });
});

describe('comparing a row with the school held', () => {
  const held: HeldSchool = {
    urn: 160018,
    ukprn: 10071018,
    name: 'Parkside Primary School',
    type: 'Community school',
    phase: 'Primary',
    status: 'Open',
    laCode: '999',
    street: 'Park Road',
    locality: null,
    address3: null,
    town: 'Demo City',
    county: 'Demoshire',
    postcode: 'DC7 3FE',
    openDate: null,
    closeDate: null,
  };
  const same: GiasSchool = { ...held };

  it('is unchanged when every detail given is as held', () => {
    expect(compareSchool(held, same)).toEqual({ kind: 'unchanged' });
    expect(compareSchool(held, { urn: 160018, name: held.name, type: held.type, phase: held.phase, status: 'Open', laCode: '999' })).toEqual({ kind: 'unchanged' });
  });

  it('keeps the old name when the register renames a school', () => {
    const change = compareSchool(held, { ...same, name: 'Parkside Community Primary School' });
    expect(change).toMatchObject({ kind: 'updated', fields: ['name'], renamedFrom: 'Parkside Primary School', next: { name: 'Parkside Community Primary School', postcode: 'DC7 3FE' } });
  });

  it('closes a school the register closes, with its close date, keeping it', () => {
    const change = compareSchool(held, { ...same, status: 'Closed', closeDate: '2026-08-31' as never });
    expect(change).toMatchObject({ kind: 'closed', fields: ['status', 'closeDate'], next: { status: 'Closed', closeDate: '2026-08-31' } });
    expect(compareSchool({ ...held, status: 'Closed' }, { ...same, status: 'Closed', town: 'Elsewhere' })).toMatchObject({ kind: 'updated' });
  });
});
