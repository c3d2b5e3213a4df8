import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { closeWorkers } from '../../lib/worker-pool.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aDecisionMaker, anOfficer, aPlan, aSchool, aSoundPlanContent, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { planDocument } from './presenters.ts';
import { documentWords } from './rendering/index.ts';
import { docxParts, docxWords, htmlWords, structureWords } from './rendering/text-of.ts';
import { StaleRevisionError } from './service.ts';

const run = promisify(execFile);

let testApp: TestApp;
let officer: TestOfficer;
let jar: CookieJar;
/** A team manager: the final plan is issued with the council's delegated authority. */
let manager: TestOfficer;
let managerJar: CookieJar;
const clock = fixedClock('2026-11-30T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  jar = await signIn(testApp.app, officer.user.email, officer.password);
  manager = await aDecisionMaker(testApp);
  managerJar = await signIn(testApp.app, manager.user.email, manager.password);
});
afterAll(async () => {
  await testApp?.close();
  await closeWorkers();
});

const plans = () => testApp.services.plans;
const working = (planId: string) => plans().versionView(officer.actor, planId);
const VAGUE_F = { ...aSoundPlanContent().f![0]!, what: 'Access to a quiet room and regular check-ins' };

async function caseEvents(caseId: string) {
  return queryRows<{ type: string; occurred_on: string }>(testApp.database.db, sql`SELECT type, occurred_on FROM case_event WHERE case_id = ${caseId} ORDER BY recorded_at`);
}
/** The rows of the page's SEN2 summary list, as [key, value] text. */
function summaryRows(body: string): string[][] {
  const list = /<dl[^>]*data-sen2[^>]*>([\s\S]*?)<\/dl>/.exec(body)?.[1] ?? '';
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  return [...list.matchAll(/<dt[^>]*>([\s\S]*?)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/g)].map((match) => [text(match[1]!), text(match[2]!)]);
}
async function letterTypes(caseId: string) {
  return (await queryRows<{ letter_type: string }>(testApp.database.db, sql`SELECT letter_type FROM letter WHERE case_id = ${caseId} ORDER BY created_at`)).map((row) => row.letter_type);
}

describe('starting the plan', () => {
  it('starts a draft only once the decision to make a plan is recorded (SEND Regs 2014 reg. 10)', async () => {
    const assessed = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-09-01' });
    await expect(plans().startDraft(officer.actor, assessed.caseId)).rejects.toThrow(/decision to make an EHC plan/);
    const { planId, caseId } = await aPlan(testApp, officer.actor);
    const view = await working(planId);
    expect(view.version).toMatchObject({ number: 1, status: 'working', revision: 1 });
    expect(view.stage).toBe('draft');
    await expect(plans().startDraft(officer.actor, caseId)).rejects.toThrow(ConflictError);
  });
});

