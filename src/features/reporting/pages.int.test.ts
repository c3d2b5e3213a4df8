// The dashboard's pages: who sees what (managers the figures and the cases, the improvement board
// the figures only), the figure and its list agreeing on the page, a period with no cases shown
// as such, filters that are not right refused with a message (never an error page), and every
// table downloaded as CSV and as an Excel workbook holding the same rows.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aTeam, type TestTeam } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, signIn } from '../../test/http.ts';
import { listListAccessBy } from '../audit/index.ts';

let testApp: TestApp;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

/** A council with three decisions in June 2026 (two within 6 weeks) and one case waiting for an officer. */
async function aCouncil(): Promise<TestTeam & { onTime: string[]; late: string }> {
  const team = await aTeam(testApp);
  const first = await aCase(testApp, team.officer.actor, { receivedOn: '2026-05-01', stage: 'assessment', stepDates: { 'assessment.agreed': '2026-06-05' }, child: { forename: 'Ada', surname: 'Prompt' } });
  const second = await aCase(testApp, team.officer.actor, { receivedOn: '2026-05-10', stage: 'closed', stepDates: { 'assessment.refused': '2026-06-19' }, child: { forename: 'Ben', surname: 'Prompt' } });
  const late = await aCase(testApp, team.officer.actor, { receivedOn: '2026-04-01', stage: 'assessment', stepDates: { 'assessment.agreed': '2026-06-30' }, child: { forename: 'Cal', surname: 'Late' } });
  await aCase(testApp, team.manager.actor, { receivedOn: '2026-11-02', child: { forename: 'Dee', surname: 'Waiting' } });
  return { ...team, onTime: [first.childId, second.childId], late: late.childId };
}

