// The report of waits in the unallocated queue (issue 16, part 7): the children who waited more
// than N working days in a period, how long each waited and whom their case went to, as a page and
// CSV, for managers only, each list shown or downloaded in the log of lists.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aTeam } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, signIn } from '../../test/http.ts';
import { listListAccessBy } from '../audit/index.ts';

let testApp: TestApp;
// Monday 23 November 2026: the default period is 24 November 2025 to today.
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

const db = () => testApp.database.db;
const at = (day: string) => sql`((${day}::date + time '09:30') AT TIME ZONE 'Europe/London')`;

/** The case's wait in the queue moved to these days (its officer's spell starting when it ended), as if made then. */
async function waited(caseId: string, from: string, to: string | null) {
  if (to !== null) await db().execute(sql`UPDATE case_holder SET held_from = ${at(to)} WHERE case_id = ${caseId} AND officer_id IS NOT NULL`);
  await db().execute(sql`UPDATE case_holder SET held_from = ${at(from)}, held_to = ${to === null ? null : at(to)} WHERE case_id = ${caseId} AND officer_id IS NULL`);
  if (to === null) await db().execute(sql`UPDATE ehc_case SET unallocated_since = ${from} WHERE id = ${caseId}`);
}

/**
 * A council whose queue held: Ada for 10 working days in March (then to Alpha), Ben for 5 (not
 * more than 5), Dee for 20 from before the period (to Alpha), Cal still waiting since 9
 * November (10 working days by today), and Eve, whose case closed after 21 working days waiting.
 */
async function aCouncilWithWaits() {
  const team = await aTeam(testApp);
  const alpha = team.officer;
  const queued = async (forename: string) => aCase(testApp, team.manager.actor, { receivedOn: '2026-11-02', child: { forename, surname: 'Waiter' } });
  const allocated = async (forename: string) => {
    const made = await queued(forename);
    await testApp.services.allocation.allocate(team.manager.actor, { cases: [made.caseId], officer: alpha.user.id });
    return made;
  };
  const ada = await allocated('Ada');
  await waited(ada.caseId, '2026-03-02', '2026-03-16');
  const ben = await allocated('Ben');
  await waited(ben.caseId, '2026-03-02', '2026-03-09');
  const dee = await allocated('Dee');
  await waited(dee.caseId, '2025-11-03', '2025-12-01');
  const cal = await queued('Cal');
  await waited(cal.caseId, '2026-11-09', null);
  const eve = await queued('Eve');
  await waited(eve.caseId, '2026-06-01', null);
  await db().execute(sql`UPDATE ehc_case SET closed_on = '2026-06-30', stage = 'closed' WHERE id = ${eve.caseId}`);
  return { ...team, alpha, children: { ada, ben, cal, dee, eve } };
}

