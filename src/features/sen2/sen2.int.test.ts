// The SEN2 return (issue parts 3, 4 and 6): for a council whose cases were made through the
// services with known dates, every figure of the return, counted from the XML written, equals the
// answer the test works out from the cases it made (not from the service's own query); a council
// whose records lack what SEN2 needs has every such child listed with the rule, and in the file.
import { sql } from 'drizzle-orm';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aMaintainedPlan, anOfficer, aSchool, aTeam, councilDetailsSet, type TestTeam } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, signIn } from '../../test/http.ts';
import { listListAccessBy } from '../audit/index.ts';
import { childrenPaths } from '../children/index.ts';
import { sen2Paths } from './paths.ts';

// Monday 25 January 2027; the census date Thursday 21 January 2027, so the year is 2026.
const clock = fixedClock('2027-01-25T10:00:00Z');
const CENSUS = '2027-01-21';
let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

/** A small XML tree: the return has no attributes, so elements and text are all there is. */
interface Node {
  name: string;
  text: string;
  children: Node[];
}
function parse(xml: string): Node {
  const root: Node = { name: '#root', text: '', children: [] };
  const stack = [root];
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const pattern = /<(\/?)([A-Za-z0-9]+)>|([^<]+)/g;
  for (const match of body.matchAll(pattern)) {
    const top = stack.at(-1)!;
    if (match[3] !== undefined) {
      top.text += match[3].trim();
    } else if (match[1]) {
      if (top.name !== match[2]) throw new Error(`</${match[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const node = { name: match[2]!, text: '', children: [] };
      top.children.push(node);
      stack.push(node);
    }
  }
  if (stack.length !== 1) throw new Error('the XML is not closed');
  return root.children[0]!;
}
const all = (node: Node, name: string): Node[] => node.children.filter((child) => child.name === name);
const one = (node: Node, name: string): Node | undefined => node.children.find((child) => child.name === name);
const value = (node: Node | undefined, name: string) => (node ? one(node, name)?.text : undefined);

async function exported(actor: TestTeam['manager']['actor'], censusDate = CENSUS) {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  const result = await testApp.services.sen2.export(actor, censusDate, out);
  return { result, xml: Buffer.concat(chunks).toString('utf8') };
}

type Kind = 'refused' | 'assessing' | 'on-time' | 'late' | 'ceased' | 'old' | 'after-census';

describe('a council’s SEN2 return, counted against the cases made', () => {
  let team: TestTeam;
  const made: { kind: Kind; childId: string; caseId: string }[] = [];

  beforeAll(async () => {
    team = await aTeam(testApp);
    const councilApp = { ...testApp, authorityId: team.council.id };
    const actor = team.manager.actor;
    // The refusal notices name the council's information and advice service.
    const admin = await anOfficer(testApp, { authorityId: team.council.id, role: 'admin' });
    await councilDetailsSet(testApp, admin.actor);
    // Twice each kind but the rarer, the days varied so no two children share a date.
    const kinds: Kind[] = ['refused', 'refused', 'refused', 'assessing', 'assessing', 'on-time', 'on-time', 'late', 'ceased', 'old', 'after-census'];
    for (const [index, kind] of kinds.entries()) {
      const day = String(index + 2).padStart(2, '0');
      let created: { childId: string; caseId: string; planId?: string };
      if (kind === 'refused') created = await aCase(councilApp, actor, { stage: 'closed', receivedOn: `2026-03-${day}`, stepDates: { 'assessment.refused': `2026-04-${day}` } });
      else if (kind === 'assessing') created = await aCase(councilApp, actor, { stage: 'assessment', source: 2, receivedOn: `2026-10-${day}`, stepDates: { 'assessment.agreed': `2026-11-${day}` } });
      else if (kind === 'on-time') created = await aMaintainedPlan(councilApp, actor, { draftIssuedOn: `2026-08-${day}`, finalIssuedOn: `2026-09-${day}` });
      else if (kind === 'late' || kind === 'ceased') created = await aMaintainedPlan(councilApp, actor);
      else if (kind === 'old') created = await aCase(councilApp, actor, { stage: 'closed', receivedOn: '2025-02-03', stepDates: { 'assessment.refused': '2025-03-03' } });
      else created = await aCase(councilApp, actor, { receivedOn: '2027-01-22' });
      if (kind === 'ceased') {
        const changes = testApp.services.planChanges;
        const cease = await changes.startCeasing(actor, created.planId!);
        await changes.recordResponse(actor, cease.result.changeId, { party: 'parent', askedOn: '2026-10-08', answeredOn: '2026-10-09', answer: 'We agree.' });
        await changes.recordResponse(actor, cease.result.changeId, { party: 'head-teacher', askedOn: '2026-10-08', answeredOn: '2026-10-09', answer: 'Needs met from SEN support.' });
        await changes.decideToCease(actor, cease.result.changeId, { decidedOn: '2026-10-12', reasonCode: '2', reasons: 'Outcomes met.', institutionEmail: 'senco@school.example', commissioningBodyEmail: 'send@icb.example' });
        await changes.cease(actor, cease.result.changeId);
      }
      made.push({ kind, childId: created.childId, caseId: created.caseId });
    }
    // Ethnicity has no form yet: the council's records hold it as the data import left it.
    await testApp.database.db.execute(sql`UPDATE child SET ethnicity = 'WBRI' WHERE authority_id = ${team.council.id}`);
  });

  it('DfE SEN2 guide: every figure equals the answer worked out from the cases made, and the return passes every check', async () => {
    const { result, xml } = await exported(team.manager.actor);
    const message = parse(xml);
    const persons = all(one(message, 'Persons')!, 'Person');
    const requests = persons.flatMap((person) => all(person, 'Requests'));
    const inYear = (date: string | undefined) => !!date && date >= '2026-01-01' && date <= '2026-12-31';
    const count = (kinds: Kind[]) => made.filter((entry) => kinds.includes(entry.kind)).length;

    // Children not in the return: a request refused in 2025, and one received after the census date.
    expect(persons).toHaveLength(count(['refused', 'assessing', 'on-time', 'late', 'ceased']));
    expect(requests.filter((request) => inYear(value(request, 'ReceivedDate')))).toHaveLength(count(['refused', 'assessing', 'on-time', 'late', 'ceased']));
    expect(requests.filter((request) => value(request, 'RequestOutcome') === 'N')).toHaveLength(count(['refused']));
    expect(requests.filter((request) => value(request, 'RequestOutcome') === 'Y')).toHaveLength(count(['assessing', 'on-time', 'late', 'ceased']));
    const assessments = requests.flatMap((request) => all(request, 'Assessment'));
    expect(assessments.filter((assessment) => value(assessment, 'AssessmentOutcome') === 'A')).toHaveLength(count(['assessing']));
    expect(assessments.filter((assessment) => value(assessment, 'AssessmentOutcome') === 'Y')).toHaveLength(count(['on-time', 'late', 'ceased']));
    // Reg. 13(2): received 1 May 2026, the 20 weeks end on 18 September; the on-time plans were issued in early September, the others on 5 October.
    expect(assessments.filter((assessment) => value(assessment, 'Week20') === '1')).toHaveLength(count(['on-time']));
    expect(assessments.filter((assessment) => value(assessment, 'Week20') === '0')).toHaveLength(count(['late', 'ceased']));
    expect(assessments.filter((assessment) => one(assessment, 'Week20') && !one(assessment, 'NamedPlan'))).toHaveLength(0);
    const namedPlans = assessments.flatMap((assessment) => all(assessment, 'NamedPlan'));
    expect(namedPlans.filter((plan) => inYear(value(plan, 'StartDate')))).toHaveLength(count(['on-time', 'late', 'ceased']));
    const ceased = namedPlans.filter((plan) => one(plan, 'CeaseDate'));
    expect(ceased).toHaveLength(count(['ceased']));
    expect(ceased.map((plan) => value(plan, 'CeaseReason'))).toEqual(['2']);
    expect(namedPlans.every((plan) => value(one(plan, 'PlanDetail'), 'URN'))).toBe(true);
    const active = requests.flatMap((request) => all(request, 'ActivePlans'));
    expect(active).toHaveLength(count(['on-time', 'late']));
    expect(active.every((plan) => all(plan, 'SENneed').filter((need) => value(need, 'SENtypeRank') === '1').length === 1 && value(one(plan, 'PlacementDetail'), 'URN'))).toBe(true);
    expect(requests.filter((request) => value(request, 'RequestSource') === '2')).toHaveLength(count(['assessing']));

    // The page's figures agree with the file's.
    expect(result.counts).toMatchObject({
      persons: persons.length,
      requestsReceived: count(['refused', 'assessing', 'on-time', 'late', 'ceased']),
      requestsRefused: count(['refused']),
      requestsAgreed: count(['assessing', 'on-time', 'late', 'ceased']),
      assessmentsToPlan: count(['on-time', 'late', 'ceased']),
      plansIssued: count(['on-time', 'late', 'ceased']),
      plansIssuedWithin20Weeks: count(['on-time']),
      activePlans: count(['on-time', 'late']),
      plansCeased: count(['ceased']),
    });
    expect(result.problems).toBe(0);
    expect(value(one(one(message, 'Header')!, 'Source'), 'LEA')).toBe(team.council.laCode);
    expect(value(one(one(message, 'Header')!, 'CollectionDetails'), 'ReferenceDate')).toBe(CENSUS);
  });

  it('the children in a file go to the log of lists shown', async () => {
    await exported(team.manager.actor);
    const logged = await listListAccessBy(testApp.database.db, team.council.id, team.manager.user.id);
    expect(logged.some((entry) => entry.view === 'sen2-return' && entry.childIds.length === made.length - 2)).toBe(true);
  });

  it('a census date in the future or not a date is refused with a clear message; a case officer may not make the return', async () => {
    await expect(exported(team.manager.actor, '2027-02-01')).rejects.toThrow(ValidationError);
    await expect(testApp.services.sen2.report(team.manager.actor, '2026-02-30')).rejects.toMatchObject({ problems: [{ field: 'censusDate', message: 'The census date must be a real date, for example 15 1 2026' }] });
    await expect(testApp.services.sen2.report(team.officer.actor, CENSUS)).rejects.toThrow(ForbiddenError);
  });
});

describe('a council whose records lack what SEN2 needs', () => {
  let team: TestTeam;
  let plain: { childId: string; caseId: string; reference: string };
  let moved: { childId: string; caseId: string };
  let stepped: { childId: string; caseId: string; reference: string };

  beforeAll(async () => {
    team = await aTeam(testApp);
    const councilApp = { ...testApp, authorityId: team.council.id };
    const actor = team.officer.actor;
    // A plan recorded as a step, with no plan written here: no needs, no placement; no UPN, no ethnicity.
    plain = await aCase(councilApp, actor, { stage: 'plan', receivedOn: '2026-02-02', child: { forename: 'Nia', surname: 'Missing', upn: undefined } });
    // A plan received from another council (reg. 15) for a child whose earlier request here was
    // refused in 2025, recorded without its papers' details: no ReceivedDate, RequestSource,
    // TransferLA, needs or placement.
    const earlier = await aCase(councilApp, actor, { stage: 'closed', receivedOn: '2025-02-03', stepDates: { 'assessment.refused': '2025-03-03' }, child: { forename: 'Tariq', surname: 'Moved' } });
    const transfer = await testApp.services.transfers.recordTransferIn(actor, earlier.childId, { oldCouncil: 'Westmoor Borough Council', moveDate: '2026-09-01', planReceivedOn: '2026-09-03', lastReviewOn: '2026-03-10' });
    moved = { childId: earlier.childId, caseId: transfer.result.caseId };
    // The child's details complete (UPN and ethnicity), the plan recorded as a step.
    stepped = await aCase(councilApp, actor, { stage: 'plan', receivedOn: '2026-03-02', child: { forename: 'Omar', surname: 'Stepped' } });
    const { version } = (await testApp.services.children.childRecord(actor, stepped.childId)).child;
    await testApp.services.children.changeChildDetails(actor, stepped.childId, { version, ethnicity: 'BAFR' });
  });

  it('lists each child under each rule failed, linking to the record, and keeps every child in the file', async () => {
    const result = await testApp.services.sen2.report(team.manager.actor, CENSUS);
    const listed = Object.fromEntries(result.groups.map((group) => [group.rule, group.entries.map((entry) => entry.childName).sort()]));
    expect(listed).toEqual({
      'SEN2-P04': ['Nia Missing', 'Tariq Moved'],
      'SEN2-P05': ['Nia Missing'],
      'SEN2-R01': ['Tariq Moved'],
      'SEN2-R02': ['Tariq Moved'],
      'SEN2-S01': ['Nia Missing', 'Omar Stepped', 'Tariq Moved'],
      'SEN2-S02': ['Nia Missing', 'Omar Stepped', 'Tariq Moved'],
      'SEN2-T01': ['Tariq Moved'],
    });
    expect(result.childrenWithProblems).toBe(3);
    expect(result.problems).toBe(12);
    const entriesOf = (rule: string) => result.groups.find((group) => group.rule === rule)!.entries;
    expect(entriesOf('SEN2-S02').find((entry) => entry.childId === plain.childId)).toEqual({ childId: plain.childId, childName: 'Nia Missing', caseId: plain.caseId, reference: plain.reference, message: 'The plan in force names no placement in section I' });
    expect(entriesOf('SEN2-S01').find((entry) => entry.childId === stepped.childId)).toMatchObject({ caseId: stepped.caseId, reference: stepped.reference, message: 'The plan in force records no primary need (section B)' });
    // The child's own details name no case; the transferred plan's request is its own case's.
    expect(entriesOf('SEN2-P04').every((entry) => entry.caseId === null && entry.reference === null)).toBe(true);
    expect(entriesOf('SEN2-R01')).toEqual([expect.objectContaining({ childId: moved.childId, caseId: moved.caseId, message: 'The plan was transferred in from another council and no request for it is recorded here: its ReceivedDate is not known' })]);
    const { xml } = await exported(team.manager.actor);
    const persons = all(one(parse(xml), 'Persons')!, 'Person');
    expect(persons.map((person) => value(person, 'Surname')).sort()).toEqual(['Missing', 'Moved', 'Stepped']);
  });

  it('the page: the census date form, its errors, the report by rule with links to the record, and the download', async () => {
    const jar = await signIn(testApp.app, team.manager.user.email, team.manager.password);
    const empty = await getPage(testApp.app, jar, sen2Paths.page);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Census date');

    const future = await getPage(testApp.app, jar, `${sen2Paths.page}?censusDate-day=1&censusDate-month=2&censusDate-year=2027`);
    expect(future.statusCode).toBe(400);
    expect(errorSummaryOf(future.body)).toEqual([{ href: '#censusDate-day', text: 'The census date must be today or in the past' }]);
    const notADate = await getPage(testApp.app, jar, `${sen2Paths.page}?censusDate-day=31&censusDate-month=2&censusDate-year=2027`);
    expect(notADate.statusCode).toBe(400);

    const report = await getPage(testApp.app, jar, sen2Paths.report(CENSUS));
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('SEN2-S02');
    expect(report.body).toContain(`href="${childrenPaths.record(plain.childId)}"`);

    const file = await testApp.app.inject({ method: 'GET', url: sen2Paths.file(CENSUS), headers: { cookie: jar.header() } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(file.headers['content-disposition']).toContain(`SEN2_${team.council.laCode}_${CENSUS}.xml`);
    expect(file.body).toContain('<Surname>Missing</Surname>');

    const officer = await signIn(testApp.app, team.officer.user.email, team.officer.password);
    expect((await getPage(testApp.app, officer, sen2Paths.report(CENSUS))).statusCode).toBe(403);
  });
});

describe('a plan received from another council with its papers’ details (SEND Regs 2014 reg. 15)', () => {
  it('DfE SEN2 guide: passes every check, its Requests the original ReceivedDate and RequestSource with RequestOutcome and AssessmentOutcome H (historical), ActivePlans its TransferLA, SENneed and PlacementDetail; not counted as a request received or a plan issued here', async () => {
    const team = await aTeam(testApp);
    const councilApp = { ...testApp, authorityId: team.council.id };
    const actor = team.officer.actor;
    const school = await aSchool(testApp.database.db);
    const earlier = await aCase(councilApp, actor, { stage: 'closed', receivedOn: '2025-02-03', stepDates: { 'assessment.refused': '2025-03-03' }, child: { forename: 'Ines', surname: 'Arrived' } });
    const { version } = (await testApp.services.children.childRecord(actor, earlier.childId)).child;
    await testApp.services.children.changeChildDetails(actor, earlier.childId, { version, ethnicity: 'WBRI' });
    await testApp.services.transfers.recordTransferIn(actor, earlier.childId, {
      oldCouncil: 'Kent County Council',
      moveDate: '2026-09-01',
      planReceivedOn: '2026-09-03',
      lastReviewOn: '2026-03-10',
      oldLaCode: '886',
      requestReceivedOn: '2024-05-13',
      requestSource: '3',
      primaryNeed: 'PD',
      secondaryNeed: 'HI',
      placementUrn: String(school.urn),
    });
    const result = await testApp.services.sen2.report(team.manager.actor, CENSUS);
    expect(result.groups).toEqual([]);
    expect(result.counts).toMatchObject({ persons: 1, requests: 1, requestsReceived: 0, plansIssued: 0, activePlans: 1 });

    const person = all(one(parse((await exported(team.manager.actor)).xml), 'Persons')!, 'Person')[0]!;
    const request = one(person, 'Requests')!;
    expect([value(request, 'ReceivedDate'), value(request, 'RequestSource'), value(request, 'RequestOutcome'), value(request, 'RequestOutcomeDate')]).toEqual(['2024-05-13', '3', 'H', undefined]);
    const assessment = one(request, 'Assessment')!;
    expect(value(assessment, 'AssessmentOutcome')).toBe('H');
    expect(one(assessment, 'NamedPlan')).toBeUndefined();
    const active = one(request, 'ActivePlans')!;
    expect(value(active, 'TransferLA')).toBe('886');
    expect(all(active, 'SENneed').map((need) => [value(need, 'SENtype'), value(need, 'SENtypeRank')])).toEqual([
      ['PD', '1'],
      ['HI', '2'],
    ]);
    expect(value(one(active, 'PlacementDetail'), 'URN')).toBe(String(school.urn));
  });
});

describe('a child’s ethnicity and why their UPN is not known, recorded through the service', () => {
  it('SEN2-P04 and SEN2-P05 pass, and the Person carries Ethnicity and UPNunknown', async () => {
    const team = await aTeam(testApp);
    const councilApp = { ...testApp, authorityId: team.council.id };
    const made = await aCase(councilApp, team.officer.actor, { stage: 'plan', receivedOn: '2026-02-02', child: { forename: 'Tomas', surname: 'Recorded', upn: undefined } });
    const before = await testApp.services.sen2.report(team.manager.actor, CENSUS);
    expect(before.groups.map((group) => group.rule)).toEqual(expect.arrayContaining(['SEN2-P04', 'SEN2-P05']));
    const { version } = (await testApp.services.children.childRecord(team.officer.actor, made.childId)).child;
    await testApp.services.children.changeChildDetails(team.officer.actor, made.childId, { version, ethnicity: 'WROM', upnUnknown: 'UN2' });
    const after = await testApp.services.sen2.report(team.manager.actor, CENSUS);
    expect(after.groups.map((group) => group.rule)).not.toContain('SEN2-P04');
    expect(after.groups.map((group) => group.rule)).not.toContain('SEN2-P05');
    const person = all(one(parse((await exported(team.manager.actor)).xml), 'Persons')!, 'Person')[0];
    expect(value(person, 'Ethnicity')).toBe('WROM');
    expect(value(person, 'UPNunknown')).toBe('UN2');
    expect(value(person, 'UPN')).toBeUndefined();
  });
});
