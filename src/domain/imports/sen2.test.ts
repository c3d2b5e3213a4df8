import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { upnCheckLetter } from '../children/upn.ts';
import { Sen2XmlReader, type Sen2ReadPerson } from '../sen2/read.ts';
import type { Sen2Person } from '../sen2/record.ts';
import { SEN2_XML_END, sen2PersonXml, sen2XmlStart } from '../sen2/xml.ts';
import { assembleChild, type ChildParts, type ChildRow } from './cases.ts';
import type { CaseFile, CaseMapping } from './mapping.ts';
import { mergeSen2, nameKey, normalisedName, Sen2Index, sen2ChildId, sen2PersonRows, withSen2ChildId, type Sen2Child } from './sen2.ts';

const TODAY = isoDate('2026-12-01');
const HEADER = { laCode: '999', censusDate: '2026-01-15', year: 2026, softwareCode: 'Old system', release: '4.2', serialNo: 7, dateTime: '2026-01-20T10:00:00' };
const UPN = `${upnCheckLetter('999201500101')}999201500101`;
const MAPPING: CaseMapping = { sourceSystem: 'CaseSys', files: {}, columns: {}, codes: {} };
const NAMES = { children: 'children.csv', people: 'people.csv', requests: 'requests.csv', assessments: 'assessments.csv', plans: 'plans.csv', reviews: 'reviews.csv', sen2: 'sen2.xml' } as Record<CaseFile, string> & { sen2: string };
const KNOWN = { officerKnown: () => false, schoolKnown: (urn: number) => urn === 140100 };

const amelia: Sen2Person = {
  childId: 'a',
  surname: 'Hughes',
  forename: 'Amélia',
  birthDate: isoDate('2015-03-14'),
  sex: 'F',
  ethnicity: null,
  postcode: 'dc1 2ab',
  upn: UPN,
  uln: null,
  upnUnknown: null,
  requests: [
    {
      caseId: 'c',
      reference: 'r',
      receivedDate: isoDate('2025-01-06'),
      requestSource: 1,
      requestOutcome: 'Y',
      requestOutcomeDate: isoDate('2025-02-24'),
      requestMediation: null,
      requestTribunal: null,
      assessment: {
        outcome: 'Y',
        outcomeDate: isoDate('2025-04-14'),
        mediation: 0,
        tribunal: 0,
        week20: 1,
        namedPlan: { startDate: isoDate('2025-05-19'), ceaseDate: null, ceaseReason: null, placements: [{ urn: 140100, senSetting: null, senSettingOther: null, placementRank: 1 }] },
      },
      activePlan: {
        transferLa: null,
        reviewMeeting: isoDate('2026-04-20'),
        reviewOutcome: 'M',
        lastReview: isoDate('2026-05-01'),
        placements: [{ urn: 140100, senSetting: null, senSettingOther: null, placementRank: 1 }],
        needs: [
          { senType: 'ASD', senTypeRank: 1 },
          { senType: 'SLCN', senTypeRank: 2 },
        ],
        transferredIn: false,
      },
    },
  ],
};

/** The Persons of a return written by the service's own writer, read back. */
function readBack(...persons: Sen2Person[]): Sen2ReadPerson[] {
  const reader = new Sen2XmlReader();
  const read = reader.write(sen2XmlStart(HEADER) + persons.map(sen2PersonXml).join('') + SEN2_XML_END);
  return [...read, ...reader.end().persons];
}

function rowsOf(person: Sen2Person): Sen2Child {
  const result = sen2PersonRows(readBack(person)[0]!, 'sen2.xml', TODAY);
  if (!result.ok) throw new Error(JSON.stringify(result.refusals));
  return result.child;
}

const csvChild: ChildRow = { line: 2, childId: 'C1001', forename: 'Amelia', surname: 'Hughes', preferredName: null, dateOfBirth: isoDate('2015-03-14'), sex: 'F', upn: null, postcode: 'DC1 2AB', schoolUrn: null };
const noParts = (): ChildParts => ({ people: [], requests: [], assessments: [], plans: [], reviews: [] });

