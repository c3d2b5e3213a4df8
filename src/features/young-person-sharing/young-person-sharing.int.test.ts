// An officer records a young person's choice whether their parents and carers see the case on the
// family portal, as the young person gave it: the same choice the portal's own page records, so
// the family's access follows it at once; refused for a child still of compulsory school age.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import type { ValidationError } from '../../lib/errors.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aPerson, type TestOfficer } from '../../test/factories/index.ts';
import type { CookieJar} from '../../test/http.ts';
import { errorSummaryOf, getPage, postForm, signIn } from '../../test/http.ts';
import { signedInToPortal } from '../../test/portal.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import type { PortalActor } from '../auth/index.ts';
import { portalFamilyPaths } from '../portal-family/index.ts';
import { youngPersonSharingPaths } from './index.ts';

const clock = adjustableClock('2026-11-30T10:00:00Z');
let sequence = 0;
const anEmail = () => `family-${(sequence += 1)}@portal.example`;

describe('an officer records a young person’s choice whether their family sees the case (CFA 2014 ss.67 and 83(2))', () => {
  let testApp: TestApp;
  let app: FastifyInstance;
  let officer: TestOfficer;
  let board: TestOfficer;
  let officerJar: CookieJar;

  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    app = testApp.app;
    officer = await anOfficer(testApp);
    board = await anOfficer(testApp, { role: 'board_member' });
    officerJar = await signIn(app, officer.user.email, officer.password);
  });
  afterAll(async () => testApp.close());

  const db = () => testApp.database.db;
  const sharing = () => testApp.services.youngPersonSharing;

  /** A child with a case and a parent invited to the portal; 17 and past Year 11 unless born later. */
  const aChildWithParent = async (dateOfBirth = '2009-05-01', forename = 'Zara') => {
    const made = await aCase(testApp, officer.actor, { child: { forename, dateOfBirth } });
    const parentEmail = anEmail();
    const parent = await aPerson(testApp, officer.actor, made.childId, { email: parentEmail });
    const invited = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, made.childId, { who: parent.id, email: parentEmail });
    return { ...made, parentEmail, parentAccountId: invited.accountId };
  };

  const choices = async (childId: string) =>
    queryRows<{ share_with_family: boolean; recorded_by: string; given_by: string | null; given_on: string | null }>(
      db(),
      sql`SELECT "share_with_family", "recorded_by", "given_by", "given_on"::text FROM "portal_young_person_choice" WHERE "authority_id" = ${testApp.authorityId} AND "child_id" = ${childId} ORDER BY "recorded_at", "id"`,
    );
  const events = async (caseId: string) =>
    queryRows<{ type: string; occurred_on: string; actor_id: string }>(
      db(),
      sql`SELECT "type", "occurred_on"::text, "actor_id" FROM "case_event" WHERE "authority_id" = ${testApp.authorityId} AND "case_id" = ${caseId} AND "type" = 'young-person.sharing-recorded'`,
    );

  describe('through the service', () => {
    it('records the choice as told, with the officer, how and when; the parent’s portal follows it at once; audited, with the case event', async () => {
      const young = await aChildWithParent();
      const parentJar = await signedInToPortal(app, db(), young.parentEmail);
      // No choice yet: a young person's parent does not see the case.
      expect((await getPage(app, parentJar, portalFamilyPaths.child(young.childId))).statusCode).toBe(403);

      await sharing().record(officer.actor, young.childId, { share: 'yes', givenBy: 'phone', givenOn: '2026-11-27' });
      expect(await choices(young.childId)).toEqual([{ share_with_family: true, recorded_by: officer.actor.id, given_by: 'phone', given_on: '2026-11-27' }]);
      expect((await getPage(app, parentJar, portalFamilyPaths.child(young.childId))).statusCode).toBe(200);

      await sharing().record(officer.actor, young.childId, { share: 'no', givenBy: 'meeting', givenOn: '2026-11-30' });
      expect((await getPage(app, parentJar, portalFamilyPaths.child(young.childId))).statusCode).toBe(403);

      expect(await events(young.caseId)).toEqual([
        { type: 'young-person.sharing-recorded', occurred_on: '2026-11-27', actor_id: officer.actor.id },
        { type: 'young-person.sharing-recorded', occurred_on: '2026-11-30', actor_id: officer.actor.id },
      ]);
      const audit = await listAuditEventsFor(db(), testApp.authorityId, 'child', young.childId);
      const recorded = audit.filter((entry) => entry.action === 'young-person.sharing-recorded');
      expect(recorded).toHaveLength(2);
      expect(recorded.map((entry) => entry.details)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ shareWithFamily: true, givenBy: 'phone', givenOn: '2026-11-27', caseId: young.caseId, replaces: null }),
          expect.objectContaining({ shareWithFamily: false, givenBy: 'meeting', givenOn: '2026-11-30', caseId: young.caseId }),
        ]),
      );
    });

    it('refuses a child under 16, whose parents decide for them (CFA 2014 s.83(2)), recording nothing', async () => {
      const child = await aChildWithParent('2011-03-01', 'Sami');
      const refused = await sharing().record(officer.actor, child.childId, { share: 'no', givenBy: 'phone', givenOn: '2026-11-27' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ConflictError);
      expect((refused as Error).message).toBe(
        'Sami is not a young person yet: their compulsory school age ends on 25 June 2027 (the last Friday in June of the school year they turn 16). Until then their parents decide for them (Children and Families Act 2014 s.83(2)). Nothing was recorded.',
      );
      expect(await choices(child.childId)).toEqual([]);
      expect(await events(child.caseId)).toEqual([]);
    });

    it('refuses a 16-year-old still of compulsory school age, in Year 11 (CFA 2014 s.83(2); Education Act 1996 s.8)', async () => {
      const child = await aChildWithParent('2010-10-01', 'Ola');
      await expect(sharing().record(officer.actor, child.childId, { share: 'yes', givenBy: 'phone', givenOn: '2026-11-27' })).rejects.toThrow(ConflictError);
      expect(await choices(child.childId)).toEqual([]);
    });

    it('refuses a missing answer, channel or date, a day ahead, a day before compulsory school age ended, and a day before the choice that holds', async () => {
      const young = await aChildWithParent();
      const problemsOf = async (input: { share: string; givenBy: string; givenOn: string }) =>
        ((await sharing().record(officer.actor, young.childId, input).catch((error: unknown) => error)) as ValidationError).problems;
      expect(await problemsOf({ share: '', givenBy: 'carrier-pigeon', givenOn: '2026-02-30' })).toEqual([
        { field: 'share', message: 'Select whether Zara’s parents and carers may see the case on the portal' },
        { field: 'givenBy', message: 'Select how Zara told the council' },
        { field: 'givenOn', message: 'Enter the date Zara told the council as a real date' },
      ]);
      expect(await problemsOf({ share: 'yes', givenBy: 'phone', givenOn: '2026-12-01' })).toEqual([{ field: 'givenOn', message: 'The date Zara told the council must be today or in the past' }]);
      expect(await problemsOf({ share: 'yes', givenBy: 'phone', givenOn: '2025-06-27' })).toEqual([
        { field: 'givenOn', message: 'The date must be after Zara’s compulsory school age ended on 27 June 2025: before then the choice was not theirs to make' },
      ]);
      await sharing().record(officer.actor, young.childId, { share: 'yes', givenBy: 'email', givenOn: '2026-11-20' });
      expect(await problemsOf({ share: 'no', givenBy: 'letter', givenOn: '2026-11-19' })).toEqual([
        { field: 'givenOn', message: 'A later choice of Zara’s is already recorded, made on 20 November 2026: a choice told before it cannot replace it' },
      ]);
      expect((await choices(young.childId)).length).toBe(1);
    });

    it('is refused to a board member, and a child not of the council is not found', async () => {
      const young = await aChildWithParent();
      await expect(sharing().record(board.actor, young.childId, { share: 'yes', givenBy: 'phone', givenOn: '2026-11-27' })).rejects.toThrow(ForbiddenError);
      await expect(sharing().form(officer.actor, '01937a40-0000-7000-8000-000000000099')).rejects.toThrow(NotFoundError);
      await expect(sharing().form(officer.actor, 'not-a-uuid')).rejects.toThrow(NotFoundError);
      expect(await choices(young.childId)).toEqual([]);
    });
  });

  describe('through the pages', () => {
    it('the officer records the choice on its page; the child’s record shows it and who recorded it, and the page view is logged', async () => {
      const young = await aChildWithParent();
      const record = await getPage(app, officerJar, `/children/${young.childId}`);
      expect(record.body).toContain('Zara has not said yet.');
      expect(record.body).toContain(youngPersonSharingPaths.record(young.childId));
      const path = youngPersonSharingPaths.record(young.childId);
      const form = await getPage(app, officerJar, path);
      expect(form.statusCode).toBe(200);

      const empty = await postForm(app, officerJar, path, {}, { csrfFrom: path });
      expect(empty.statusCode).toBe(400);
      expect(errorSummaryOf(empty.body)).toEqual([
        { href: '#share', text: 'Select whether Zara’s parents and carers may see the case on the portal' },
        { href: '#givenBy', text: 'Select how Zara told the council' },
        { href: '#givenOn-day', text: 'Enter the date Zara told the council as a real date' },
      ]);

      const sent = await postForm(app, officerJar, path, { share: 'yes', givenBy: 'meeting', 'givenOn-day': '27', 'givenOn-month': '11', 'givenOn-year': '2026' }, { csrfFrom: path });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe(`/children/${young.childId}?saved=young-person-choice#young-person-choice`);
      const after = await getPage(app, officerJar, `/children/${young.childId}?saved=young-person-choice`);
      expect(after.body).toContain('Zara has chosen that their parents and carers <strong>may</strong> see their case on the family portal.');
      expect(after.body).toContain(`Told to the council at a meeting on 27 November 2026; recorded by <span dir="auto">${officer.user.name}</span> on 30 November 2026.`);
      expect((await listAccessFor(db(), testApp.authorityId, young.childId)).map((entry) => entry.view)).toContain('young-person-choice');
    });

    it('the record names the young person when they chose on the portal themself', async () => {
      const young = await aChildWithParent();
      const own = await testApp.services.portalAuth.inviteFamilyMember(officer.actor, young.childId, { who: 'young-person', name: 'Zara Young', email: anEmail() });
      const actor: PortalActor = { kind: 'portal', id: own.accountId, accountId: own.accountId, authorityId: testApp.authorityId, portalKind: 'family', roles: [], name: 'Zara Young', email: 'z@example', secondFactor: 'not-needed', totpSetUp: false };
      await testApp.services.portalFamily.chooseSharing(actor, young.childId, { share: 'no' });
      const record = await getPage(app, officerJar, `/children/${young.childId}`);
      expect(record.body).toContain('<strong>may not</strong> see their case');
      expect(record.body).toContain('Chosen by Zara on the family portal on 30 November 2026.');
    });

    it('for a child under 16 the page says the parents decide and offers no form; a forged post is refused with the law’s reason (CFA 2014 s.83(2))', async () => {
      const child = await aChildWithParent('2011-03-01', 'Sami');
      const path = youngPersonSharingPaths.record(child.childId);
      const page = await getPage(app, officerJar, path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Sami is not a young person yet');
      expect(page.body).not.toContain('name="share"');
      expect((await getPage(app, officerJar, `/children/${child.childId}`)).body).not.toContain(path);
      const forged = await postForm(app, officerJar, path, { share: 'yes', givenBy: 'phone', 'givenOn-day': '27', 'givenOn-month': '11', 'givenOn-year': '2026' }, { csrfFrom: `/children/${child.childId}` });
      expect(forged.statusCode).toBe(409);
      expect(errorSummaryOf(forged.body)[0]).toMatchObject({ href: '#share', text: expect.stringContaining('Children and Families Act 2014 s.83(2)') });
      expect(await choices(child.childId)).toEqual([]);
    });
  });
});