describe('the dashboard', () => {
  it('shows each figure for the period, linked to the cases behind it, beside England’s figure', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, '/reporting?from=2026-06&to=2026-06');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Service dashboard</h1>');
    expect(page.body).toContain('<strong>66.7%</strong>');
    expect(page.body).toContain('href="/reporting/measures/requests-decided-in-6-weeks/cases?from=2026-06&amp;to=2026-06&amp;part=counted"');
    expect(page.body).toContain('href="/reporting/measures/requests-decided-in-6-weeks/cases?from=2026-06&amp;to=2026-06"');
    expect(page.body).toContain('England 65.4%');
    expect(page.body).toContain('England 46.4%');
    expect(page.body).toContain('England 44.4%');
    // The figure's list holds as many cases as the figure says, each child linked.
    const list = await getPage(testApp.app, jar, '/reporting/measures/requests-decided-in-6-weeks/cases?from=2026-06&to=2026-06&part=counted');
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/<strong>2<\/strong> cases, in June 2026/);
    for (const childId of council.onTime) expect(list.body).toContain(`href="/children/${childId}"`);
    expect(list.body).not.toContain(`href="/children/${council.late}"`);
  });

  it('links a count of cases as they stand, under a filter, to the cases counted under that filter: the list and the figure agree', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, `/reporting?from=2026-06&to=2026-06&officer=${council.officer.user.id}`);
    expect(page.statusCode).toBe(200);
    const href = `/reporting/measures/open-cases/cases?officer=${council.officer.user.id}`;
    expect(page.body).toContain(`href="${href}"`);
    const list = await getPage(testApp.app, jar, href);
    expect(list.statusCode).toBe(200);
    // The officer's two open cases: not the refused request (closed), not the case in the queue.
    expect(list.body).toMatch(/<strong>2<\/strong> cases/);
    for (const childId of [council.onTime[0]!, council.late]) expect(list.body).toContain(`href="/children/${childId}"`);
    expect(list.body).not.toContain(`href="/children/${council.onTime[1]!}"`);
    expect(list.body).not.toContain('Waiting</a>');
    const measurePage = await getPage(testApp.app, jar, `/reporting/measures/open-cases?officer=${council.officer.user.id}`);
    expect(measurePage.body).toContain(`href="${href}"`);
  });

  it('is in the managers’ navigation', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    expect((await getPage(testApp.app, jar, '/team')).body).toContain('href="/reporting"');
  });

  it('shows a measure month by month as a chart with its table beside it, each month linked to its cases', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, '/reporting/measures/requests-decided-in-6-weeks?from=2026-04&to=2026-07');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg class="app-chart" role="img" aria-labelledby="chart-requests-decided-in-6-weeks-title chart-requests-decided-in-6-weeks-description"');
    expect(page.body).toContain('<title id="chart-requests-decided-in-6-weeks-title">Requests decided within 6 weeks, month by month</title>');
    expect(page.body).toContain('<caption class="govuk-table__caption govuk-table__caption--s">Requests decided within 6 weeks, month by month</caption>');
    expect(page.body).toContain('href="/reporting/measures/requests-decided-in-6-weeks/cases?from=2026-06&amp;to=2026-06&amp;part=counted"');
    expect(page.body).toContain('No cases');
  });

  it('says plainly that a period had no cases, rather than failing', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, '/reporting?from=2020-01&to=2020-03');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No requests were decided, no plans issued, no reviews decided and no appeals registered in January 2020 to March 2020');
    const measure = await getPage(testApp.app, jar, '/reporting/measures/plans-in-20-weeks-excluding-exceptions?from=2020-01&to=2020-03');
    expect(measure.statusCode).toBe(200);
    expect(measure.body).toContain('No cases in January 2020 to March 2020');
    const list = await getPage(testApp.app, jar, '/reporting/measures/plans-in-20-weeks-excluding-exceptions/cases?from=2020-01&to=2020-03');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<strong>0</strong> cases');
  });

  it('refuses filters that are not right with a message naming each, never an error page', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, '/reporting?from=June&to=2026-13&team=nope&officer=00000000-0000-4000-8000-000000000000&school=12&need=XYZ&stage=lost');
    expect(page.statusCode).toBe(400);
    expect(errorSummaryOf(page.body)).toEqual([
      { href: '#to', text: 'Enter the last month of the period as a year and month, like 2026-04' },
      { href: '#from', text: 'Enter the first month of the period as a year and month, like 2026-04' },
      { href: '#team', text: 'Select a team from the list' },
      { href: '#officer', text: 'Select an officer from the list' },
      { href: '#school', text: 'Enter the school’s URN as 5 to 7 digits, like 103523, or select it from the list' },
      { href: '#need', text: 'Select a primary need from the list' },
      { href: '#stage', text: 'Select a stage from the list' },
    ]);
    const backwards = await getPage(testApp.app, jar, '/reporting?from=2026-06&to=2026-01');
    expect(errorSummaryOf(backwards.body)).toEqual([{ href: '#from', text: 'The first month of the period must be the same as or before its last month' }]);
    const list = await getPage(testApp.app, jar, '/reporting/measures/requests-agreed/cases?part=some&stage=lost');
    expect(list.statusCode).toBe(400);
    expect(list.body).toContain('Select a stage from the list');
    expect((await getPage(testApp.app, jar, '/reporting/measures/no-such-measure')).statusCode).toBe(404);
    expect((await getPage(testApp.app, jar, '/reporting/measures/no-such-measure/cases')).statusCode).toBe(404);
    const farPage = await getPage(testApp.app, jar, '/reporting/measures/requests-agreed/cases?page=100000000000');
    expect(farPage.statusCode).toBe(400);
    expect(farPage.body).toContain('There is no page 100000000000');
    // A filter given twice is read once; text that is no month is refused, not failed on.
    expect((await getPage(testApp.app, jar, '/reporting?stage=plan&stage=review&from=%00')).statusCode).toBe(400);
    // A download with a question the page would refuse goes back to the page, which says why.
    const download = await getPage(testApp.app, jar, '/reporting/dashboard.csv?stage=lost');
    expect(download.statusCode).toBe(303);
    expect(download.headers.location).toBe('/reporting?stage=lost');
  });

  it('shows the improvement board the figures and no child: no links to the cases, and the lists refused', async () => {
    const council = await aCouncil();
    const board = await anOfficer(testApp, { authorityId: council.council.id, role: 'board_member' });
    const jar = await signIn(testApp.app, board.user.email, board.password);
    const page = await getPage(testApp.app, jar, '/reporting?from=2026-06&to=2026-06');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>66.7%</strong>');
    expect(page.body).not.toContain('/cases');
    for (const url of ['/reporting/measures/requests-agreed/cases', '/reporting/measures/requests-agreed/cases.csv', '/reporting/measures/requests-agreed/cases.xlsx']) {
      expect((await getPage(testApp.app, jar, url)).statusCode, url).toBe(403);
    }
    await expect(testApp.services.reporting.casesBehind(board.actor, 'requests-agreed', {})).rejects.toThrow(ForbiddenError);
  });

  it('is not a case officer’s page', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.officer.user.email, council.officer.password);
    expect((await getPage(testApp.app, jar, '/reporting')).statusCode).toBe(403);
  });
});