describe('writing the plan: bad input is refused and nothing is saved', () => {
  it('saves items section by section, each save a new revision, audited', async () => {
    const { planId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent() });
    const view = await working(planId);
    expect(view.version.revision).toBe(2);
    expect(view.content.f).toHaveLength(1);
    const { itemId } = await plans().saveItem(officer.actor, planId, 'c', { description: 'Epilepsy, controlled by medication' }, 2);
    expect((await working(planId)).content.c.map((need) => need.id)).toEqual([itemId]);
    const audits = await queryRows<{ action: string }>(testApp.database.db, sql`SELECT action FROM audit_event WHERE entity_id = ${planId} ORDER BY occurred_at`);
    expect(audits.map((row) => row.action)).toEqual(['plan.started', 'plan.sections-saved', 'plan.item-saved']);
  });

  it.each([
    ['an F item that names no need (Code 9.69)', 'f', { ...VAGUE_F, id: undefined, needIds: [] }, 'needIds'],
    ['an outcome linked to a need not in this plan', 'e', { description: 'Reads', needIds: ['b-of-another-plan'], achieveBy: 'July' }, 'needIds'],
  ] as const)('refuses %s', async (_name, section, item, field) => {
    const { planId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent() });
    const before = await working(planId);
    const error = await plans()
      .saveItem(officer.actor, planId, section, item as Record<string, unknown>, before.version.revision)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]?.field).toBe(field);
    expect((await working(planId)).version.revision).toBe(before.version.revision);
  });

  it('refuses a URN not in the schools register, and names a school that is', async () => {
    const { planId } = await aPlan(testApp, officer.actor);
    await expect(plans().saveSection(officer.actor, planId, 'i', { kind: 'school', urn: 899999 }, 1)).rejects.toThrow(/no school with URN 899999/);
    const school = await aSchool(testApp.database.db);
    await plans().saveSection(officer.actor, planId, 'i', { kind: 'school', urn: school.urn }, 1);
    expect((await working(planId)).schools[String(school.urn)]?.name).toBe(school.name);
  });

  it('refuses a personal budget below zero', async () => {
    const { planId } = await aPlan(testApp, officer.actor);
    await expect(plans().saveSection(officer.actor, planId, 'j', { amount: -50, covers: 'Transport', paidHow: 'Direct payment' }, 1)).rejects.toThrow(/less than £0/);
    expect((await working(planId)).content.j).toBeNull();
  });

  it('refuses the second of two saves of the same revision, showing what the first changed', async () => {
    const { planId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent() });
    await plans().saveItem(officer.actor, planId, 'f', { ...VAGUE_F, frequency: 'Twice a week' }, 2);
    const error = await plans()
      .saveItem(officer.actor, planId, 'c', { description: 'Asthma' }, 2)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StaleRevisionError);
    const changes = (error as StaleRevisionError).changes;
    expect(changes[0]).toMatchObject({ section: 'f', items: [{ change: 'changed', itemId: 'f-1' }] });
    expect(changes[0]!.items[0]!.fields.map((field) => field.name)).toEqual(['what', 'frequency']);
    expect((await working(planId)).content.c).toEqual([]);
  });
});

describe('issuing the draft and the final plan (SEND Regs 2014 regs 13 and 14)', () => {
  it('issues the draft after the check, each warning overridden with a reason: the version frozen, draft.issued recorded, the notice queued (reg. 13(1))', async () => {
    const { planId, caseId } = await aPlan(testApp, officer.actor, { content: { ...aSoundPlanContent(), f: [VAGUE_F] } });
    const view = await working(planId);
    expect(view.findings.map((finding) => finding.code)).toEqual(['f-vague']);
    await expect(plans().issueDraft(officer.actor, planId, {})).rejects.toThrow(/give the reason/);
    expect(await letterTypes(caseId)).not.toContain('draft-plan-issued');
    const { result } = await plans().issueDraft(officer.actor, planId, { overrides: [{ findingId: 'f-vague.f-1', reason: 'The room is named in the school’s provision map' }] });
    expect(result).toMatchObject({ status: 'draft', versionNumber: 1, issuedOn: '2026-11-30' });
    expect((await caseEvents(caseId)).map((event) => event.type)).toContain('draft.issued');
    expect(await letterTypes(caseId)).toContain('draft-plan-issued');
    const summary = await plans().planSummary(officer.actor, planId);
    expect(summary.versions.map((version) => [version.number, version.status])).toEqual([
      [1, 'draft'],
      [2, 'working'],
    ]);
  });

  it('refuses a draft issued twice', async () => {
    const { planId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent(), draftIssuedOn: '2026-11-20' });
    await expect(plans().issueDraft(officer.actor, planId, {})).rejects.toThrow(/already issued, on 2026-11-20/);
  });

  it('refuses the final plan before the family’s 15 days on the draft are over (SEND Regs 2014 reg. 13(1)(a))', async () => {
    const school = await aSchool(testApp.database.db);
    const { planId, caseId } = await aPlan(testApp, officer.actor, { content: { ...aSoundPlanContent(), i: { kind: 'school', urn: school.urn } }, draftIssuedOn: '2026-11-20' });
    const error = await plans()
      .issueFinal(manager.actor, planId, {})
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).problems).toEqual([{ field: 'issuedOn', message: expect.stringContaining('reg. 13(1)(a)') }]);
    expect((await caseEvents(caseId)).map((event) => event.type)).not.toContain('plan.issued');
  });

  it('refuses a final plan without section I, whatever the reason given (SEND Regs 2014 reg. 12)', async () => {
    const { planId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent(), draftIssuedOn: '2026-11-01' });
    await expect(plans().issueFinal(manager.actor, planId, { overrides: [{ findingId: 'i-missing', reason: 'School to follow' }] })).rejects.toThrow(/without sections B, F and I/);
  });

  it('issues the final plan once the 15 days are over: plan.issued, the notice with appeal rights, every version frozen (reg. 14)', async () => {
    const school = await aSchool(testApp.database.db);
    const { planId, caseId } = await aPlan(testApp, officer.actor, { content: { ...aSoundPlanContent(), i: { kind: 'school', urn: school.urn } }, draftIssuedOn: '2026-11-01' });
    const { result } = await plans().issueFinal(manager.actor, planId, {});
    expect(result).toMatchObject({ status: 'final', versionNumber: 2 });
    expect((await caseEvents(caseId)).map((event) => event.type)).toContain('plan.issued');
    expect(await letterTypes(caseId)).toContain('final-plan-issued');
    const view = await plans().versionView(officer.actor, planId);
    expect(view.version.status).toBe('final');
    await expect(plans().saveItem(officer.actor, planId, 'c', { description: 'Asthma' }, view.version.revision)).rejects.toThrow(/issued and cannot be changed/);
    const letter = await queryRows<{ body_text: string }>(testApp.database.db, sql`SELECT body_text FROM letter WHERE case_id = ${caseId} AND letter_type = 'final-plan-issued'`);
    expect(letter[0]?.body_text).toMatch(/section B.*section F.*section I/s);
  });
});

