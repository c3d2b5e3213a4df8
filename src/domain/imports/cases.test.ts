import { describe, expect, it } from 'vitest';
import { isoDate, type IsoDate } from '../calendar/dates.ts';
import { assembleChild, parseRow, type ChildParts, type ChildRow, type ImportRefusal, type PlanRow, type RequestRow, type ReviewRow } from './cases.ts';
import { checkMapping, codeOf, readHeader, type CaseFile, type CaseMapping } from './mapping.ts';

const TODAY = isoDate('2026-12-01');
const MAPPING: CaseMapping = {
  sourceSystem: 'CaseSys',
  files: {},
  columns: { children: { child_id: 'Child Ref', date_of_birth: 'DOB', sex: 'Gender' } },
  codes: { sex: { '1': 'M', '2': 'F' }, need: { AUT: 'ASD' } },
};
const NAMES = { officers: 'officers.csv', children: 'children.csv', people: 'people.csv', requests: 'requests.csv', assessments: 'assessments.csv', plans: 'plans.csv', reviews: 'reviews.csv' } as Record<CaseFile, string>;
const KNOWN = { officerKnown: (email: string) => email === 'officer@council.example', schoolKnown: (urn: number) => urn === 140100 };

function parse(file: CaseFile, headings: string[], cells: string[], mapping: CaseMapping = MAPPING) {
  return parseRow(file, NAMES[file], mapping, readHeader(mapping, file, headings), cells, 2, TODAY);
}
const refusalsOf = (result: { ok: boolean; refusals?: ImportRefusal[] }) => (result.ok ? [] : result.refusals!.map((refusal) => [refusal.field, refusal.value, refusal.why]));

describe('the mapping file', () => {
  it('needs the source system and refuses columns and codes that are not ours, saying which', () => {
    expect(checkMapping({ sourceSystem: 'CaseSys' })).toMatchObject({ ok: true, mapping: { sourceSystem: 'CaseSys', files: {}, columns: {}, codes: {} } });
    expect(checkMapping({})).toMatchObject({ ok: false, problems: [expect.stringContaining('sourceSystem is missing')] });
    expect(checkMapping({ sourceSystem: 'X', columns: { children: { shoe_size: 'Shoes' } }, codes: { need: { AUT: 'AUTISM' } } })).toEqual({
      ok: false,
      problems: [expect.stringContaining('columns.children: shoe_size is not a column of children'), 'codes.need: "AUT" maps to AUTISM, which is not one of SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, DS, OTH'],
    });
    expect(checkMapping({ sourceSystem: 'X', tables: {} })).toMatchObject({ ok: false });
  });

  it('maps a council’s codes onto ours, case ignored, and knows our own codes without a mapping', () => {
    expect(codeOf(MAPPING, 'sex', '2')).toBe('F');
    expect(codeOf(MAPPING, 'sex', 'f')).toBe('F');
    expect(codeOf(MAPPING, 'need', 'aut')).toBe('ASD');
    expect(codeOf(MAPPING, 'need', 'SEMH')).toBe('SEMH');
    expect(codeOf(MAPPING, 'need', 'AUTISM')).toBeUndefined();
    expect(codeOf(MAPPING, 'yesNo', 'Y')).toBe('yes');
    expect(codeOf(MAPPING, 'source', '3')).toBe('3');
  });

  it('finds each column by the council’s heading, case and spaces ignored, and names the required ones missing', () => {
    expect(readHeader(MAPPING, 'children', [' child ref ', 'forename', 'SURNAME', 'dob', 'Gender', 'upn'])).toEqual({ positions: { child_id: 0, forename: 1, surname: 2, date_of_birth: 3, sex: 4, upn: 5 }, missingRequired: [] });
    expect(readHeader(MAPPING, 'children', ['Child Ref', 'forename']).missingRequired).toEqual(['surname', 'DOB', 'Gender']);
  });
});

