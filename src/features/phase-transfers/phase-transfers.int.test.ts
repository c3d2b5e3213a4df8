// Phase transfers on the pages and through the API (SEND Regs 2014 reg. 18): a September's cohort
// found from dates of birth and placements, each child's deadline, the schools consulted and
// whether the amended plan naming the next placement is finalised; counts, filters, the empty
// cohort, and the next school consulted while the plan is under review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aDecisionMaker, anApiToken, anOfficer, aPlan, aSchool, aSoundPlanContent, type TestCase, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { listListAccessBy } from '../audit/index.ts';
import type { SchoolRecord } from '../reference/index.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');

let testApp: TestApp;
let officer: TestOfficer;
let jar: CookieJar;
let token: string;
let primary: SchoolRecord;
let secondary: SchoolRecord;
let atRisk: TestCase;
let onTrack: TestCase;
let finalised: TestCase;
let post16: TestCase;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  jar = await signIn(testApp.app, officer.user.email, officer.password);
  token = await anApiToken(testApp, officer);
  primary = await aSchool(testApp.database.db, { name: 'Alderbrook Primary School' });
  secondary = await aSchool(testApp.database.db, { name: 'Riverside High School', phase: 'Secondary', type: 'Academy converter' });
  // Year 6 now, Year 7 in September 2027: born between 1 September 2015 and 31 August 2016.
  atRisk = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2025-09-01', child: { forename: 'Ayla', surname: 'Risk', dateOfBirth: '2016-03-14', schoolId: primary.id } });
  onTrack = await aCase(testApp, officer.actor, {
    stage: 'review',
    receivedOn: '2025-09-01',
    stepDates: { 'review.scheduled': '2026-11-10', 'review.held': '2026-11-10' },
    child: { forename: 'Omar', surname: 'Track', dateOfBirth: '2015-11-02', schoolId: primary.id },
  });
  await testApp.services.consultations.consultSchool(officer.actor, onTrack.caseId, { urn: String(secondary.urn), basis: 'council', contactName: 'Ms Lee, SENCo', contactEmail: 'senco@riverside.example', sentOn: '2026-11-16' });
  const plan = await aPlan(testApp, officer.actor, {
    receivedOn: '2026-05-04',
    content: { ...aSoundPlanContent(), i: { kind: 'school', urn: secondary.urn } },
    draftIssuedOn: '2026-09-14',
    child: { forename: 'Fatima', surname: 'Final', dateOfBirth: '2016-08-31', schoolId: primary.id },
  });
  const view = await testApp.services.plans.versionView(officer.actor, plan.planId);
  // The final plan is issued with the council's delegated authority, by a team manager.
  const manager = await aDecisionMaker(testApp);
  await testApp.services.plans.issueFinal(manager.actor, plan.planId, { issuedOn: '2026-11-02', overrides: view.findings.map((finding) => ({ findingId: finding.id, reason: 'Issued as it stands' })) });
  finalised = plan;
  post16 = await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2025-09-01', child: { forename: 'Priya', surname: 'Sixteen', dateOfBirth: '2011-03-01', schoolId: secondary.id } });
  // Year 5 now: no move in 2027.
  await aCase(testApp, officer.actor, { stage: 'plan', receivedOn: '2025-09-01', child: { forename: 'Noah', surname: 'Later', dateOfBirth: '2017-02-01', schoolId: primary.id } });
});
afterAll(async () => {
  await testApp?.close();
});

const api = (url: string) => testApp.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
const countOf = (body: string, name: string) => new RegExp(`data-count="${name}">\\s*(\\d+)`).exec(body)?.[1];

