// The advice givers' portal: an officer invites an educational psychologist; a request for advice
// e-mailed to their address for their kind of advice reaches their account; they see only their
// awaited requests (the child's name, date of birth and school, what is asked and by when, with
// the 6 weeks of SEND Regs 2014 reg. 8(1)); they send their advice written or as a document, which
// lands where the officer records advice received, and their access ends. Every view is logged.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anApiToken, anOfficer, aPerson, aSchool, type TestCase, type TestOfficer } from '../../test/factories/index.ts';
import { aPdf, aPng, multipartBody, type MultipartFile } from '../../test/files.ts';
import { CookieJar, csrfTokenIn, errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';
import { latestSignInLink } from '../../test/portal.ts';
import { advicePaths, type NewAdviceRequest } from '../advice/index.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import { MemoryFileStore } from '../documents/index.ts';
import { portalAuthPaths, totpCodeAt } from '../portal-auth/index.ts';
import { portalProfessionalPaths } from './index.ts';

const clock = adjustableClock('2026-11-23T10:00:00Z');
const TODAY = '2026-11-23';
const store = new MemoryFileStore();
let sequence = 0;

let testApp: TestApp;
let officer: TestOfficer;
let board: TestOfficer;
let officerJar: CookieJar;

beforeAll(async () => {
  testApp = await createTestApp({ clock, fileStore: store });
  officer = await anOfficer(testApp);
  board = await anOfficer(testApp, { role: 'board_member' });
  officerJar = await signIn(testApp.app, officer.user.email, officer.password);
});
afterAll(async () => testApp?.close());

const db = () => testApp.database.db;
const app = () => testApp.app;

const psychological = (address: string, overrides: Partial<NewAdviceRequest> = {}): NewAdviceRequest => ({
  kind: 'psychological',
  organisation: 'Demo City Educational Psychology Service',
  organisationType: 'this-council',
  professionalName: 'Dr Priya Shah',
  channel: 'email',
  address,
  sentOn: TODAY,
  ...overrides,
});

/** A case whose decision to assess is recorded, its child at a school and living at an address. */
const assessedCase = async (forename = 'Amira'): Promise<TestCase & { schoolName: string }> => {
  const school = await aSchool(db(), { name: `Riverside Primary ${(sequence += 1)}` });
  const made = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-10-12', child: { forename, surname: 'Haddad', dateOfBirth: '2016-03-04', schoolId: school.id, postcode: 'ZZ1 9XY' } });
  await aPerson(testApp, officer.actor, made.childId, { forename: 'Leila', address: '12 Hidden Road\nDemo City', postcode: 'ZZ1 9XY' });
  return { ...made, schoolName: school.name };
};

const latestLinkTo = (email: string) => latestSignInLink(db(), email);

/** An educational psychologist invited, signed in from their link with their authenticator app set up. */
const anAdviceGiver = async (adviceKind = 'psychological') => {
  const email = `ep-${(sequence += 1)}@psychology.example`;
  const { accountId } = await testApp.services.portalAuth.inviteProfessional(officer.actor, { name: 'Priya Shah', email, organisation: 'Demo City Educational Psychology Service', adviceKind });
  const jar = new CookieJar();
  const link = await latestLinkTo(email);
  const opened = await getPage(app(), jar, link);
  const followed = await postForm(app(), jar, link, { _csrf: csrfTokenIn(opened.body) });
  expect(followed.headers.location).toBe(portalAuthPaths.secondFactorSetUp);
  // Before the second factor, the advice pages send them to it.
  expect((await getPage(app(), jar, portalProfessionalPaths.requests)).headers.location).toBe(portalAuthPaths.secondFactorSetUp);
  const setUp = await getPage(app(), jar, portalAuthPaths.secondFactorSetUp);
  const secret = /id="totp-secret">([A-Z2-7]+)</.exec(setUp.body)![1]!;
  const done = await postForm(app(), jar, portalAuthPaths.secondFactorSetUp, { code: await totpCodeAt(secret, clock.now()) }, { csrfFrom: portalAuthPaths.secondFactorSetUp });
  expect(done.statusCode).toBe(200);
  return { email, accountId, jar };
};

const actorOf = (accountId: string, email: string) =>
  ({ kind: 'portal', id: accountId, accountId, authorityId: testApp.authorityId, roles: [], name: 'Priya Shah', email, portalKind: 'professional', secondFactor: 'done', totpSetUp: true }) as const;

/** Sends the advice form as the advice giver's browser, with any extra (forged) fields. */
async function sendAdvice(jar: CookieJar, requestId: string, fields: Record<string, string>, file?: MultipartFile) {
  const url = portalProfessionalPaths.request(requestId);
  const form = await getPage(app(), jar, url);
  const csrf = form.statusCode === 200 ? csrfTokenIn(form.body) : csrfTokenIn((await getPage(app(), jar, portalProfessionalPaths.requests)).body);
  const body = multipartBody({ _csrf: csrf, ...fields }, file);
  const response = await app().inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': body.contentType }, payload: body.payload });
  jar.store(response);
  return response;
}

async function requestRow(id: string) {
  const [row] = await queryRows<{ status: string; received_on: string | null; document_id: string | null; advice_text: string | null; portal_account_id: string | null }>(
    db(),
    sql`SELECT "status", "received_on"::text, "document_id", "advice_text", "portal_account_id" FROM "advice_request" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${id}`,
  );
  return row!;
}

async function writtenOn(caseId: string) {
  const [counts] = await queryRows<{ documents: number; received: number }>(
    db(),
    sql`SELECT
      (SELECT count(*)::int FROM "document" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId}) AS "documents",
      (SELECT count(*)::int FROM "case_event" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId} AND "type" = 'advice.received') AS "received"`,
  );
  return counts!;
}

describe('the staff page that invites an advice giver', () => {
  it('shows its problems in the error summary and saves nothing, then invites and sends the sign-in link through the outbox', async () => {
    const form = await getPage(app(), officerJar, portalAuthPaths.inviteProfessional);
    expect(form.statusCode).toBe(200);
    const email = `invited-${(sequence += 1)}@psychology.example`;
    const refused = await postForm(app(), officerJar, portalAuthPaths.inviteProfessional, { name: '', email: 'not an address', organisation: '', adviceKind: 'astrology', _csrf: csrfTokenIn(form.body) });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toEqual([
      { href: '#name', text: 'Enter the person’s full name' },
      { href: '#organisation', text: 'Enter the organisation, up to 200 characters' },
      { href: '#adviceKind', text: 'Choose the kind of advice they give' },
      { href: '#email', text: 'Enter an e-mail address in the right format, like name@example.org' },
    ]);
    const none = await queryRows(db(), sql`SELECT 1 FROM "portal_account" WHERE "authority_id" = ${testApp.authorityId} AND "email" = 'not an address'`);
    expect(none).toHaveLength(0);

    const sent = await postForm(app(), officerJar, portalAuthPaths.inviteProfessional, { name: 'Priya Shah', email, organisation: 'Demo City EPS', adviceKind: 'psychological', _csrf: csrfTokenIn(form.body) });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toMatch(/^\/portal-accounts\/[0-9a-f-]{36}\?invited=[0-9a-f-]{36}$/);
    const links = await queryRows<{ organisation: string; advice_kind: string }>(
      db(),
      sql`SELECT l."organisation", l."advice_kind" FROM "portal_professional_link" l JOIN "portal_account" a ON a."authority_id" = l."authority_id" AND a."id" = l."account_id" WHERE l."authority_id" = ${testApp.authorityId} AND a."email" = ${email} AND a."kind" = 'professional'`,
    );
    expect(links).toEqual([{ organisation: 'Demo City EPS', advice_kind: 'psychological' }]);
    expect(await latestLinkTo(email)).toMatch(/^\/portal\/sign-in\/link\//);
    // The same person again for the same kind: refused, nothing more sent.
    const again = await postForm(app(), officerJar, portalAuthPaths.inviteProfessional, { name: 'Priya Shah', email, organisation: 'Demo City EPS', adviceKind: 'psychological' }, { csrfFrom: portalAuthPaths.inviteProfessional });
    expect(again.statusCode).toBe(409);
    expect(errorSummaryOf(again.body)).toEqual([{ href: '#email', text: 'This person already has an account for this kind of advice' }]);
  });

  it('is refused to a board member, who does not work with children’s records', async () => {
    await expect(testApp.services.portalAuth.inviteProfessional(board.actor, { name: 'A B', email: 'x@y.example', organisation: 'EPS', adviceKind: 'psychological' })).rejects.toThrow(ForbiddenError);
  });
});

describe('an advice giver’s requests on the portal', () => {
  it('a request e-mailed to their address for their kind of advice is addressed to their account; by post or for another kind it is not', async () => {
    const giver = await anAdviceGiver();
    const made = await assessedCase();
    const addressed = await testApp.services.advice.askForAdvice(officer.actor, made.caseId, psychological(giver.email.toUpperCase()));
    expect((await requestRow(addressed.id)).portal_account_id).toBe(giver.accountId);
    const byPost = await testApp.services.advice.askForAdvice(officer.actor, made.caseId, psychological('1 Town Hall\nDemo City', { channel: 'post' }));
    expect((await requestRow(byPost.id)).portal_account_id).toBeNull();
    const otherKind = await testApp.services.advice.askForAdvice(officer.actor, made.caseId, psychological(giver.email, { kind: 'medical', organisationType: 'health-body' }));
    expect((await requestRow(otherKind.id)).portal_account_id).toBeNull();
  });

  it('lists only their awaited requests with the 6-week due date (SEND Regs 2014 reg. 8(1)), and a request page with only what they need, each view logged', async () => {
    const giver = await anAdviceGiver();
    const other = await anAdviceGiver();
    const made = await assessedCase('Amira');
    const theirs = await testApp.services.advice.askForAdvice(officer.actor, made.caseId, psychological(giver.email));
    const notTheirs = await testApp.services.advice.askForAdvice(officer.actor, (await assessedCase('Yusuf')).caseId, psychological(other.email));

    const list = await getPage(app(), giver.jar, portalProfessionalPaths.requests);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(portalProfessionalPaths.request(theirs.id));
    expect(list.body).not.toContain(notTheirs.id);
    expect(list.body).not.toContain('Yusuf');
    // E-mailed on Monday 23 November 2026, a working day: received that day, due 6 weeks (42 days) after.
    expect(theirs.dueOn).toBe('2027-01-04');
    expect(list.body).toContain('4 January 2027');

    const page = await getPage(app(), giver.jar, portalProfessionalPaths.request(theirs.id));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Amira Haddad');
    expect(page.body).toContain('4 March 2016');
    expect(page.body).toContain(made.schoolName);
    expect(page.body).toContain('Psychological advice');
    expect(page.body).toContain('4 January 2027');
    // No address, no postcode, no family.
    expect(page.body).not.toContain('Hidden Road');
    expect(page.body).not.toContain('ZZ1 9XY');
    expect(page.body).not.toContain('Leila');

    const access = await listAccessFor(db(), testApp.authorityId, made.childId);
    expect(access.some((entry) => entry.view === 'portal:advice-request' && entry.actorId === giver.accountId)).toBe(true);
    const [listed] = await queryRows<{ total: number }>(
      db(),
      sql`SELECT count(*)::int AS "total" FROM "list_access_log" WHERE "authority_id" = ${testApp.authorityId} AND "actor_id" = ${giver.accountId} AND "view" = 'portal:advice-requests'`,
    );
    expect(listed!.total).toBeGreaterThan(0);

    // Another's request, by its id in the address: unknown, as a request that does not exist.
    expect((await getPage(app(), giver.jar, portalProfessionalPaths.request(notTheirs.id))).statusCode).toBe(404);
    expect((await getPage(app(), giver.jar, portalProfessionalPaths.request('not-a-uuid'))).statusCode).toBe(404);
  });

  it('is refused to a family account and to staff roles at the service', async () => {
    const made = await assessedCase();
    const email = `parent-${(sequence += 1)}@family.example`;
    const parent = await aPerson(testApp, officer.actor, made.childId, { email });
    const { accountId } = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: parent.id, email });
    const family = { ...actorOf(accountId, email), portalKind: 'family', secondFactor: 'not-needed' } as const;
    await expect(testApp.services.portalProfessional.requests(family)).rejects.toThrow(ForbiddenError);
    await expect(testApp.services.portalProfessional.requests({ ...actorOf(accountId, email), secondFactor: 'pending' })).rejects.toThrow(ForbiddenError);
  });
});