describe('the report of waits for an officer', () => {
  it('lists every child who waited more than 5 working days in the last 12 months, the longest first, with whom each case went to', async () => {
    const council = await aCouncilWithWaits();
    const report = await testApp.services.caseloadReports.waits(council.manager.actor, {});
    expect(report.period).toEqual({ from: '2025-11-24', to: '2026-11-23' });
    expect(report.moreThan).toBe(5);
    expect(report.waits.map((entry) => [entry.childName, entry.from, entry.to, entry.workingDays, entry.wentTo])).toEqual([
      ['Eve Waiter', '2026-06-01', '2026-06-30', 21, 'closed'],
      ['Dee Waiter', '2025-11-03', '2025-12-01', 20, { id: council.alpha.user.id, name: council.alpha.user.name }],
      ['Ada Waiter', '2026-03-02', '2026-03-16', 10, { id: council.alpha.user.id, name: council.alpha.user.name }],
      ['Cal Waiter', '2026-11-09', null, 10, null],
    ]);
    expect(report.waits[1]).toMatchObject({ startedBeforePeriod: true, reference: expect.stringMatching(/-EHC-2026-/), childId: council.children.dee.childId });
    expect(report.summary).toEqual({ waits: 4, children: 4, medianWorkingDays: 15, longestWorkingDays: 21, unloadedYears: [] });
  });

  it('follows N and the period asked for: 4 working days takes in Ben; March alone leaves out the rest', async () => {
    const council = await aCouncilWithWaits();
    const march = await testApp.services.caseloadReports.waits(council.manager.actor, { from: '2026-03-01', to: '2026-03-31', days: '4' });
    expect(march.waits.map((entry) => [entry.childName, entry.workingDays])).toEqual([
      ['Ada Waiter', 10],
      ['Ben Waiter', 5],
    ]);
    const zero = await testApp.services.caseloadReports.waits(council.manager.actor, { days: '0' });
    expect(zero.waits).toHaveLength(5);
    const long = await testApp.services.caseloadReports.waits(council.manager.actor, { days: '20' });
    expect(long.waits.map((entry) => entry.childName)).toEqual(['Eve Waiter']);
  });

  it('refuses a period that is not real, ends after today or starts after it ends, and an N that is not a whole number from 0 to 365, logging nothing', async () => {
    const council = await aCouncilWithWaits();
    const refused = async (input: Record<string, string>) => {
      const error = await testApp.services.caseloadReports.waits(council.manager.actor, input).catch((caught: unknown) => caught);
      expect(error, JSON.stringify(input)).toBeInstanceOf(ValidationError);
      return (error as ValidationError).problems.map((problem) => [problem.field, problem.message]);
    };
    expect(await refused({ from: '2026-06-01', to: '2026-05-01' })).toEqual([['from', 'The start of the period must be the same as or before its end']]);
    expect(await refused({ from: '2026-02-31' })).toEqual([['from', 'The start of the period must be a real date, for example 1 4 2026']]);
    expect(await refused({ to: '2026-11-24' })).toEqual([['to', 'The end of the period must be today or in the past']]);
    for (const days of ['x', '366', '2.5', '-1']) expect(await refused({ days })).toEqual([['days', 'Enter the number of working days as a whole number from 0 to 365, like 5']]);
    expect(await listListAccessBy(db(), council.council.id, council.manager.user.id)).toEqual([]);
  });

  it('is for team managers, service leads and administrators: case officers and board members are refused by the service and the pages', async () => {
    const council = await aCouncilWithWaits();
    const lead = await anOfficer(testApp, { authorityId: council.council.id, role: 'service_lead' });
    const admin = await anOfficer(testApp, { authorityId: council.council.id, role: 'admin' });
    for (const allowed of [council.manager, lead, admin]) await expect(testApp.services.caseloadReports.waits(allowed.actor, {})).resolves.toMatchObject({ summary: { waits: 4 } });
    const board = await anOfficer(testApp, { authorityId: council.council.id, role: 'board_member' });
    for (const someone of [council.alpha, board]) {
      await expect(testApp.services.caseloadReports.waits(someone.actor, {})).rejects.toThrow(ForbiddenError);
      await expect(testApp.services.caseloadReports.waitsForDownload(someone.actor, {})).rejects.toThrow(ForbiddenError);
      const jar = await signIn(testApp.app, someone.user.email, someone.password);
      for (const url of ['/team/caseloads/waits', '/team/caseloads/waits.csv']) expect((await getPage(testApp.app, jar, url)).statusCode, url).toBe(403);
    }
  });

  it('shows only the council’s own waits', async () => {
    const council = await aCouncilWithWaits();
    const other = await aCouncilWithWaits();
    const report = await testApp.services.caseloadReports.waits(council.manager.actor, {});
    const ours = new Set(Object.values(council.children).map((made) => made.childId));
    expect(report.waits.every((entry) => ours.has(entry.childId))).toBe(true);
    expect(report.waits.some((entry) => entry.childId === other.children.ada.childId)).toBe(false);
  });

  it('writes the children listed to the log of lists shown, with the question asked', async () => {
    const council = await aCouncilWithWaits();
    await testApp.services.caseloadReports.waits(council.manager.actor, { days: '15' });
    const [logged] = await listListAccessBy(db(), council.council.id, council.manager.user.id);
    expect(logged).toMatchObject({ view: 'caseload-waits', query: '2025-11-24 to 2026-11-23, more than 15 working days' });
    expect(new Set(logged?.childIds)).toEqual(new Set([council.children.eve.childId, council.children.dee.childId]));
  });
});