describe('the final plan’s notice', () => {
  it('counts the right of appeal and the mediation adviser’s date from the day the final plan was issued, not the day it was entered (HESC Rules 2008 r.20(1)(c); CFA 2014 s.55)', async () => {
    const school = await aSchool(testApp.database.db);
    const { planId, caseId } = await aPlan(testApp, officer.actor, { content: { ...aSoundPlanContent(), i: { kind: 'school', urn: school.urn } }, draftIssuedOn: '2026-11-01' });
    // Entered on 30 November 2026 for a plan issued on 18 November: two months from the 18th.
    const { result } = await plans().issueFinal(manager.actor, planId, { issuedOn: '2026-11-18' });
    expect(result.issuedOn).toBe('2026-11-18');
    const letter = await queryRows<{ body_text: string }>(testApp.database.db, sql`SELECT body_text FROM letter WHERE case_id = ${caseId} AND letter_type = 'final-plan-issued'`);
    expect(letter[0]?.body_text).toContain('that is by 18 January 2027');
    expect(letter[0]?.body_text).toContain('mediation adviser by 18 January 2027');
    expect(letter[0]?.body_text).not.toMatch(/30 January 2027|1 February 2027/);
  });
});

describe('what the SEN2 return will say of the final plan', () => {
  it('shows, on the final plan’s page, NamedPlan StartDate, Week20 with and without exceptions, the placement by URN and the needs by rank, from the case’s events and the plan (DfE SEN2 guide; SEND Regs 2014 reg. 13(2))', async () => {
    const school = await aSchool(testApp.database.db);
    const content = { ...aSoundPlanContent(), b: [...aSoundPlanContent().b!, { id: 'b-2', type: 'SEMH' as const, primary: false, description: 'Anxious in busy places.' }], i: { kind: 'school' as const, urn: school.urn } };
    const { planId } = await aPlan(testApp, officer.actor, { content, receivedOn: '2026-07-06', draftIssuedOn: '2026-11-01' });
    const draftPage = await getPage(testApp.app, jar, `/plans/${planId}`);
    expect(draftPage.body).not.toContain('What the SEN2 return will say');
    await plans().issueFinal(manager.actor, planId, { issuedOn: '2026-11-25', overrides: [{ findingId: 'b-need-without-provision.b-2', reason: 'Met from the school’s own resources' }] });
    const page = await getPage(testApp.app, jar, `/plans/${planId}`);
    expect(page.statusCode).toBe(200);
    const rows = summaryRows(page.body);
    expect(rows).toEqual([
      ['Request received (ReceivedDate)', '6 July 2026'],
      ['Plan start date (NamedPlan StartDate)', '25 November 2026'],
      ['Issued within 20 weeks (Week20)', '0 (no): the 20 weeks ended on 23 November 2026'],
      ['Within 20 weeks, excluding exceptions', '0 (no): no exception is recorded'],
      ['Placement (PlanDetail)', `URN ${school.urn}, ${school.name}; placement rank 1`],
      ['Needs (SENneed)', 'SLCN (Speech, language and communication needs), rank 1; SEMH (Social, emotional and mental health), rank 2'],
    ]);
    const earlier = await getPage(testApp.app, jar, `/plans/${planId}/versions/1`);
    expect(earlier.body).not.toContain('What the SEN2 return will say');
  });
});