describe('a Person of last year’s SEN2 return as the import’s rows', () => {
  it('maps the child, request, assessment outcome, plan with needs and placement, and review onto the CSV layout’s rows, keyed stably', () => {
    const child = rowsOf(amelia);
    expect(child.child).toMatchObject({ childId: `sen2:${UPN}`, forename: 'Amélia', surname: 'Hughes', dateOfBirth: '2015-03-14', sex: 'F', upn: UPN, postcode: 'DC1 2AB', line: -4 });
    const requestId = `sen2:${UPN}/2025-01-06`;
    expect(child.parts.requests).toEqual([{ line: -4, requestId, childId: `sen2:${UPN}`, receivedOn: '2025-01-06', source: 1, decision: 'assess', decisionOn: '2025-02-24', officerId: null, officerEmail: null }]);
    expect(child.parts.assessments).toEqual([{ line: -4, requestId, outcome: 'plan', outcomeOn: '2025-04-14' }]);
    // The return holds no draft's date: the draft is taken as issued the 15 days before the final (reg. 13(1)(b)).
    expect(child.parts.plans).toEqual([{ line: -4, requestId, draftIssuedOn: '2025-05-04', issuedOn: '2025-05-19', primaryNeed: 'ASD', secondaryNeed: 'SLCN', placementUrn: 140100 }]);
    expect(child.parts.reviews).toEqual([{ line: -4, reviewId: `${requestId}/2026-04-20`, requestId, meetingOn: '2026-04-20', decision: 'maintain', decidedOn: '2026-05-01' }]);
    // The rows make a child by the same rules as the CSV's.
    const assembled = assembleChild(child.child, child.parts, MAPPING, NAMES, KNOWN, TODAY);
    expect(assembled).toMatchObject({ ok: true, record: { cases: [{ stage: 'plan', closedOn: null }] } });
  });

  it('keys a child without a UPN by a digest of names and date of birth, the same from one read to the next and blind to case and accents', () => {
    const id = sen2ChildId({ upn: null, surname: 'Hughes', forename: 'Amélia', dateOfBirth: '2015-03-14' });
    expect(id).toMatch(/^sen2:[0-9a-f]{16}$/);
    expect(sen2ChildId({ upn: null, surname: ' HUGHES', forename: 'amelia', dateOfBirth: '2015-03-14' })).toBe(id);
    expect(sen2ChildId({ upn: null, surname: 'Hughes', forename: 'Amelia', dateOfBirth: '2015-03-15' })).not.toBe(id);
    expect(normalisedName("O’Brien-Smith")).toBe('obriensmith');
  });

  it('moves a child and every row of theirs under another key, as a child imported without a UPN keeps the key of their names once given one', () => {
    const child = rowsOf(amelia);
    const nameId = sen2ChildId({ upn: null, surname: 'Hughes', forename: 'Amélia', dateOfBirth: '2015-03-14' });
    const moved = withSen2ChildId(child.child, child.parts, nameId);
    const requestId = `${nameId}/2025-01-06`;
    expect(moved.child).toEqual({ ...child.child, childId: nameId });
    expect(moved.parts.requests).toEqual([expect.objectContaining({ requestId, childId: nameId })]);
    expect(moved.parts.assessments).toEqual([expect.objectContaining({ requestId })]);
    expect(moved.parts.plans).toEqual([expect.objectContaining({ requestId, issuedOn: '2025-05-19' })]);
    expect(moved.parts.reviews).toEqual([expect.objectContaining({ requestId, reviewId: `${requestId}/2026-04-20` })]);
    // The child as it was is left as it was.
    expect(child.parts.requests[0]!.requestId).toBe(`sen2:${UPN}/2025-01-06`);
  });

  it('refuses a Person whose UPN has a wrong check letter, with the return’s line, element and value', () => {
    const wrong = `${upnCheckLetter('999201500101') === 'A' ? 'B' : 'A'}999201500101`;
    const result = sen2PersonRows(readBack({ ...amelia, upn: wrong })[0]!, 'sen2.xml', TODAY);
    expect(result).toMatchObject({ ok: false, refusals: [{ file: 'sen2.xml', line: 4, field: 'UPN', value: wrong, why: expect.stringContaining('check letter') }] });
  });

  it('refuses what the file gets wrong and what the rules refuse: a need that is no code, a request without its source, a date in the future', () => {
    const [request] = amelia.requests;
    const person: Sen2Person = {
      ...amelia,
      birthDate: isoDate('2027-01-01'),
      requests: [{ ...request!, requestSource: null, activePlan: { ...request!.activePlan!, needs: [{ senType: 'XYZ' as never, senTypeRank: 1 }] } }],
    };
    const result = sen2PersonRows(readBack(person)[0]!, 'sen2.xml', TODAY);
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.refusals.map((refusal) => refusal.field);
    expect(fields).toEqual(expect.arrayContaining(['SENtype', 'RequestSource', 'PersonBirthDate']));
  });

  it('leaves out a withdrawn request, counting it', () => {
    const [request] = amelia.requests;
    const child = rowsOf({ ...amelia, requests: [{ ...request!, requestOutcome: 'W', assessment: null, activePlan: null }] });
    expect(child.parts.requests).toEqual([]);
    expect(child.skipped).toBe(1);
  });

  it('reports a row taken from the return against the return when the rules refuse it (a plan’s placement not in the schools register)', () => {
    const child = rowsOf(amelia);
    const assembled = assembleChild(child.child, child.parts, MAPPING, NAMES, { ...KNOWN, schoolKnown: () => false }, TODAY);
    expect(assembled).toMatchObject({ ok: false, refusals: [{ file: 'sen2.xml', line: 4, field: 'URN', value: '140100', why: expect.stringContaining('schools register') }] });
  });
});

