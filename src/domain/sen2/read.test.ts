import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { upnCheckLetter } from '../children/upn.ts';
import { Sen2FileError, Sen2XmlReader, type Sen2ReadPerson } from './read.ts';
import type { Sen2Person } from './record.ts';
import { validateSen2Person } from './validate.ts';
import { SEN2_XML_END, sen2PersonXml, sen2XmlStart } from './xml.ts';

const HEADER = { laCode: '999', censusDate: '2026-01-15', year: 2026, softwareCode: 'Old system', release: '4.2', serialNo: 7, dateTime: '2026-01-20T10:00:00' };
const UPN = `${upnCheckLetter('999123400001')}999123400001`;

const ada: Sen2Person = {
  childId: 'a',
  surname: 'O’Brien & Co',
  forename: 'Ada',
  birthDate: isoDate('2015-04-01'),
  sex: 'F',
  ethnicity: 'WBRI',
  postcode: 'B1 1AA',
  upn: UPN,
  uln: null,
  upnUnknown: null,
  requests: [
    {
      caseId: 'c',
      reference: 'r',
      receivedDate: isoDate('2025-01-06'),
      requestSource: 2,
      requestOutcome: 'Y',
      requestOutcomeDate: isoDate('2025-02-10'),
      requestMediation: 0,
      requestTribunal: 0,
      assessment: {
        outcome: 'Y',
        outcomeDate: isoDate('2025-04-01'),
        mediation: 0,
        tribunal: 0,
        week20: 1,
        namedPlan: { startDate: isoDate('2025-05-01'), ceaseDate: null, ceaseReason: null, placements: [{ urn: 100001, senSetting: null, senSettingOther: null, placementRank: 1 }] },
      },
      activePlan: {
        reviewMeeting: isoDate('2025-11-20'),
        reviewOutcome: 'M',
        lastReview: isoDate('2025-11-20'),
        placements: [{ urn: null, senSetting: 'OTH', senSettingOther: 'Special school', placementRank: 1 }],
        needs: [
          { senType: 'ASD', senTypeRank: 1 },
          { senType: 'SLCN', senTypeRank: 2 },
        ],
        transferredIn: false,
        transferLa: null,
      },
    },
  ],
};
const ben: Sen2Person = {
  ...ada,
  childId: 'b',
  surname: 'Okafor',
  forename: 'Ben',
  sex: 'M',
  upn: null,
  upnUnknown: 'UN1',
  requests: [{ caseId: 'd', reference: 's', receivedDate: isoDate('2025-09-01'), requestSource: 1, requestOutcome: 'N', requestOutcomeDate: isoDate('2025-10-06'), requestMediation: 1, requestTribunal: null, assessment: null, activePlan: null }],
};

/** The file read in chunks of `size` characters, as a stream would give it. */
function readAll(xml: string, size: number) {
  const reader = new Sen2XmlReader();
  const persons: Sen2ReadPerson[] = [];
  for (let at = 0; at < xml.length; at += size) persons.push(...reader.write(xml.slice(at, at + size)));
  const end = reader.end();
  return { persons: [...persons, ...end.persons], header: end.header };
}

const file = (...persons: Sen2Person[]) => sen2XmlStart(HEADER) + persons.map(sen2PersonXml).join('') + SEN2_XML_END;
const withoutIds = (person: Sen2Person) => ({ ...person, childId: '', requests: person.requests.map((request) => ({ ...request, caseId: '', reference: '' })) });