describe('downloads', () => {
  it('downloads the cases behind a figure as CSV, logged with every child in it', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const download = await getPage(testApp.app, jar, '/reporting/measures/requests-decided-in-6-weeks/cases.csv?from=2026-06&to=2026-06');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.headers['content-disposition']).toContain('filename="requests-decided-in-6-weeks-cases-2026-06-to-2026-06.csv"');
    const lines = download.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Child,Case reference,Stage,Decision sent,Request received,Days taken,Decided within 6 weeks,Decision,Officer');
    expect(lines.slice(1).map((line) => line.replace(/,[^,]*-EHC-\d{4}-\d{5},/, ',REF,'))).toEqual([
      `Ada Prompt,REF,Needs assessment,2026-06-05,2026-05-01,35,yes,Agreed to assess,${council.officer.user.name}`,
      `Ben Prompt,REF,Closed,2026-06-19,2026-05-10,40,yes,Refused,${council.officer.user.name}`,
      `Cal Late,REF,Needs assessment,2026-06-30,2026-04-01,90,no,Agreed to assess,${council.officer.user.name}`,
    ]);
    const [logged] = await listListAccessBy(testApp.database.db, council.council.id, council.manager.user.id);
    expect(logged).toMatchObject({ view: 'reporting-cases.csv', query: 'requests-decided-in-6-weeks, all, 2026-06 to 2026-06' });
    expect(new Set(logged?.childIds)).toEqual(new Set([...council.onTime, council.late]));
  });

  it('downloads the same list as an Excel workbook with the same rows', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const download = await getPage(testApp.app, jar, '/reporting/measures/requests-decided-in-6-weeks/cases.xlsx?from=2026-06&to=2026-06&part=counted');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(download.headers['content-disposition']).toContain('filename="requests-decided-in-6-weeks-counted-2026-06-to-2026-06.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Cases')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Child', 'Case reference', 'Stage', 'Decision sent', 'Request received', 'Days taken', 'Decided within 6 weeks', 'Decision', 'Officer']);
    expect(rows.slice(1).map((row) => [row[0], row[3], row[5], row[6]])).toEqual([
      ['Ada Prompt', '2026-06-05', 35, 'yes'],
      ['Ben Prompt', '2026-06-19', 40, 'yes'],
    ]);
  });

  it('downloads the dashboard’s table and a measure’s months as CSV and Excel', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const csv = await getPage(testApp.app, jar, '/reporting/dashboard.csv?from=2026-06&to=2026-06');
    expect(csv.statusCode).toBe(200);
    const lines = csv.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Measure,Measure id,Over,Figure,Unit,Counted,Of,England,This council in 2024,Better');
    expect(lines[1]).toBe('Requests decided within 6 weeks,requests-decided-in-6-weeks,2026-06 to 2026-06,66.7,%,2,3,81.7,,higher');
    const xlsx = await getPage(testApp.app, jar, '/reporting/dashboard.xlsx?from=2026-06&to=2026-06');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect((workbook.getWorksheet('Measures')!.getRow(2).values as unknown[]).slice(1, 8)).toEqual(['Requests decided within 6 weeks', 'requests-decided-in-6-weeks', '2026-06 to 2026-06', 66.7, '%', 2, 3]);
    const months = await getPage(testApp.app, jar, '/reporting/measures/requests-decided-in-6-weeks/months.csv?from=2026-05&to=2026-06');
    expect(months.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n')).toEqual(['Month,Share (%),Decided within 6 weeks,Decisions whether to assess', '2026-05,,0,0', '2026-06,66.7,2,3']);
    expect((await getPage(testApp.app, jar, '/reporting/measures/requests-decided-in-6-weeks/months.xlsx?from=2026-05&to=2026-06')).statusCode).toBe(200);
  });
});

