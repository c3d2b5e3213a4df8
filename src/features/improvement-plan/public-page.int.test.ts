// The improvement plan's public page: off until a manager publishes it, then open to anyone
// without signing in, showing only the measures chosen, naming no one, withholding small numbers,
// kept a few minutes and never logged per view; the manager's form and every refusal.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aCouncilWithBoard, type TestCouncil } from '../../test/factories/index.ts';
import { CookieJar, errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';
import { refusedFields, refusedMessages, validationRefusal } from '../../test/problems.ts';

let testApp: TestApp;
// Monday 30 November 2026.
const clock = fixedClock('2026-11-30T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
});
afterAll(async () => {
  await testApp?.close();
});

const plans = () => testApp.services.improvementPlan;
const pages = () => testApp.services.improvementPublicPage;

type Council = TestCouncil;
const aCouncil = () => aCouncilWithBoard(testApp);

const target = { baselineOn: '2026-06-01', targetOn: '2027-06-01' };

/** A plan with an area bound to open cases, and an action (owned by the officer) bound to requests decided in 6 weeks. */
async function aPlan(council: Council) {
  const { areaId } = await plans().addArea(council.manager.actor, { title: 'Timeliness of EHC plans', finding: 'Families wait too long.' });
  const { actionId } = await plans().addAction(council.manager.actor, areaId, { title: 'Decide every request within 6 weeks', ownerId: council.officer.user.id });
  await plans().updateStatus(council.officer.actor, actionId, { status: 'at-risk', note: `${council.officer.user.name} is covering two vacancies.` });
  const open = await plans().bindMeasure(council.manager.actor, { areaId }, { measureId: 'open-cases', baselineValue: '40', targetValue: '20', ...target });
  const decided = await plans().bindMeasure(council.manager.actor, { actionId }, { measureId: 'requests-decided-in-6-weeks', baselineValue: '50', targetValue: '90', ...target });
  return { areaId, actionId, open: open.bindingId, decided: decided.bindingId };
}

const address = (council: Council) => `/our-improvement-plan/${council.laCode}`;
const anonymous = (url: string) => testApp.app.inject({ method: 'GET', url });

async function rows(table: string, authorityId: string, where = sql``): Promise<number> {
  const [row] = await queryRows<{ total: number }>(testApp.database.db, sql`SELECT count(*)::int AS total FROM ${sql.identifier(table)} WHERE "authority_id" = ${authorityId} ${where}`);
  return row!.total;
}
const saved = async (authorityId: string) => ({
  pages: await rows('improvement_public_page', authorityId),
  measures: await rows('improvement_public_measure', authorityId),
  changes: await rows('improvement_change', authorityId),
  audit: await rows('audit_event', authorityId, sql`AND action = 'improvement.public-page-changed'`),
});

describe('the public page, before it is published', () => {
  it('is "Page not found" (404) until a manager publishes it, and again once taken down', async () => {
    const council = await aCouncil();
    const { open } = await aPlan(council);
    expect((await anonymous(address(council))).statusCode).toBe(404);
    expect((await pages().settings(council.manager.actor)).published).toBe(false);
    await pages().saveSettings(council.manager.actor, { published: 'no', measures: [open] });
    const unpublished = await anonymous(address(council));
    expect(unpublished.statusCode).toBe(404);
    expect(unpublished.body).toContain('Page not found');
    await pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open] });
    expect((await anonymous(address(council))).statusCode).toBe(200);
    await pages().saveSettings(council.manager.actor, { published: 'no', measures: [open] });
    expect((await anonymous(address(council))).statusCode).toBe(404);
  });

  it('is 404 for an LA code that is no council’s, and for an address that is no LA code', async () => {
    expect((await anonymous('/our-improvement-plan/000')).statusCode).toBe(404);
    expect((await anonymous('/our-improvement-plan/not-a-code')).statusCode).toBe(404);
    await expect(pages().publicPage('1 OR 1=1')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the service’s start page', () => {
  it('links a council’s public page only once a manager has published it, and no longer once it is taken down', async () => {
    const council = await aCouncil();
    const { open } = await aPlan(council);
    const [authority] = await queryRows<{ name: string }>(testApp.database.db, sql`SELECT name FROM authority WHERE id = ${council.authorityId}`);
    const link = `<a class="govuk-link" href="${address(council)}">${authority!.name}: our improvement plan for SEND</a>`;
    const before = await anonymous('/');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('href="/check-ehc-deadlines"');
    expect(before.body).not.toContain(address(council));
    await pages().saveSettings(council.manager.actor, { published: 'no', measures: [open] });
    expect((await anonymous('/')).body).not.toContain(address(council));
    await pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open] });
    const published = await anonymous('/');
    expect(published.body).toContain('How the SEND service is improving');
    expect(published.body).toContain(link);
    await pages().saveSettings(council.manager.actor, { published: 'no', measures: [open] });
    expect((await anonymous('/')).body).not.toContain(address(council));
  });
});