describe('reading a row', () => {
  const CHILD = ['Child Ref', 'forename', 'surname', 'DOB', 'Gender', 'upn', 'postcode', 'school_urn'];

  it('reads a child: dates as dd/mm/yyyy, codes mapped, a UPN checked, a postcode standardised', () => {
    expect(parse('children', CHILD, ['C1', ' Amelia ', 'Hughes', '14/03/2015', '2', 'b999201500101', 'dc12ab', '140100'])).toEqual({
      ok: true,
      row: { line: 2, childId: 'C1', forename: 'Amelia', surname: 'Hughes', preferredName: null, dateOfBirth: '2015-03-14', sex: 'F', upn: 'B999201500101', postcode: 'DC1 2AB', schoolUrn: 140100 },
    });
  });

  it('refuses every wrong cell of a row at once: a date that does not exist, an unknown code, a UPN with a wrong check letter', () => {
    expect(refusalsOf(parse('children', CHILD, ['C 1', '', 'Hughes', '31/02/2015', '7', 'A999201500101', 'NOT A POSTCODE', '12345']))).toEqual([
      ['Child Ref', 'C 1', 'is not an id (letters, digits and . _ -, up to 100)'],
      ['forename', '', 'is empty'],
      ['DOB', '31/02/2015', 'is not a date (dd/mm/yyyy)'],
      ['Gender', '7', "is not a known code: add it to the mapping file's codes.sex"],
      ['upn', 'A999201500101', 'is not a UPN: The UPN’s check letter does not match: check it for typing mistakes'],
      ['postcode', 'NOT A POSTCODE', 'is not a UK postcode'],
      ['school_urn', '12345', 'is not a URN (six digits)'],
    ]);
  });

  it('refuses a date to come, a decision without its date, and a decision dated before the request', () => {
    const headings = ['request_id', 'child_id', 'received_on', 'source', 'decision', 'decision_on'];
    expect(refusalsOf(parse('requests', headings, ['R1', 'C1', '02/12/2026', '1', '', '']))).toEqual([['received_on', '02/12/2026', 'is in the future']]);
    expect(refusalsOf(parse('requests', headings, ['R1', 'C1', '01/10/2026', '1', 'assess', '']))).toEqual([['decision_on', '', 'is empty: a decision needs its date']]);
    expect(refusalsOf(parse('requests', headings, ['R1', 'C1', '01/10/2026', '1', 'assess', '2026-09-30']))).toEqual([['decision_on', '2026-09-30', 'is before the request was received (2026-10-01)']]);
  });

  it('needs a final plan’s primary need, and a secondary need other than it', () => {
    const headings = ['request_id', 'draft_issued_on', 'issued_on', 'primary_need', 'secondary_need'];
    expect(refusalsOf(parse('plans', headings, ['R1', '01/05/2026', '01/06/2026', '', '']))).toEqual([['primary_need', '', 'is empty: a final plan names the primary need']]);
    expect(refusalsOf(parse('plans', headings, ['R1', '01/05/2026', '01/06/2026', 'AUT', 'ASD']))).toEqual([['secondary_need', 'ASD', 'is the primary need again']]);
  });
});

const child: ChildRow = { line: 2, childId: 'C1', forename: 'Amelia', surname: 'Hughes', preferredName: null, dateOfBirth: isoDate('2015-03-14'), sex: 'F', upn: null, postcode: null, schoolUrn: null };
const request = (overrides: Partial<RequestRow> = {}): RequestRow => ({ line: 2, requestId: 'R1', childId: 'C1', receivedOn: isoDate('2026-01-05'), source: 1, decision: null, decisionOn: null, officerId: null, officerEmail: null, ...overrides });
const plan = (overrides: Partial<PlanRow> = {}): PlanRow => ({ line: 2, requestId: 'R1', draftIssuedOn: isoDate('2026-04-27'), issuedOn: isoDate('2026-05-18'), primaryNeed: 'ASD', secondaryNeed: null, placementUrn: 140100, ...overrides });
const review = (overrides: Partial<ReviewRow> = {}): ReviewRow => ({ line: 2, reviewId: 'V1', requestId: 'R1', meetingOn: isoDate('2026-11-02'), decision: null, decidedOn: null, ...overrides });
const parts = (overrides: Partial<ChildParts> = {}): ChildParts => ({ people: [], requests: [request()], assessments: [], plans: [], reviews: [], ...overrides });
const assemble = (given: ChildParts, today: IsoDate = TODAY) => assembleChild(child, given, MAPPING, NAMES, KNOWN, today);

