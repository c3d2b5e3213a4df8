// Administrators keep the council's wording of each letter: edit it with the fields beside it,
// preview it against a real case (a view of that child, logged), and save it as a new version,
// audited, every version kept. A template that is not fields and plain text is refused with the
// GOV.UK error summary and nothing saved; so is a stale form. The council's details likewise.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { errorSummaryOf, getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { listAccessFor, listAuditEvents } from '../audit/index.ts';

const clock = fixedClock('2026-11-30T10:00:00Z');

let testApp: TestApp;
let admin: TestOfficer;
let adminJar: CookieJar;
let officer: TestOfficer;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  admin = await anOfficer(testApp, { role: 'admin', name: 'Grace Adeyemi' });
  adminJar = await signIn(testApp.app, admin.user.email, admin.password);
  officer = await anOfficer(testApp);
});
afterAll(async () => {
  await testApp?.close();
});

const letters = () => testApp.services.letters;

async function versionsOf(type: string, authorityId = testApp.authorityId) {
  return queryRows<{ version: number; subject: string; body: string }>(
    testApp.database.db,
    sql`SELECT "version", "subject", "body" FROM "letter_template" WHERE "authority_id" = ${authorityId} AND "letter_type" = ${type} ORDER BY "version"`,
  );
}

/** Posts the template form as the administrator, with the form's own CSRF token. */
const postTemplate = (type: string, fields: Record<string, string>, jar = adminJar) => postForm(testApp.app, jar, `/letters/${type}`, fields, { csrfFrom: `/letters/${type}` });

describe('who may see and change the letters', () => {
  it('administrators change them; team managers and service leads read them; case officers and board members are refused', async () => {
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const managerJar = await signIn(testApp.app, manager.user.email, manager.password);
    for (const url of ['/letters', '/letters/assessment-refused', '/letters/council-details']) {
      const page = await getPage(testApp.app, managerJar, url);
      expect(page.statusCode, url).toBe(200);
    }
    expect((await getPage(testApp.app, managerJar, '/letters/assessment-refused')).body).toContain('Only an administrator can change the wording.');
    expect((await getPage(testApp.app, managerJar, '/letters/assessment-refused')).body).not.toContain('name="body"');
    await expect(letters().saveTemplate(manager.actor, 'views-request', { subject: 'S', body: 'B', baseVersion: 0 })).rejects.toThrow(ForbiddenError);
    await expect(letters().preview(manager.actor, 'views-request', { subject: 'S', body: 'B', caseId: '' })).rejects.toThrow(ForbiddenError);
    await expect(letters().saveCouncilDetails(manager.actor, { councilName: 'x', sendTeamEmail: 'a@b.example', iassName: 'x', iassContact: 'x', mediationService: 'x', disagreementResolutionService: 'x', version: 0 })).rejects.toThrow(ForbiddenError);
    const posted = await postForm(testApp.app, managerJar, '/letters/views-request', { subject: 'S', body: 'B', baseVersion: '0', action: 'save' }, { csrfFrom: '/letters' });
    expect(posted.statusCode).toBe(403);

    for (const role of ['case_officer', 'board_member'] as const) {
      const someone = await anOfficer(testApp, { role });
      const jar = await signIn(testApp.app, someone.user.email, someone.password);
      for (const url of ['/letters', '/letters/assessment-refused', '/letters/council-details']) expect((await getPage(testApp.app, jar, url)).statusCode, `${role} ${url}`).toBe(403);
    }
    expect(await versionsOf('views-request')).toEqual([]);
    expect((await getPage(testApp.app, adminJar, '/letters/not-a-letter')).statusCode).toBe(404);
  });
});

describe('the letters page', () => {
  it('lists each type with whom it goes to and the wording in use, and the council’s details', async () => {
    const page = await getPage(testApp.app, adminJar, '/letters');
    expect(page.statusCode).toBe(200);
    for (const name of ['Decision to assess', 'Decision not to assess', 'Request withdrawn', 'Request for views', 'Request for advice', 'Advice reminder or chaser', 'Decision not to make a plan', 'Decision to make a plan']) {
      expect(page.body).toContain(`>${name}</a>`);
    }
    expect(page.body).toContain('Standard wording');
    expect(page.body).toContain('These are the demo council’s details.');
    expect(page.body).toContain('Demo City SENDIASS');
  });
});