describe('the counts of cases as they stand, and the complaints, on the pages', () => {
  it('charts a count of cases as they stand at the end of each month, each month linked to the cases counted then; a month that is not one is refused with a message', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, '/reporting/measures/open-cases?from=2026-04&to=2026-07');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title id="chart-open-cases-title">Open cases, at the end of each month</title>');
    expect(page.body).toContain('<caption class="govuk-table__caption govuk-table__caption--s">Open cases, at the end of each month</caption>');
    expect(page.body).toContain('href="/reporting/measures/open-cases/cases?at=2026-06"');
    // At the end of June: Ada and Cal (opened in April and May, open still); Ben's request refused on 19 June closed his case.
    const june = await getPage(testApp.app, jar, '/reporting/measures/open-cases/cases?at=2026-06');
    expect(june.statusCode).toBe(200);
    expect(june.body).toMatch(/<strong>2<\/strong> cases, as they stood at the end of June 2026/);
    expect(june.body).toContain(`href="/children/${council.late}"`);
    expect(june.body).not.toContain(`href="/children/${council.onTime[1]}"`);
    const months = await getPage(testApp.app, jar, '/reporting/measures/open-cases/months.csv?from=2026-04&to=2026-07');
    // Cal's request from 1 April; Ada's from 1 May and Ben's from 10 May; Ben's closed on 19 June.
    expect(months.body).toContain('At the end of (month),"Cases at the month’s end (today, for this month)"\r\n2026-04,1\r\n2026-05,3\r\n2026-06,2\r\n2026-07,2');
    const refused = await getPage(testApp.app, jar, '/reporting/measures/open-cases/cases?at=1999-01');
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)[0]?.text).toMatch(/^Choose a month from/);
  });

  it('lists a complaint about no child by its reference, linked to the complaint, with the days it took', async () => {
    const council = await aCouncil();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const logged = await testApp.services.contacts.logContact(council.manager.actor, { kind: 'complaint', channel: 'letter', source: 'family', fromName: 'A forum', summary: 'Calls are not returned', theme: 'communication', receivedOn: '2026-09-01' });
    await testApp.services.contacts.respond(council.manager.actor, logged.result.contactId, { respondedOn: '2026-10-20', summary: 'We apologised', outcome: 'upheld' });
    const list = await getPage(testApp.app, jar, '/reporting/measures/complaints-stage-1-in-time/cases?from=2026-10&to=2026-10');
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/<strong>1<\/strong> case, in October 2026/);
    expect(list.body).toContain(`href="/contacts/${logged.result.contactId}"`);
    expect(list.body).toContain('No child recorded');
    expect(list.body).toContain('>49<');
    const csv = await getPage(testApp.app, jar, '/reporting/measures/complaints-stage-1-in-time/cases.csv?from=2026-10&to=2026-10');
    expect(csv.body).toContain(`${logged.result.reference},,,,2026-10-20,2026-09-01,49,no,`);
  });
});