describe('a child whole', () => {
  it('makes each request a case whose events are the catalogue’s, dated as they happened, with the stage and deadlines they give', () => {
    const result = assemble(
      parts({
        requests: [request({ decision: 'assess', decisionOn: isoDate('2026-02-09'), officerEmail: 'officer@council.example' })],
        assessments: [{ line: 2, requestId: 'R1', outcome: 'plan', outcomeOn: isoDate('2026-04-20') }],
        plans: [plan()],
        reviews: [review()],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [found] = result.record.cases;
    expect(found!.events.map((event) => [event.key, event.occurredOn])).toEqual([
      ['request.received', '2026-01-05'],
      ['assessment.agreed', '2026-02-09'],
      ['plan.agreed', '2026-04-20'],
      ['draft.issued', '2026-04-27'],
      ['plan.issued', '2026-05-18'],
      ['review.held:V1', '2026-11-02'],
    ]);
    expect(found).toMatchObject({ stage: 'review', closedOn: null, plan: { needs: [{ type: 'ASD', primary: true }], placementUrn: 140100 } });
    // SEND Regs 2014 reg. 5(1) and 13(2): 6 weeks to decide, 20 weeks to the final plan, each met on its day.
    expect(found!.deadlines.find((deadline) => deadline.id === 'decision-to-assess')).toMatchObject({ due: '2026-02-16', met: '2026-02-09' });
    expect(found!.deadlines.find((deadline) => deadline.id === 'final-plan')).toMatchObject({ due: '2026-05-25', met: '2026-05-18' });
    // SEND Regs 2014 reg. 20(10): the decision within 4 weeks of the review meeting.
    expect(found!.deadlines.find((deadline) => deadline.id === 'review-decision')).toMatchObject({ due: '2026-11-30' });
  });

  it('refuses a final plan before the family’s 15 days on the draft (SEND Regs 2014 reg. 13(1)(a)), on the plan’s row', () => {
    const result = assemble(parts({ requests: [request({ decision: 'assess', decisionOn: isoDate('2026-02-09') })], plans: [plan({ issuedOn: isoDate('2026-05-05') })] }));
    expect(result).toMatchObject({ ok: false, refusals: [{ file: 'plans.csv', field: 'issued_on', value: '2026-05-05', why: expect.stringContaining('at least 15 days') }] });
  });

  it('refuses a plan on a request nobody decided to assess, a request before the birth, an unknown officer and school', () => {
    const result = assemble(parts({ requests: [request({ receivedOn: isoDate('2015-01-05'), officerEmail: 'nobody@council.example' })], plans: [plan({ placementUrn: 123456 })] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusals.map((refusal) => [refusal.file, refusal.field, refusal.why.slice(0, 40)])).toEqual([
      ['requests.csv', 'received_on', 'is before the child’s date of birth (201'],
      ['requests.csv', 'officer_email', 'is not a staff account of the council: c'],
      ['plans.csv', 'placement_urn', 'is not in the schools register: import t'],
      ['plans.csv', 'draft_issued_on', 'cannot stand in the case’s history: “Dra'],
    ]);
  });

  it('refuses a second open case, a review left undecided before another, and a row naming another child’s request', () => {
    const twoOpen = assemble(parts({ requests: [request(), request({ requestId: 'R2', line: 3, receivedOn: isoDate('2026-06-01') })] }));
    expect(twoOpen).toMatchObject({ ok: false, refusals: [{ field: 'request_id', value: 'R2', why: expect.stringContaining('second open case') }] });
    const decided = request({ decision: 'assess', decisionOn: isoDate('2026-02-09') });
    const reviews = assemble(parts({ requests: [decided], plans: [plan()], reviews: [review({ meetingOn: isoDate('2026-06-01') }), review({ reviewId: 'V2', line: 3 })] }));
    expect(reviews).toMatchObject({ ok: false, refusals: [{ file: 'reviews.csv', field: 'decision', why: expect.stringContaining('each review but the last has its decision') }] });
    const stray = assemble(parts({ assessments: [{ line: 4, requestId: 'R9', outcome: 'plan', outcomeOn: isoDate('2026-04-20') }] }));
    expect(stray).toMatchObject({ ok: false, refusals: [{ file: 'assessments.csv', line: 4, value: 'R9', why: 'is not a request of this child in requests.csv' }] });
  });

  it('closes a case whose request was refused, with no duty left running', () => {
    const result = assemble(parts({ requests: [request({ decision: 'refuse', decisionOn: isoDate('2026-02-09') })] }));
    expect(result).toMatchObject({ ok: true, record: { cases: [{ stage: 'closed', closedOn: '2026-02-09' }] } });
  });

  it('names the officer by the old system’s id (officers.csv) or by e-mail; refuses an id not in officers.csv, an officer whose row is refused, and an e-mail that is not that officer’s', () => {
    const lookups = { ...KNOWN, officerById: (id: string) => (id === 'O1' ? { email: 'officer@council.example' } : id === 'O2' ? ('refused' as const) : undefined) };
    const byId = (overrides: Partial<RequestRow>) => assembleChild(child, parts({ requests: [request(overrides)] }), MAPPING, NAMES, lookups, TODAY);
    expect(byId({ officerId: 'O1' })).toMatchObject({ ok: true, record: { cases: [{ officerEmail: 'officer@council.example' }] } });
    expect(byId({ officerEmail: 'officer@council.example' })).toMatchObject({ ok: true, record: { cases: [{ officerEmail: 'officer@council.example' }] } });
    const why = (result: ReturnType<typeof byId>) => (result.ok ? [] : result.refusals.map((refusal) => [refusal.field, refusal.value, refusal.why]));
    expect(why(byId({ officerId: 'O9' }))).toEqual([['officer_id', 'O9', 'is not an officer in officers.csv: add their row, or name the officer by e-mail']]);
    expect(why(byId({ officerId: 'O2' }))).toEqual([['officer_id', 'O2', 'is an officer whose row in officers.csv is refused']]);
    expect(why(byId({ officerId: 'O1', officerEmail: 'other@council.example' }))).toEqual([['officer_email', 'other@council.example', 'is not the e-mail of officer O1 in officers.csv (officer@council.example)']]);
  });
});