describe('the report’s page', () => {
  it('is linked from the caseloads page and the unallocated queue, and shows the figures and each child linked to their record', async () => {
    const council = await aCouncilWithWaits();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    for (const url of ['/team/caseloads', '/team/unallocated']) expect((await getPage(testApp.app, jar, url)).body, url).toContain('href="/team/caseloads/waits"');
    const page = await getPage(testApp.app, jar, '/team/caseloads/waits');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('From 24 November 2025 to 23 November 2026, more than 5 working days');
    expect(page.body).toContain(`href="/children/${council.children.ada.childId}">Ada Waiter</a>`);
    expect(page.body).toContain('<strong>Still waiting</strong>');
    expect(page.body).toContain('No one yet');
    expect(page.body).toContain('No one: the case closed');
    expect(page.body).toMatch(/Median wait\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*15 working days/);
    // The boxes hold the question answered, and the download carries it.
    expect(page.body).toContain('name="from-day" type="text" value="24"');
    expect(page.body).toContain('href="/team/caseloads/waits.csv?from-day=24&amp;from-month=11&amp;from-year=2025&amp;to-day=23&amp;to-month=11&amp;to-year=2026&amp;days=5"');
  });

  it('shows the form again with the error summary and nothing listed when the period starts after it ends, or N is not a whole number', async () => {
    const council = await aCouncilWithWaits();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const page = await getPage(testApp.app, jar, '/team/caseloads/waits?from-day=1&from-month=6&from-year=2026&to-day=1&to-month=5&to-year=2026&days=five');
    expect(page.statusCode).toBe(400);
    expect(errorSummaryOf(page.body)).toEqual([
      { href: '#from-day', text: 'The start of the period must be the same as or before its end' },
      { href: '#days', text: 'Enter the number of working days as a whole number from 0 to 365, like 5' },
    ]);
    expect(page.body).toContain('value="five"');
    expect(page.body).not.toContain('Waiter');
    const unreal = await getPage(testApp.app, jar, '/team/caseloads/waits?from-day=31&from-month=2&from-year=2026');
    expect(errorSummaryOf(unreal.body)).toEqual([{ href: '#from-day', text: 'The start of the period must be a real date, for example 1 4 2026' }]);
    expect(await listListAccessBy(db(), council.council.id, council.manager.user.id)).toEqual([]);
  });
});

describe('the report as CSV', () => {
  it('downloads every wait as UTF-8 CSV with a byte-order mark, a header row and the dates in its name, logged with every child in it', async () => {
    const council = await aCouncilWithWaits();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const download = await getPage(testApp.app, jar, '/team/caseloads/waits.csv?from-day=1&from-month=1&from-year=2026&to-day=30&to-month=9&to-year=2026&days=4');
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.headers['content-disposition']).toContain('filename="unallocated-waits-2026-01-01-to-2026-09-30-over-4-working-days.csv"');
    expect(download.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = download.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Child,Case reference,Waiting from,Waiting to,Still waiting,Working days waited,Calendar days waited,Went to');
    expect(lines.slice(1).map((line) => line.replace(/,\d{3}-EHC-\d{4}-\d{5},/, ',REF,'))).toEqual([
      'Eve Waiter,REF,2026-06-01,2026-06-30,no,21,29,No one: the case closed',
      `Ada Waiter,REF,2026-03-02,2026-03-16,no,10,14,${council.alpha.user.name}`,
      `Ben Waiter,REF,2026-03-02,2026-03-09,no,5,7,${council.alpha.user.name}`,
    ]);
    const [logged] = await listListAccessBy(db(), council.council.id, council.manager.user.id);
    expect(logged).toMatchObject({ view: 'caseload-waits.csv', query: '2026-01-01 to 2026-09-30, more than 4 working days' });
    expect(new Set(logged?.childIds)).toEqual(new Set([council.children.eve.childId, council.children.ada.childId, council.children.ben.childId]));
  });

  it('never lets a spreadsheet run a cell as a formula: a name starting =, +, - or @ is written after a quote', async () => {
    const council = await aCouncilWithWaits();
    await db().execute(sql`UPDATE child SET forename = '=HYPERLINK("http://evil.example")', surname = 'x' WHERE id = ${council.children.ada.childId}`);
    await db().execute(sql`UPDATE child SET forename = '+1', surname = 'x' WHERE id = ${council.children.dee.childId}`);
    await db().execute(sql`UPDATE staff_user SET name = '@SUM(A1)' WHERE id = ${council.alpha.user.id}`);
    await db().execute(sql`UPDATE child SET forename = '-2', surname = 'x' WHERE id = ${council.children.cal.childId}`);
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const text = (await getPage(testApp.app, jar, '/team/caseloads/waits.csv')).rawPayload.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"") x",`);
    expect(text).toContain(`'+1 x,`);
    expect(text).toContain(`'-2 x,`);
    expect(text).toContain(`,'@SUM(A1)\r\n`);
    expect(text).not.toMatch(/(^|,)[=+@-]/m);
  });

  it('sends a question the page would refuse back to the page, which says what is wrong', async () => {
    const council = await aCouncilWithWaits();
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const download = await getPage(testApp.app, jar, '/team/caseloads/waits.csv?days=400');
    expect(download.statusCode).toBe(303);
    expect(download.headers.location).toBe('/team/caseloads/waits?days=400');
    expect(await listListAccessBy(db(), council.council.id, council.manager.user.id)).toEqual([]);
  });
});