describe('a child in both the CSV files and the SEN2 return', () => {
  const sen2 = () => rowsOf(amelia);

  it('fills only what the CSV lacks: a missing UPN, and a request’s missing plan with its needs and placement', () => {
    const parts = noParts();
    parts.requests.push({ line: 2, requestId: 'R1', childId: 'C1001', receivedOn: isoDate('2025-01-06'), source: 2, decision: 'assess', decisionOn: isoDate('2025-02-20'), officerId: null, officerEmail: null });
    const merged = mergeSen2({ child: csvChild, parts }, sen2());
    expect(merged.child).toMatchObject({ childId: 'C1001', forename: 'Amelia', upn: UPN, postcode: 'DC1 2AB' });
    // The CSV's request stands: its source and decision date are kept.
    expect(merged.parts.requests).toEqual([parts.requests[0]]);
    expect(merged.parts.assessments).toEqual([{ line: -4, requestId: 'R1', outcome: 'plan', outcomeOn: '2025-04-14' }]);
    expect(merged.parts.plans).toEqual([expect.objectContaining({ requestId: 'R1', primaryNeed: 'ASD', secondaryNeed: 'SLCN', placementUrn: 140100 })]);
    expect(merged.parts.reviews).toEqual([expect.objectContaining({ requestId: 'R1', reviewId: 'R1/sen2/2026-04-20' })]);
    expect(merged.filled).toEqual(['upn', 'R1/assessment', 'R1/plan', 'R1/reviews']);
  });

  it('lets the CSV win wherever both give a value: the UPN, the plan’s needs and placement, the reviews', () => {
    const otherUpn = `${upnCheckLetter('999201500102')}999201500102`;
    const parts = noParts();
    parts.requests.push({ line: 2, requestId: 'R1', childId: 'C1001', receivedOn: isoDate('2025-01-06'), source: 2, decision: 'assess', decisionOn: isoDate('2025-02-20'), officerId: null, officerEmail: null });
    parts.assessments.push({ line: 2, requestId: 'R1', outcome: 'plan', outcomeOn: isoDate('2025-04-10') });
    parts.plans.push({ line: 2, requestId: 'R1', draftIssuedOn: isoDate('2025-04-20'), issuedOn: null, primaryNeed: 'SEMH', secondaryNeed: null, placementUrn: null });
    parts.reviews.push({ line: 2, reviewId: 'AR1', requestId: 'R1', meetingOn: isoDate('2026-04-01'), decision: null, decidedOn: null });
    const merged = mergeSen2({ child: { ...csvChild, upn: otherUpn }, parts }, sen2());
    expect(merged.child.upn).toBe(otherUpn);
    expect(merged.parts.assessments).toEqual(parts.assessments);
    // The plan's primary need stands; its final date and placement, which the CSV lacks, come from the return.
    expect(merged.parts.plans).toEqual([{ line: 2, requestId: 'R1', draftIssuedOn: '2025-04-20', issuedOn: '2025-05-19', primaryNeed: 'SEMH', secondaryNeed: null, placementUrn: 140100 }]);
    expect(merged.parts.reviews).toEqual(parts.reviews);
    expect(merged.filled).toEqual(['R1/issued_on', 'R1/placement_urn']);
  });

  it('adds a request of the return the CSV does not have, under the return’s own id', () => {
    const merged = mergeSen2({ child: csvChild, parts: noParts() }, sen2());
    expect(merged.parts.requests).toEqual([expect.objectContaining({ requestId: `sen2:${UPN}/2025-01-06`, childId: 'C1001', receivedOn: '2025-01-06' })]);
    expect(merged.filled).toEqual(['upn', `sen2:${UPN}/2025-01-06`]);
  });
});

describe('matching a child of the CSV files to the SEN2 return', () => {
  const entry = (line: number) => ({ line });

  it('matches by UPN, else by surname, forename and date of birth; never two children to one Person', () => {
    const index = new Sen2Index<{ line: number }>();
    const byUpn = entry(3);
    const byName = entry(9);
    expect(index.add(byUpn, { upn: UPN, name: nameKey({ surname: 'Hughes', forename: 'Amelia', dateOfBirth: '2015-03-14' }) })).toBeUndefined();
    expect(index.add(byName, { upn: null, name: nameKey({ surname: 'Brown', forename: 'Isla', dateOfBirth: '2019-01-09' }) })).toBeUndefined();
    expect(index.take({ upn: UPN, name: 'x' })).toBe(byUpn);
    expect(index.take({ upn: UPN, name: 'x' })).toBeUndefined();
    expect(index.take({ upn: null, name: nameKey({ surname: 'BROWN ', forename: 'isla', dateOfBirth: '2019-01-09' }) })).toBe(byName);
    expect(index.untaken()).toEqual([]);
  });

  it('does not match by name where both give a UPN and they differ, and reports a Person of the same child again', () => {
    const index = new Sen2Index<{ line: number }>();
    const name = nameKey({ surname: 'Hughes', forename: 'Amelia', dateOfBirth: '2015-03-14' });
    const first = entry(3);
    index.add(first, { upn: UPN, name });
    expect(index.take({ upn: 'X999999999999', name })).toBeUndefined();
    expect(index.add(entry(12), { upn: UPN, name: null })).toBe(3);
    expect(index.add(entry(15), { upn: null, name })).toBe(3);
    expect(index.untaken()).toEqual([first]);
  });
});