describe('editing a letter', () => {
  it('shows the wording in use, the fields it may use with what each holds, and a case to preview with', async () => {
    await aCase(testApp, officer.actor, { child: { forename: 'Łucja', surname: 'Preview' } });
    const page = await getPage(testApp.app, adminJar, '/letters/assessment-refused');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-xl">Decision not to assess</h1>');
    expect(page.body).toContain('In use: the service’s standard wording.');
    expect(page.body).toContain('Our decision not to carry out an EHC needs assessment for {{childName}} ({{caseReference}})');
    expect(page.body).toContain('<code>{{appealBy}}</code>');
    expect(page.body).toContain('The last day to appeal to the tribunal: 2 months from the date of the notice. For example: <span dir="auto">3 May 2027</span>');
    expect(page.body).toMatch(/<option value="[0-9a-f-]{36}">999-EHC-\d{4}-\d{5}: Łucja Preview<\/option>/);
    // Listing cases is listing children: logged.
    const [listed] = await queryRows<{ view: string }>(testApp.database.db, sql`SELECT "view" FROM "list_access_log" WHERE "authority_id" = ${testApp.authorityId} AND "actor_id" = ${admin.actor.id} ORDER BY "accessed_at" DESC LIMIT 1`);
    expect(listed?.view).toBe('letters:preview-cases');
  });

  it('previews the wording typed against a real case, saving nothing, and logs the view of that child', async () => {
    const created = await aCase(testApp, officer.actor, { child: { forename: 'Mira', surname: '<b>Bold</b>' } });
    const response = await postTemplate('views-request', {
      subject: 'Views about {{childName}}',
      body: 'Dear {{recipientName}},\n\nWe write about {{childName}} ({{caseReference}}). Reply by {{respondBy}}.\n\n# Next\n\n- one\n- two',
      baseVersion: '0',
      previewCase: created.caseId,
      action: 'preview',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h2 class="govuk-heading-l" id="preview">Preview</h2>');
    expect(response.body).toContain(`How the letter reads for ${created.reference}`);
    expect(response.body).toContain('Views about Mira &lt;b&gt;Bold&lt;/b&gt;');
    expect(response.body).toContain(`We write about Mira &lt;b&gt;Bold&lt;/b&gt; (${created.reference}). Reply by 24 March 2027.`);
    expect(response.body).toContain('<h2 class="govuk-heading-m" dir="auto">Next</h2>');
    expect(response.body).toContain('<li dir="auto">two</li>');
    expect(response.body).not.toContain('<b>Bold</b>');
    // What was typed stays in the form.
    expect(response.body).toContain('Reply by {{respondBy}}.');
    expect(await versionsOf('views-request')).toEqual([]);
    const views = (await listAccessFor(testApp.database.db, testApp.authorityId, created.childId)).map((entry) => entry.view);
    expect(views).toContain('letter-preview:views-request');
  });

  it.each([
    ['a field the letter does not have', { subject: 'About {{childName}}', body: 'Dear {{childNme}}' }, [{ href: '#body', text: 'The template uses {{childNme}}, which is not a field of this letter. Did you mean {{childName}}?' }]],
    ['HTML markup', { subject: 'About {{childName}}', body: 'Dear <strong>parent</strong>' }, [{ href: '#body', text: 'The template must be plain text, without HTML: remove “<strong>”. Leave a blank line between paragraphs instead' }]],
    ['a section', { subject: 'About {{childName}}', body: '{{#reasons}}Because{{/reasons}}' }, [{ href: '#body', text: 'The template uses {{#reasons}}: sections and conditions are not allowed, only fields such as {{childName}}' }]],
    ['code in triple braces', { subject: '{{{childName}}}', body: 'Text' }, [{ href: '#subject', text: 'The subject uses {{{childName}}}: a field must be written {{childName}}, so that its value is shown as text' }]],
    ['an empty body', { subject: 'About {{childName}}', body: '   ' }, [{ href: '#body', text: 'Enter the words of the letter' }]],
  ])('refuses %s with the error summary, whether saved or previewed, saving nothing', async (_name, template, expected) => {
    for (const action of ['save', 'preview']) {
      const response = await postTemplate('views-request', { ...template, baseVersion: '0', previewCase: '', action });
      expect(response.statusCode, action).toBe(400);
      const summary = errorSummaryOf(response.body).map((entry) => ({ ...entry, text: entry.text.replaceAll('&lt;', '<').replaceAll('&gt;', '>') }));
      expect(summary.slice(0, expected.length), action).toEqual(expected);
      expect(response.body).toContain('<title>Error: ');
      expect(response.body).not.toContain('id="preview"');
    }
    expect(await versionsOf('views-request')).toEqual([]);
  });

  it('asks for a case before it previews', async () => {
    const response = await postTemplate('views-request', { subject: 'About {{childName}}', body: 'Text', baseVersion: '0', previewCase: '', action: 'preview' });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([{ href: '#previewCase', text: 'Choose a case to preview the letter with' }]);
    const unknown = await postTemplate('views-request', { subject: 'About {{childName}}', body: 'Text', baseVersion: '0', previewCase: '0193aaaa-0000-7000-8000-000000000000', action: 'preview' });
    expect(errorSummaryOf(unknown.body)).toEqual([{ href: '#previewCase', text: 'Choose a case from the list' }]);
  });

  it('refuses a form without its CSRF token, saving nothing', async () => {
    const response = await postForm(testApp.app, adminJar, '/letters/views-request', { subject: 'S {{childName}}', body: 'B', baseVersion: '0', action: 'save' });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Your form could not be sent');
    const details = await postForm(testApp.app, adminJar, '/letters/council-details', { councilName: 'Sneaky' });
    expect(details.statusCode).toBe(403);
    expect(await versionsOf('views-request')).toEqual([]);
  });

  it('saves a new version each time, audited, every version kept and shown, the latest in use', async () => {
    const first = await postTemplate('advice-chaser', { subject: 'Reminder: {{adviceKind}} ({{caseReference}})', body: 'Dear {{recipientName}},\r\n\r\n{{chaserNote}}', baseVersion: '0', action: 'save' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/letters/advice-chaser?saved=1');
    const second = await postTemplate('advice-chaser', { subject: 'Your advice is due: {{adviceKind}}', body: 'Dear {{recipientName}},\n\n{{chaserNote}}\n\nDue {{dueOn}}.', baseVersion: '1', action: 'save' });
    expect(second.headers.location).toBe('/letters/advice-chaser?saved=2');
    expect(await versionsOf('advice-chaser')).toEqual([
      { version: 1, subject: 'Reminder: {{adviceKind}} ({{caseReference}})', body: 'Dear {{recipientName}},\n\n{{chaserNote}}' },
      { version: 2, subject: 'Your advice is due: {{adviceKind}}', body: 'Dear {{recipientName}},\n\n{{chaserNote}}\n\nDue {{dueOn}}.' },
    ]);
    const page = await getPage(testApp.app, adminJar, '/letters/advice-chaser?saved=2');
    expect(page.body).toContain('Version 2 saved. Letters of this type are written with it from now on.');
    expect(page.body).toContain('In use: version 2, saved 30 November 2026 by <span dir="auto">Grace Adeyemi</span>.');
    expect(page.body).toContain('Version 2, saved 30 November 2026 by Grace Adeyemi (in use)');
    expect(page.body).toContain('Version 1, saved 30 November 2026 by Grace Adeyemi');
    expect((await getPage(testApp.app, adminJar, '/letters')).body).toContain('Version 2, saved 30 November 2026 by <span dir="auto">Grace Adeyemi</span>');
    const audits = (await listAuditEvents(testApp.database.db, testApp.authorityId, 50)).filter((entry) => entry.action === 'letter-template.saved');
    expect(audits.map((entry) => entry.details)).toEqual(expect.arrayContaining([{ letterType: 'advice-chaser', version: 1 }, { letterType: 'advice-chaser', version: 2 }]));

    // The standard wording can be brought back, as the next version.
    const fromStandard = await getPage(testApp.app, adminJar, '/letters/advice-chaser?start=standard');
    expect(fromStandard.body).toContain('Start again from the standard wording');
    expect(fromStandard.body).toContain('Reminder: {{adviceKind}} for {{childName}} ({{caseReference}})');
    expect(fromStandard.body).toContain('name="baseVersion" value="2"');
  });

  it('refuses to save over a version someone else saved since the form was opened (409), saving nothing', async () => {
    await letters().saveTemplate(admin.actor, 'no-plan', { subject: 'First {{childName}}', body: 'First', baseVersion: 0 });
    const form = await getPage(testApp.app, adminJar, '/letters/no-plan');
    expect(form.body).toContain('name="baseVersion" value="1"');
    await letters().saveTemplate(admin.actor, 'no-plan', { subject: 'Someone else {{childName}}', body: 'Theirs', baseVersion: 1 });
    const response = await postTemplate('no-plan', { subject: 'Mine {{childName}}', body: 'Mine', baseVersion: '1', action: 'save' });
    expect(response.statusCode).toBe(409);
    expect(errorSummaryOf(response.body)[0]!.text).toContain('Someone else saved this letter since you opened it');
    expect((await versionsOf('no-plan')).map((row) => row.subject)).toEqual(['First {{childName}}', 'Someone else {{childName}}']);
    await expect(letters().saveTemplate(admin.actor, 'no-plan', { subject: 'S', body: 'B', baseVersion: 'x' })).rejects.toThrow(ValidationError);
    await expect(letters().saveTemplate(admin.actor, 'no-plan', { subject: 'S', body: 'B', baseVersion: 9 })).rejects.toThrow(ConflictError);
  });

  it('keeps each council’s versions its own', async () => {
    const council = await anAuthority(testApp.database.db);
    const theirAdmin = await anOfficer(testApp, { authorityId: council.id, role: 'admin' });
    await letters().saveTemplate(theirAdmin.actor, 'request-withdrawn', { subject: 'Theirs {{childName}}', body: 'Theirs', baseVersion: 0 });
    expect((await letters().template(admin.actor, 'request-withdrawn')).versions).toEqual([]);
    expect((await letters().template(theirAdmin.actor, 'request-withdrawn')).versions).toHaveLength(1);
    await expect(letters().template(theirAdmin.actor, 'nope')).rejects.toThrow(NotFoundError);
  });
});

describe('the council’s details', () => {
  const details = {
    councilName: 'Demo City Council',
    sendTeamEmail: 'send.team@demo-city.example',
    iassName: 'SENDIASS Demo City',
    iassContact: 'call 0121 496 0999',
    mediationService: 'Calm Mediation, 0121 496 0111',
    disagreementResolutionService: 'Talk It Through, 0121 496 0222',
  };

  it('are saved by an administrator, audited with what changed, and given by the letters sent from then on', async () => {
    const form = await getPage(testApp.app, adminJar, '/letters/council-details');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Demo City SENDIASS"');
    const response = await postForm(testApp.app, adminJar, '/letters/council-details', { ...details, version: '0' }, { csrfFrom: '/letters/council-details' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/letters?saved=council-details');
    const list = await getPage(testApp.app, adminJar, '/letters?saved=council-details');
    expect(list.body).toContain('Council details saved.');
    expect(list.body).toContain('Calm Mediation, 0121 496 0111');
    const [audit] = (await listAuditEvents(testApp.database.db, testApp.authorityId, 50)).filter((entry) => entry.action === 'letter-council-details.saved');
    expect(audit?.details).toMatchObject({ version: 1, fields: ['sendTeamEmail', 'iassName', 'iassContact', 'mediationService', 'disagreementResolutionService'] });

    const created = await aCase(testApp, officer.actor);
    const preview = await letters().preview(admin.actor, 'assessment-refused', { ...(await letters().template(admin.actor, 'assessment-refused')).standard, caseId: created.caseId });
    expect(preview.html).toContain('The mediation service is Calm Mediation, 0121 496 0111.');
    expect(preview.html).toContain('SENDIASS Demo City gives free');

    // Saving again over a stale version is refused, changing nothing.
    const stale = await postForm(testApp.app, adminJar, '/letters/council-details', { ...details, councilName: 'Stale', version: '0' }, { csrfFrom: '/letters/council-details' });
    expect(stale.statusCode).toBe(409);
    expect(errorSummaryOf(stale.body)[0]!.text).toContain('Someone else saved the council’s details since you opened them');
  });

  it('refuses a blank detail, a bad e-mail address and markup with the error summary, saving nothing', async () => {
    const council = await anAuthority(testApp.database.db);
    const theirAdmin = await anOfficer(testApp, { authorityId: council.id, role: 'admin' });
    const jar = await signIn(testApp.app, theirAdmin.user.email, theirAdmin.password);
    const blank = await getPage(testApp.app, jar, '/letters');
    expect(blank.body).toContain('The council’s details are not set');
    const response = await postForm(
      testApp.app,
      jar,
      '/letters/council-details',
      { ...details, councilName: ' ', sendTeamEmail: 'not an address', iassContact: 'see <a href="x">here</a>', version: '0' },
      { csrfFrom: '/letters/council-details' },
    );
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toEqual([
      { href: '#councilName', text: 'Enter the council’s name' },
      { href: '#sendTeamEmail', text: 'Enter the SEND team’s e-mail address, like send@council.example' },
      { href: '#iassContact', text: 'How to contact the information, advice and support service must be plain text, without HTML' },
    ]);
    const rows = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS "n" FROM "letter_council_details" WHERE "authority_id" = ${council.id}`);
    expect(rows[0]!.n).toBe(0);
  });
});