describe('sending advice through the portal', () => {
  it('refuses an empty form, a file of the wrong type and a request of someone else, with nothing saved', async () => {
    const giver = await anAdviceGiver();
    const other = await anAdviceGiver();
    const made = await assessedCase();
    const theirs = await testApp.services.advice.askForAdvice(officer.actor, made.caseId, psychological(giver.email));
    const otherCase = await assessedCase('Yusuf');
    const notTheirs = await testApp.services.advice.askForAdvice(officer.actor, otherCase.caseId, psychological(other.email));

    const empty = await sendAdvice(giver.jar, theirs.id, { adviceText: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(errorSummaryOf(empty.body)).toEqual([{ href: '#adviceText', text: 'Write your advice, or choose a file with your advice, or both' }]);

    const wrongType = await sendAdvice(giver.jar, theirs.id, { adviceText: 'My advice' }, { filename: 'advice.exe', bytes: new TextEncoder().encode('MZ not a document') });
    expect(wrongType.statusCode).toBe(400);
    expect(errorSummaryOf(wrongType.body)).toEqual([{ href: '#file', text: 'The selected file must be a PDF, DOCX, JPEG or PNG' }]);

    const misnamed = await sendAdvice(giver.jar, theirs.id, {}, { filename: 'advice.pdf', bytes: await aPng() });
    expect(misnamed.statusCode).toBe(400);
    expect(errorSummaryOf(misnamed.body)[0]!.href).toBe('#file');

    expect(await writtenOn(made.caseId)).toEqual({ documents: 0, received: 0 });
    expect((await requestRow(theirs.id)).status).toBe('requested');

    // Another advice giver's request, by its id in the address: 404, nothing saved on either case.
    const forged = await sendAdvice(giver.jar, notTheirs.id, { adviceText: 'Forged advice' }, { filename: 'advice.pdf', bytes: await aPdf() });
    expect(forged.statusCode).toBe(404);
    expect(await writtenOn(otherCase.caseId)).toEqual({ documents: 0, received: 0 });
    expect((await requestRow(notTheirs.id)).status).toBe('requested');
  });

  it('records written advice and a document where the officer records advice received, ignores a forged field naming another child, and ends the advice giver’s access', async () => {
    const giver = await anAdviceGiver();
    const made = await assessedCase('Amira');
    const otherCase = await assessedCase('Yusuf');
    const theirs = await testApp.services.advice.askForAdvice(officer.actor, made.caseId, psychological(giver.email));

    const sent = await sendAdvice(
      giver.jar,
      theirs.id,
      { adviceText: 'Amira needs a quiet space to work.\nShe benefits from visual timetables.', caseId: otherCase.caseId, childId: otherCase.childId, requestId: 'other' },
      { filename: 'psychological-advice.pdf', bytes: await aPdf() },
    );
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(portalProfessionalPaths.requestsAfterSending);

    const row = await requestRow(theirs.id);
    expect(row).toMatchObject({ status: 'received', received_on: TODAY, advice_text: 'Amira needs a quiet space to work.\nShe benefits from visual timetables.' });
    expect(row.document_id).not.toBeNull();
    expect(await writtenOn(made.caseId)).toEqual({ documents: 1, received: 1 });
    // The forged fields named another child: nothing was saved there.
    expect(await writtenOn(otherCase.caseId)).toEqual({ documents: 0, received: 0 });
    const audit = await listAuditEventsFor(db(), testApp.authorityId, 'advice_request', theirs.id);
    expect(audit.find((entry) => entry.action === 'advice.received')).toMatchObject({ actorKind: 'portal', actorId: giver.accountId });

    // The officer sees it where advice received is shown.
    const officerPage = await getPage(app(), officerJar, `/cases/${made.caseId}/advice`);
    expect(officerPage.body).toContain('She benefits from visual timetables.');
    expect(officerPage.body).toContain(`/documents/${row.document_id}`);

    // The request is closed: it is gone from the list, its page and form are unknown.
    const list = await getPage(app(), giver.jar, portalProfessionalPaths.requestsAfterSending);
    expect(list.body).toContain('Your advice was sent to the council');
    expect(list.body).not.toContain(theirs.id);
    expect((await getPage(app(), giver.jar, portalProfessionalPaths.request(theirs.id))).statusCode).toBe(404);
    const again = await sendAdvice(giver.jar, theirs.id, { adviceText: 'More' });
    expect(again.statusCode).toBe(404);
    expect(await writtenOn(made.caseId)).toEqual({ documents: 1, received: 1 });
  });

  it('written advice alone is enough, and the officer reads it through the API too; a request the officer withdrew is closed to the advice giver', async () => {
    const giver = await anAdviceGiver();
    const made = await assessedCase();
    const first = await testApp.services.advice.askForAdvice(officer.actor, made.caseId, psychological(giver.email));
    const second = await testApp.services.advice.askForAdvice(officer.actor, made.caseId, psychological(giver.email));
    expect((await sendAdvice(giver.jar, first.id, { adviceText: 'Written advice only.' })).statusCode).toBe(303);
    expect(await requestRow(first.id)).toMatchObject({ status: 'received', document_id: null, advice_text: 'Written advice only.' });
    const token = await anApiToken(testApp, officer);
    const read = await app().inject({ method: 'GET', url: advicePaths.api.request(first.id), headers: { authorization: `Bearer ${token}` } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ status: 'received', document: null, adviceText: 'Written advice only.' });

    await testApp.services.advice.closeRequest(officer.actor, second.id, { status: 'withdrawn', reason: 'Asked of another psychologist' });
    expect((await getPage(app(), giver.jar, portalProfessionalPaths.request(second.id))).statusCode).toBe(404);
    expect((await sendAdvice(giver.jar, second.id, { adviceText: 'Late advice' })).statusCode).toBe(404);
    expect((await requestRow(second.id)).status).toBe('withdrawn');
  });
});