describe('issued versions are frozen by the database itself', () => {
  it('refuses any change to, or deletion of, an issued version (trigger)', async () => {
    const { planId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent(), draftIssuedOn: '2026-11-20' });
    const db = testApp.database.db;
    const refusal = (query: Promise<unknown>) => query.then(() => 'done', (error: Error & { cause?: Error }) => `${error.message} ${error.cause?.message ?? ''}`);
    expect(await refusal(db.execute(sql`UPDATE plan_version SET content = '{}'::jsonb WHERE plan_id = ${planId} AND status = 'draft'`))).toMatch(/was issued \(draft\) and cannot be changed/);
    expect(await refusal(db.execute(sql`DELETE FROM plan_version WHERE plan_id = ${planId} AND status = 'draft'`))).toMatch(/cannot be deleted/);
    await expect(db.execute(sql`UPDATE plan_version SET revision = revision + 1 WHERE plan_id = ${planId} AND status = 'working'`)).resolves.toBeDefined();
  });
});

describe('who may see the plan', () => {
  it('a restricted child’s plan is only for the officer who holds the case and managers: to anyone else it does not exist, and the refusal is logged', async () => {
    const { planId, childId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent() });
    await queryRows(testApp.database.db, sql`UPDATE child SET sensitive = true WHERE id = ${childId}`);
    const colleague = await anOfficer(testApp);
    await expect(plans().versionView(colleague.actor, planId)).rejects.toThrow('No such case');
    await expect(plans().saveItem(colleague.actor, planId, 'c', { description: 'Asthma' }, 2)).rejects.toThrow('No such case');
    const refused = await queryRows<{ view: string }>(testApp.database.db, sql`SELECT view FROM access_log WHERE child_id = ${childId} AND actor_id = ${colleague.user.id}`);
    expect(refused.map((row) => row.view)).toContain('refused:plan');
    expect((await plans().versionView(officer.actor, planId)).content.c).toEqual([]);
  });
});

describe('the plan as a PDF and a Word document', () => {
  it('gives an issued version as a download of each, saying what the page says, each download a logged view of the child', async () => {
    const { planId, childId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent(), draftIssuedOn: '2026-11-20' });
    const view = await plans().versionView(officer.actor, planId, 1);
    expect(view.version.status).toBe('draft');
    const expected = documentWords(planDocument(view)).join(' ');
    const page = await getPage(testApp.app, jar, `/plans/${planId}/versions/1`);
    expect(page.statusCode).toBe(200);
    expect(htmlWords(page.body).join(' ')).toContain(expected);
    expect(page.body).toContain(`href="/plans/${planId}/versions/1/pdf"`);

    const pdf = await getPage(testApp.app, jar, `/plans/${planId}/versions/1/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename=".*version 1\.pdf"/);
    expect(pdf.headers['cache-control']).toBe('no-store');
    const folder = await mkdtemp(join(tmpdir(), 'plan-'));
    try {
      await writeFile(join(folder, 'plan.pdf'), pdf.rawPayload);
      const { stdout } = await run('pdfinfo', ['-struct-text', join(folder, 'plan.pdf')], { maxBuffer: 16 * 1024 * 1024 });
      expect(structureWords(stdout).join(' ')).toBe(expected);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }

    const docx = await getPage(testApp.app, jar, `/plans/${planId}/versions/1/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docxWords(docxParts(docx.rawPayload, ['word/document.xml'])['word/document.xml']!).join(' ')).toBe(expected);

    const log = await queryRows<{ view: string }>(testApp.database.db, sql`SELECT view FROM access_log WHERE child_id = ${childId} AND view IN ('plan-pdf', 'plan-docx') ORDER BY view`);
    expect(log.map((row) => row.view)).toEqual(['plan-docx', 'plan-pdf']);
  });

  it('is not there for anyone who may not see the child, nor for a version the plan does not have', async () => {
    const { planId, childId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent() });
    await queryRows(testApp.database.db, sql`UPDATE child SET sensitive = true WHERE id = ${childId}`);
    const colleague = await anOfficer(testApp);
    const colleagueJar = await signIn(testApp.app, colleague.user.email, colleague.password);
    expect((await getPage(testApp.app, colleagueJar, `/plans/${planId}/versions/1/pdf`)).statusCode).toBe(404);
    expect((await getPage(testApp.app, colleagueJar, `/plans/${planId}/versions/1/docx`)).statusCode).toBe(404);
    expect((await getPage(testApp.app, jar, `/plans/${planId}/versions/9/pdf`)).statusCode).toBe(404);
    expect((await getPage(testApp.app, jar, `/plans/${planId}/versions/0/docx`)).statusCode).toBe(404);
  });
});