describe('a September’s phase-transfer cohort', () => {
  it('finds the cohort from dates of birth and placements, each with its deadline, and counts finalised, at risk and on track (SEND Regs 2014 reg. 18)', async () => {
    const response = await api('/api/v1/phase-transfers?year=2027');
    expect(response.statusCode).toBe(200);
    const cohort = response.json();
    expect(cohort.counts).toEqual({ total: 4, finalised: 1, 'finalised-late': 0, late: 0, 'at-risk': 2, 'on-track': 1 });
    const byCase = new Map(cohort.children.map((child: { caseId: string }) => [child.caseId, child]));
    expect(byCase.get(atRisk.caseId)).toMatchObject({ move: 'primary-to-secondary', deadline: '2027-02-14', standing: 'at-risk', schoolsConsulted: 0, currentPlacement: { urn: primary.urn } });
    expect(byCase.get(onTrack.caseId)).toMatchObject({ standing: 'on-track', schoolsConsulted: 1, underReview: true });
    expect(byCase.get(finalised.caseId)).toMatchObject({ standing: 'finalised', finalisedOn: '2026-11-02', nextPlacement: { urn: secondary.urn, name: 'Riverside High School' } });
    // No school or college consulted by 31 October before its deadline: at risk, though the deadline is months away.
    expect(byCase.get(post16.caseId)).toMatchObject({ move: 'secondary-to-post16', deadline: '2027-03-30', standing: 'at-risk' });
    // Worst first: at risk, the earlier deadline first.
    expect(cohort.children.map((child: { caseId: string }) => child.caseId)).toEqual([atRisk.caseId, post16.caseId, onTrack.caseId, finalised.caseId]);
  });

  it('shows the counts and the children on the page, filters them by bookmarkable links, and logs who was listed', async () => {
    const page = await getPage(testApp.app, jar, '/phase-transfers?year=2027');
    expect(page.statusCode).toBe(200);
    expect(countOf(page.body, 'total')).toBe('4');
    expect(countOf(page.body, 'finalised')).toBe('1');
    expect(countOf(page.body, 'at-risk')).toBe('2');
    expect(page.body).toContain('Ayla Risk');
    expect(page.body).toContain('href="/phase-transfers?year=2027&amp;standing=at-risk"');
    const filtered = await getPage(testApp.app, jar, '/phase-transfers?year=2027&standing=at-risk');
    expect(filtered.body).toContain('Ayla Risk');
    expect(filtered.body).not.toContain('Omar Track');
    expect(countOf(filtered.body, 'total')).toBe('4');
    const byMove = await getPage(testApp.app, jar, '/phase-transfers?year=2027&move=secondary-to-post16');
    expect(byMove.body).toContain('Priya Sixteen');
    expect(byMove.body).not.toContain('Ayla Risk');
    const listed = await listListAccessBy(testApp.database.db, testApp.authorityId, officer.actor.id);
    expect(listed.some((entry) => entry.view === 'phase-transfers' && entry.childIds.includes(atRisk.childId))).toBe(true);
  });

  it('shows a year with no children as an honest empty cohort, not an error', async () => {
    const page = await getPage(testApp.app, jar, '/phase-transfers?year=2031');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No children in this cohort');
    expect(countOf(page.body, 'total')).toBe('0');
    const response = await api('/api/v1/phase-transfers?year=2031');
    expect(response.json()).toMatchObject({ counts: { total: 0 }, children: [], matching: 0, page: 1, pages: 1 });
  });

  it('refuses a year that is not one: the error summary on the page, a problem through the API', async () => {
    const page = await getPage(testApp.app, jar, '/phase-transfers?year=20x7');
    expect(page.statusCode).toBe(400);
    expect(errorSummaryOf(page.body)[0]?.text).toMatch(/^Enter the year of the transfer as four digits/);
    const response = await api('/api/v1/phase-transfers?year=1999');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('opens a child’s transfer and consults the next school while the plan is under review (SEND Regs 2014 reg. 18; CFA 2014 s.40)', async () => {
    const page = await getPage(testApp.app, jar, `/phase-transfers/2027/cases/${onTrack.caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Riverside High School');
    expect(page.body).toContain(`href="/cases/${onTrack.caseId}/consultations/new"`);
    const other = await aSchool(testApp.database.db, { name: 'Hillside Academy', phase: 'Secondary', type: 'Academy converter' });
    const url = `/cases/${onTrack.caseId}/consultations/new`;
    const consulted = await postForm(
      testApp.app,
      jar,
      url,
      { urn: String(other.urn), basis: 'family-request', contactName: 'Mr Hale', contactEmail: 'head@hillside.example', 'sentOn-day': '23', 'sentOn-month': '11', 'sentOn-year': '2026' },
      { csrfFrom: url },
    );
    expect(consulted.statusCode).toBe(303);
    expect((await api('/api/v1/phase-transfers?year=2027&standing=on-track')).json().children.find((child: { caseId: string }) => child.caseId === onTrack.caseId).schoolsConsulted).toBe(2);

    // A plan not under review: the page says to arrange the review first, and no consultation is offered.
    const waiting = await getPage(testApp.app, jar, `/phase-transfers/2027/cases/${atRisk.caseId}`);
    expect(waiting.body).toContain('record the review meeting arranged');
    expect(waiting.body).not.toContain(`href="/cases/${atRisk.caseId}/consultations/new"`);
  });

  it('answers 404 for a child who does not move phase that year', async () => {
    expect((await getPage(testApp.app, jar, `/phase-transfers/2028/cases/${atRisk.caseId}`)).statusCode).toBe(404);
    expect((await getPage(testApp.app, jar, `/phase-transfers/2027/cases/not-a-case`)).statusCode).toBe(404);
  });
});