describe('reading an SEN2 return back (last year’s return, as a second source for moving in)', () => {
  it('reads what the service writes, Person by Person, whatever the chunks: the same children, requests, plans, placements and needs', () => {
    const xml = file(ada, ben);
    for (const size of [7, 100, xml.length]) {
      const { persons, header } = readAll(xml, size);
      expect(persons.map((read) => withoutIds(read.person))).toEqual([withoutIds(ada), withoutIds(ben)]);
      expect(persons.every((read) => read.problems.length === 0)).toBe(true);
      expect(header).toMatchObject({ collection: 'SEN2', year: '2026', referenceDate: '2026-01-15', laCode: '999', softwareCode: 'Old system', serialNo: '7' });
    }
  });

  it('gives each Person its line, and hands Persons over as their chunk completes them, never the whole file at once', () => {
    const reader = new Sen2XmlReader();
    const xml = file(ada, ben);
    const firstEnd = xml.indexOf('</Person>') + '</Person>'.length;
    const first = reader.write(xml.slice(0, firstEnd));
    expect(first.map((read) => read.person.forename)).toEqual(['Ada']);
    expect(first[0]!.line).toBe(4);
    expect(reader.write(xml.slice(firstEnd)).map((read) => read.person.forename)).toEqual(['Ben']);
    expect(reader.end().persons).toEqual([]);
    expect(reader.count).toBe(2);
  });

  it('reports what the file gets wrong against its line, field and value: a date that is not one, an element out of place, a field twice, a code that is not one; the Person is still read', () => {
    const xml = sen2XmlStart(HEADER) +
      '<Person><Surname>Reid</Surname><Forename>Cal</Forename><PersonBirthDate>31/02/2015</PersonBirthDate><Sex>M</Sex><Sex>F</Sex><Shoe>9</Shoe>\n' +
      '<Requests><ReceivedDate>2025-03-01</ReceivedDate><RequestSource>x</RequestSource><RequestOutcome>Q</RequestOutcome>\n' +
      '<ActivePlans><SENneed><SENtype>XYZ</SENtype><SENtypeRank>1</SENtypeRank></SENneed><PlacementDetail><URN>100002</URN><PlacementRank>2</PlacementRank></PlacementDetail></ActivePlans></Requests></Person>\n' +
      SEN2_XML_END;
    const [read] = readAll(xml, 50).persons;
    expect(read!.problems).toEqual([
      { line: 4, field: 'Sex', value: 'F', why: 'Sex is given more than once in Person' },
      { line: 4, field: 'Shoe', value: '9', why: 'Shoe is not an element of Person' },
      { line: 4, field: 'PersonBirthDate', value: '31/02/2015', why: 'is not a date (YYYY-MM-DD)' },
      { line: 5, field: 'RequestSource', value: 'x', why: 'is not a whole number' },
      { line: 5, field: 'RequestOutcome', value: 'Q', why: 'is not one of Y, N, A, W, H' },
      { line: 6, field: 'PlacementRank', value: '2', why: 'the service holds the one placement a plan names (rank 1); this one is not read' },
      { line: 6, field: 'SENtype', value: 'XYZ', why: 'is not a DfE SEN type code' },
    ]);
    expect(read!.person).toMatchObject({ surname: 'Reid', sex: 'M', requests: [{ receivedDate: '2025-03-01', requestSource: null, activePlan: { needs: [], placements: [] } }] });
  });

  it('a Person read back is checked by the same DfE rules as one written: a UPN with a wrong check letter is found (SEN2 validation, UPN check letter)', () => {
    const wrong = { ...ben, upn: `${UPN[0] === 'A' ? 'B' : 'A'}${UPN.slice(1)}`, upnUnknown: null };
    const [read] = readAll(file(wrong), 1000).persons;
    const problems = validateSen2Person(read!.person, { from: isoDate('2025-01-01'), to: isoDate('2025-12-31'), censusDate: isoDate('2026-01-15') });
    expect(problems.map((problem) => problem.rule)).toContain('SEN2-P05');
  });

  it('reads a plan received from another council back as written: TransferLA and outcomes H (SEND Regs 2014 reg. 15)', () => {
    const zara: Sen2Person = {
      ...ben,
      requests: [{ ...ada.requests[0]!, requestOutcome: 'H', requestOutcomeDate: null, assessment: null, activePlan: { ...ada.requests[0]!.activePlan!, transferredIn: true, transferLa: '886' } }],
    };
    expect(withoutIds(readAll(file(zara), 64).persons[0]!.person)).toEqual(withoutIds(zara));
  });

  it('the last year’s TransferLA is read with the active plan, marking a plan that came from another council (reg. 15)', () => {
    const xml = sen2XmlStart(HEADER) + '<Person><Surname>Ahmed</Surname><Forename>Zara</Forename><PersonBirthDate>2014-06-02</PersonBirthDate><Sex>F</Sex><Requests><RequestOutcome>Y</RequestOutcome><ActivePlans><TransferLA>330</TransferLA></ActivePlans></Requests></Person>' + SEN2_XML_END;
    const [read] = readAll(xml, 1000).persons;
    expect(read!.person.requests[0]!.activePlan).toMatchObject({ transferredIn: true, transferLa: '330' });
  });

  it.each([
    ['a file that is not XML at all', '\u0000\u0001PK\u0003\u0004 binary', /not well-formed XML/],
    ['an empty file', '', /the file is empty/],
    ['XML that is not an SEN2 return', '<?xml version="1.0"?><Schools><School/></Schools>', /root element is Schools, not Message/],
    ['a return of another collection', '<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header><Persons/></Message>', /names the collection CIN, not SEN2/],
    ['a return cut short', sen2XmlStart(HEADER) + '<Person><Surname>Reid</Surname>', /not well-formed XML/],
    ['a DOCTYPE declaring an external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]><Message>&x;</Message>', /no DOCTYPE/],
  ])('refuses %s with a Sen2FileError, reading nothing', (_name, xml, message) => {
    expect(() => readAll(xml, 10)).toThrow(Sen2FileError);
    expect(() => readAll(xml, 10)).toThrow(message);
  });

  it('names the line where the XML goes wrong', () => {
    try {
      readAll(`${sen2XmlStart(HEADER)}<Person>\n<Surname>Reid</Forename></Person>${SEN2_XML_END}`, 1000);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Sen2FileError);
      expect((error as Sen2FileError).line).toBe(5);
    }
  });
});