describe('the plan’s pages', () => {
  it('shows a version with each section and item anchored, and logs the view', async () => {
    const { planId, childId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent() });
    const page = await getPage(testApp.app, jar, `/plans/${planId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="section-a"');
    expect(page.body).toContain('id="item-f-1"');
    expect(page.body).toContain('Section F: Special educational provision');
    const log = await queryRows<{ view: string }>(testApp.database.db, sql`SELECT view FROM access_log WHERE child_id = ${childId} AND view = 'plan'`);
    expect(log.length).toBeGreaterThan(0);
  });

  it('the check page links each finding to its item', async () => {
    const { planId } = await aPlan(testApp, officer.actor, { content: { ...aSoundPlanContent(), f: [VAGUE_F] } });
    const page = await getPage(testApp.app, jar, `/plans/${planId}/check`);
    expect(page.body).toContain(`href="/plans/${planId}#item-f-1"`);
    expect(page.body).toContain('“access to”');
  });

  it('the item form refuses an F item naming no need with an error summary, and saves nothing', async () => {
    const { planId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent() });
    const url = `/plans/${planId}/sections/f/items/new`;
    const response = await postForm(testApp.app, jar, url, { revision: '2', what: 'Lego therapy', frequency: 'Weekly' }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([{ href: '#needIds', text: 'Select at least one need the provision meets' }]);
    expect((await working(planId)).content.f).toHaveLength(1);
  });

  it('the item form saves an item and a stale form is refused showing the other change', async () => {
    const { planId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent() });
    const url = `/plans/${planId}/sections/f/items/f-1`;
    const saved = await postForm(testApp.app, jar, url, { revision: '2', what: 'Speech therapy', needIds: 'b-1', providerRole: 'SLT', frequency: 'Twice a week', duration: '30 minutes' }, { csrfFrom: url });
    expect(saved.statusCode).toBe(303);
    const stale = await postForm(testApp.app, jar, url, { revision: '2', what: 'Something else', needIds: 'b-1' }, { csrfFrom: url });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Your change was not saved');
    expect(stale.body).toMatch(/<ins class="app-diff__added"><span class="govuk-visually-hidden">\[added: <\/span>Twice/);
    expect((await working(planId)).content.f[0]?.what).toBe('Speech therapy');
  });

  it('the section I form refuses a URN not in the register with an error summary', async () => {
    const { planId } = await aPlan(testApp, officer.actor);
    const url = `/plans/${planId}/sections/i`;
    const response = await postForm(testApp.app, jar, url, { revision: '1', kind: 'school', urn: '899998' }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)[0]).toEqual({ href: '#urn', text: 'There is no school with URN 899998 in the schools register' });
  });

  it('the issue-draft form asks for a reason for each warning, then issues the draft', async () => {
    const { planId, caseId } = await aPlan(testApp, officer.actor, { content: { ...aSoundPlanContent(), f: [VAGUE_F] } });
    const url = `/plans/${planId}/issue-draft`;
    const refused = await postForm(testApp.app, jar, url, { revision: '2' }, { csrfFrom: url });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)[0]?.href).toBe('#override-f-vague-f-1');
    expect((await caseEvents(caseId)).map((event) => event.type)).not.toContain('draft.issued');
    const issued = await postForm(testApp.app, jar, url, { revision: '2', 'override-f-vague.f-1': 'Named in the provision map' }, { csrfFrom: url });
    expect(issued.statusCode).toBe(303);
    expect((await caseEvents(caseId)).map((event) => event.type)).toContain('draft.issued');
  });

  it('the issue-final form refuses the final plan inside the draft’s 15 days (SEND Regs 2014 reg. 13(1)(a))', async () => {
    const school = await aSchool(testApp.database.db);
    const { planId } = await aPlan(testApp, officer.actor, { content: { ...aSoundPlanContent(), i: { kind: 'school', urn: school.urn } }, draftIssuedOn: '2026-11-25' });
    const url = `/plans/${planId}/issue-final`;
    const refused = await postForm(testApp.app, managerJar, url, { revision: '1' }, { csrfFrom: url });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)[0]).toMatchObject({ href: '#issuedOn-day', text: expect.stringContaining('reg. 13(1)(a)') });
  });

  it('a case officer may issue the draft but not the final plan: the plan page says who issues it, the form and its post are refused (403), and nothing is recorded', async () => {
    const school = await aSchool(testApp.database.db);
    const { planId, caseId } = await aPlan(testApp, officer.actor, { content: { ...aSoundPlanContent(), i: { kind: 'school', urn: school.urn } }, draftIssuedOn: '2026-11-01' });
    const page = await getPage(testApp.app, jar, `/plans/${planId}`);
    expect(page.body).toContain('A team manager or service lead issues the final plan');
    expect(page.body).not.toContain(`href="/plans/${planId}/issue-final"`);
    const url = `/plans/${planId}/issue-final`;
    expect((await getPage(testApp.app, jar, url)).statusCode).toBe(403);
    const csrfFrom = `/plans/${planId}/sections/c/items/new`;
    const posted = await postForm(testApp.app, jar, url, { revision: '1' }, { csrfFrom });
    expect(posted.statusCode).toBe(403);
    expect(posted.body).toContain('Only a team manager or service lead can issue the final plan');
    expect((await caseEvents(caseId)).map((event) => event.type)).not.toContain('plan.issued');
    await expect(plans().issueFinal(officer.actor, planId, {})).rejects.toThrow(/Only a team manager or service lead/);
    expect((await getPage(testApp.app, managerJar, `/plans/${planId}`)).body).toContain(`href="/plans/${planId}/issue-final"`);
  });

  it('the compare page shows the words changed between the draft and the working version', async () => {
    const { planId } = await aPlan(testApp, officer.actor, { content: { ...aSoundPlanContent(), f: [VAGUE_F] }, draftIssuedOn: '2026-11-20' });
    await plans().saveItem(officer.actor, planId, 'f', { ...VAGUE_F, what: 'A quiet room for 20 minutes after lunch' }, 1);
    const page = await getPage(testApp.app, jar, `/plans/${planId}/compare?from=1&to=2`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<del class="app-diff__removed">.*Access to/s);
    expect(page.body).toContain('F1: changed');
    const refused = await getPage(testApp.app, jar, `/plans/${planId}/compare?from=1&to=9`);
    expect(refused.statusCode).toBe(400);
  });

  it('refuses a form posted without its CSRF token, and issues nothing', async () => {
    const { planId, caseId } = await aPlan(testApp, officer.actor, { content: aSoundPlanContent() });
    const response = await postForm(testApp.app, jar, `/plans/${planId}/issue-draft`, { revision: '2' });
    expect(response.statusCode).toBe(403);
    expect((await caseEvents(caseId)).map((event) => event.type)).not.toContain('draft.issued');
  });

  it('the child’s record opens the plan', async () => {
    const { caseId, planId } = await aPlan(testApp, officer.actor);
    const page = await getPage(testApp.app, jar, `/cases/${caseId}/plan`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`/plans/${planId}`);
  });
});