describe('the public page, published', () => {
  it('opens without signing in, shows only the measures chosen with their sentences, targets and months, and the areas with their actions’ statuses', async () => {
    const council = await aCouncil();
    const { open } = await aPlan(council);
    for (let index = 0; index < 6; index += 1) await aCase(testApp, council.officer.actor, { receivedOn: '2026-11-02' });
    await pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open], explanations: { [open]: 'How many children’s cases are open with us today.' } });
    const page = await anonymous(address(council));
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, max-age=300');
    expect(page.body).toContain(`Test Council ${council.laCode}`);
    expect(page.body).toContain('Open cases');
    expect(page.body).toContain('How many children’s cases are open with us today.');
    expect(page.body).not.toContain('Requests decided within 6 weeks');
    expect(page.body).toMatch(/Today\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*6\s*<\/dd>/);
    expect(page.body).toContain('20 by 1 June 2027');
    expect(page.body).toContain('Open cases: the last 12 months');
    expect(page.body).toContain('<svg class="app-chart"');
    expect(page.body).toContain('Timeliness of EHC plans');
    expect(page.body).toContain('Decide every request within 6 weeks');
    expect(page.body).toContain('At risk');
    // A public page: no staff links, no sign-out, the accessibility statement in the footer.
    expect(page.body).not.toContain('Sign out');
    expect(page.body).not.toContain('/improvement-plan');
    expect(page.body).toContain('href="/accessibility"');
  });

  it('names no child and no member of staff: not the officer who owns an action, not their status note, not the children counted', async () => {
    const council = await aCouncil();
    const { open, decided } = await aPlan(council);
    const cases = [];
    for (let index = 0; index < 6; index += 1) cases.push(await aCase(testApp, council.officer.actor, { receivedOn: '2026-10-01', stage: 'assessment' }));
    await pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open, decided] });
    const page = await anonymous(address(council));
    expect(page.statusCode).toBe(200);
    const children = await queryRows<{ forename: string; surname: string }>(testApp.database.db, sql`SELECT forename, surname FROM child WHERE authority_id = ${council.authorityId}`);
    expect(children).toHaveLength(6);
    for (const child of children) {
      expect(page.body).not.toContain(child.forename);
      expect(page.body).not.toContain(child.surname);
    }
    for (const person of [council.manager, council.officer, council.board]) expect(page.body).not.toContain(person.user.name);
    expect(page.body).not.toContain('covering two vacancies');
    for (const found of cases) {
      expect(page.body).not.toContain(found.reference);
      expect(page.body).not.toContain(found.childId);
    }
  });

  it('shows a count of 1 to 4 as "fewer than 5", and withholds a percentage of fewer than 5 cases, saying why', async () => {
    const council = await aCouncil();
    const { open, decided } = await aPlan(council);
    // Three requests received in October, each decided in 35 days: 100% of 3 decided in 6 weeks, and 3 open cases.
    for (let index = 0; index < 3; index += 1) await aCase(testApp, council.officer.actor, { receivedOn: '2026-10-01', stage: 'assessment' });
    await pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open, decided] });
    const view = await pages().publicPage(council.laCode);
    const [openCases, decidedInTime] = view.measures;
    expect(openCases!.current).toEqual({ kind: 'fewer-than-5' });
    expect(openCases!.trajectory).toBe('withheld');
    expect(openCases!.months.at(-1)!.figure).toEqual({ kind: 'fewer-than-5' });
    expect(decidedInTime!.current).toEqual({ kind: 'share-withheld', reason: 'few-cases', of: { kind: 'fewer-than-5' } });
    expect(decidedInTime!.months.find((month) => month.month === '2026-11')!.figure).toMatchObject({ kind: 'share-withheld', reason: 'few-cases' });
    const page = await anonymous(address(council));
    expect(page.body).toContain('fewer than 5');
    expect(page.body).toContain('It would be a percentage of fewer than 5 cases, few enough to point to a child.');
    expect(page.body).not.toContain('100.0%');
    expect(page.body).not.toMatch(/>\s*3\s*</);
  });

  it('is worked out once for a few minutes whoever asks, a change to it shows at once, and no view of it is logged', async () => {
    const council = await aCouncil();
    const { open } = await aPlan(council);
    for (let index = 0; index < 5; index += 1) await aCase(testApp, council.officer.actor, { receivedOn: '2026-11-02' });
    await pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open] });
    const logsBefore = { lists: await rows('list_access_log', council.authorityId), records: await rows('access_log', council.authorityId) };
    expect((await pages().publicPage(council.laCode)).measures[0]!.current).toEqual({ kind: 'count', value: 5 });
    await aCase(testApp, council.officer.actor, { receivedOn: '2026-11-03' });
    for (let index = 0; index < 5; index += 1) expect((await anonymous(address(council))).statusCode).toBe(200);
    // Kept: the sixth case is not read until the figures are read again.
    expect((await pages().publicPage(council.laCode)).measures[0]!.current).toEqual({ kind: 'count', value: 5 });
    expect({ lists: await rows('list_access_log', council.authorityId), records: await rows('access_log', council.authorityId) }).toEqual(logsBefore);
    await pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open], explanations: { [open]: 'Cases open today.' } });
    expect((await pages().publicPage(council.laCode)).measures[0]!.current).toEqual({ kind: 'count', value: 6 });
  });
});