describe('a case that closes leaves its holder and the queue (issue 16)', () => {
  const openSpells = async (caseId: string) =>
    queryRows<{ officer_id: string | null; change: string }>(db(), sql`SELECT officer_id, change FROM case_holder WHERE case_id = ${caseId} AND held_to IS NULL`);

  it('ends the wait of a request withdrawn in the queue on the day it was withdrawn, so the report says the case closed, not that the child is still waiting', async () => {
    const team = await aTeam(testApp);
    const waiting = await aCase(testApp, team.manager.actor, { receivedOn: '2026-11-02', child: { forename: 'Fay', surname: 'Closed' } });
    await waited(waiting.caseId, '2026-11-02', null);
    await testApp.services.decisions.withdrawRequest(team.manager.actor, waiting.caseId, { withdrawnOn: '2026-11-20', withdrawnBy: 'parent', reason: 'The family moved away.' });
    expect(await openSpells(waiting.caseId)).toEqual([]);
    const report = await testApp.services.caseloadReports.waits(team.manager.actor, {});
    expect(report.waits.map((entry) => [entry.childName, entry.from, entry.to, entry.workingDays, entry.wentTo])).toEqual([['Fay Closed', '2026-11-02', '2026-11-20', 14, 'closed']]);
    // Not in the queue, nor counted in it, once closed.
    expect((await testApp.services.caseload.unallocatedQueue(team.manager.actor)).cases.some((entry) => entry.caseId === waiting.caseId)).toBe(false);
  });

  it('ends the officer’s spell of a case that closes, and a closing withdrawn by a correction gives the case back to the same officer from then', async () => {
    const team = await aTeam(testApp);
    const held = await aCase(testApp, team.officer.actor, { receivedOn: '2026-11-02', child: { forename: 'Gus', surname: 'Held' } });
    const { result } = await testApp.services.decisions.withdrawRequest(team.officer.actor, held.caseId, { withdrawnOn: '2026-11-23', withdrawnBy: 'parent', reason: 'No longer needed.' });
    expect(await openSpells(held.caseId)).toEqual([]);
    const closed = await testApp.services.allocation.caseOfficer(team.manager.actor, held.caseId);
    expect(closed.closed).toBe(true);
    expect(closed.holders[0]).toMatchObject({ officerId: team.officer.user.id, to: '2026-11-23' });

    await testApp.services.caseProgress.correctEvent(team.officer.actor, held.caseId, result.eventId, { change: 'withdraw', reason: 'Recorded on the wrong child.' });
    expect(await openSpells(held.caseId)).toEqual([{ officer_id: team.officer.user.id, change: 'reopened' }]);
    const reopened = await testApp.services.allocation.caseOfficer(team.manager.actor, held.caseId);
    expect(reopened.closed).toBe(false);
    expect(reopened.holders[0]).toMatchObject({ officerId: team.officer.user.id, to: null, change: 'reopened' });
  });
});