describe('the manager’s choices', () => {
  it('go to the plan’s change log and the audit log; saving the same again writes nothing', async () => {
    const council = await aCouncil();
    const { open, decided } = await aPlan(council);
    const before = await saved(council.authorityId);
    await pages().saveSettings(council.manager.actor, { published: 'yes', measures: [decided, open], explanations: { [open]: 'Cases open today.' } });
    const changes = await plans().changes(council.manager.actor);
    const ours = changes.filter((change) => change.subject === 'The public page');
    expect(ours.map((change) => change.what).sort()).toEqual(['Measures shown', 'Published', 'What “Open cases” means for families']);
    expect(ours.find((change) => change.what === 'Published')).toMatchObject({ before: 'Not published', after: 'Published', byName: council.manager.user.name });
    // Shown in the plan's order whatever the order ticked: the area's measure, then its action's.
    expect(ours.find((change) => change.what === 'Measures shown')!.after).toBe('Open cases (area: Timeliness of EHC plans); Requests decided within 6 weeks (action: Decide every request within 6 weeks)');
    const after = await saved(council.authorityId);
    expect(after).toEqual({ pages: 1, measures: 2, changes: before.changes + 3, audit: 1 });
    await pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open, decided], explanations: { [open]: 'Cases open today.' } });
    expect(await saved(council.authorityId)).toEqual(after);
    const settings = await pages().settings(council.manager.actor);
    expect(settings).toMatchObject({ published: true, address: `/our-improvement-plan/${council.laCode}` });
    expect(settings.choices.map((choice) => [choice.title, choice.selected, choice.explanation])).toEqual([
      ['Open cases', true, 'Cases open today.'],
      ['Requests decided within 6 weeks', true, ''],
    ]);
  });

  it('refuses a measure not bound to the plan, a measure of another council’s plan, a catalogue id, publishing with none, and a sentence too long: a clear error, nothing saved', async () => {
    const council = await aCouncil();
    const other = await aCouncil();
    const { open } = await aPlan(council);
    const theirs = await aPlan(other);
    const { areaId } = await plans().addArea(council.manager.actor, { title: 'Annual reviews', finding: 'Reviews are late.' });
    const again = await plans().bindMeasure(council.manager.actor, { areaId }, { measureId: 'open-cases', baselineValue: '40', targetValue: '30', ...target });
    const before = await saved(council.authorityId);
    const notBound = await validationRefusal(pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open, '0190a1b2-0000-7000-8000-000000000000'] }));
    expect(refusedFields(notBound)).toEqual(['measures']);
    expect(refusedMessages(notBound)).toBe('Select measures from the list: “0190a1b2-0000-7000-8000-000000000000” is not a measure bound to the plan');
    const another = await validationRefusal(pages().saveSettings(council.manager.actor, { published: 'yes', measures: [theirs.open] }));
    expect(refusedFields(another)).toEqual(['measures']);
    const catalogueId = await validationRefusal(pages().saveSettings(council.manager.actor, { published: 'yes', measures: ['open-cases'] }));
    expect(refusedMessages(catalogueId)).toBe('Select measures from the list: “open-cases” is not a measure bound to the plan');
    const none = await validationRefusal(pages().saveSettings(council.manager.actor, { published: 'yes', measures: [] }));
    expect(refusedMessages(none)).toBe('Select at least one measure for the page, or choose not to publish it');
    const neither = await validationRefusal(pages().saveSettings(council.manager.actor, { measures: [open] }));
    expect(refusedFields(neither)).toEqual(['published']);
    const twice = await validationRefusal(pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open, again.bindingId] }));
    expect(refusedMessages(twice)).toBe('Choose “Open cases” once: it is bound to the plan more than once, and the page shows each measure once, with one target');
    const long = await validationRefusal(pages().saveSettings(council.manager.actor, { published: 'yes', measures: [open], explanations: { [open]: 'x'.repeat(401) } }));
    expect(refusedFields(long)).toEqual([`explanation-${open}`]);
    expect(await saved(council.authorityId)).toEqual(before);
    expect((await anonymous(address(council))).statusCode).toBe(404);
  });

  it('are a manager’s alone: a case officer and a board member are refused (403), by the service and the pages, nothing saved', async () => {
    const council = await aCouncil();
    const { open } = await aPlan(council);
    const before = await saved(council.authorityId);
    for (const person of [council.officer, council.board]) {
      await expect(pages().settings(person.actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(pages().saveSettings(person.actor, { published: 'yes', measures: [open] })).rejects.toBeInstanceOf(ForbiddenError);
      const jar = await signIn(testApp.app, person.user.email, person.password);
      expect((await getPage(testApp.app, jar, '/improvement-plan/public-page')).statusCode).toBe(403);
      const post = await postForm(testApp.app, jar, '/improvement-plan/public-page', { published: 'yes', measures: open }, { csrfFrom: '/account' });
      expect(post.statusCode).toBe(403);
    }
    expect(await saved(council.authorityId)).toEqual(before);
  });

  it('the form: CSRF needed, an error summary linking to the field, then the page published with the measures ticked', async () => {
    const council = await aCouncil();
    const { open, decided } = await aPlan(council);
    const jar = await signIn(testApp.app, council.manager.user.email, council.manager.password);
    const form = await getPage(testApp.app, jar, '/improvement-plan/public-page');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Open cases');
    expect(form.body).toContain(`/our-improvement-plan/${council.laCode}`);
    const plan = await getPage(testApp.app, jar, '/improvement-plan');
    expect(plan.body).toContain('href="/improvement-plan/public-page"');
    expect(plan.body).not.toContain('The plan’s public page, for families');

    const forged = await postForm(testApp.app, jar, '/improvement-plan/public-page', { published: 'yes', measures: open });
    expect(forged.statusCode).toBe(403);

    const wrong = await postForm(testApp.app, jar, '/improvement-plan/public-page', { published: 'yes', measures: 'open-cases' }, { csrfFrom: '/improvement-plan/public-page' });
    expect(wrong.statusCode).toBe(400);
    expect(errorSummaryOf(wrong.body)).toEqual([{ href: '#measures', text: 'Select measures from the list: “open-cases” is not a measure bound to the plan' }]);
    const noChoice = await postForm(testApp.app, jar, '/improvement-plan/public-page', {}, { csrfFrom: '/improvement-plan/public-page' });
    expect(errorSummaryOf(noChoice.body).map((error) => error.href)).toEqual(['#published']);
    expect((await saved(council.authorityId)).pages).toBe(0);

    const body = new URLSearchParams({ published: 'yes', [`explanation-${decided}`]: 'How quickly we decide whether to assess.' });
    body.append('measures', open);
    body.append('measures', decided);
    const csrf = await getPage(testApp.app, jar, '/improvement-plan/public-page');
    body.set('_csrf', /name="_csrf" value="([^"]+)"/.exec(csrf.body)![1]!);
    const posted = await testApp.app.inject({ method: 'POST', url: '/improvement-plan/public-page', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() }, payload: body.toString() });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/improvement-plan/public-page?saved=public-page');
    const view = await pages().publicPage(council.laCode);
    expect(view.measures.map((entry) => [entry.title, entry.explanation])).toEqual([
      ['Open cases', ''],
      ['Requests decided within 6 weeks', 'How quickly we decide whether to assess.'],
    ]);
    expect((await getPage(testApp.app, jar, '/improvement-plan')).body).toContain(`href="/our-improvement-plan/${council.laCode}"`);
    // Anyone, with no session at all.
    expect((await getPage(testApp.app, new CookieJar(), address(council))).statusCode).toBe(200);
  });
});
