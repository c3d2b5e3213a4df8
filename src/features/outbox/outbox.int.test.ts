import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../composition.ts';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aPerson, type TestOfficer } from '../../test/factories/index.ts';
import { getPage, postForm, signIn } from '../../test/http.ts';
import { listAccessFor, listAuditEventsFor, listListAccessBy } from '../audit/index.ts';
import { giveUpJob } from '../jobs/index.ts';
import { OutboxService, outboxOnlyAdapter, outboxPaths, personRecipient, queueMessage, type NewMessage } from './index.ts';

const clock = adjustableClock('2026-11-30T10:00:00Z');

describe('the outbox', () => {
  let testApp: TestApp;
  let officer: TestOfficer;
  let otherOfficer: TestOfficer;
  let manager: TestOfficer;
  let admin: TestOfficer;
  let board: TestOfficer;

  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    officer = await anOfficer(testApp);
    otherOfficer = await anOfficer(testApp);
    manager = await anOfficer(testApp, { role: 'team_manager' });
    admin = await anOfficer(testApp, { role: 'admin' });
    board = await anOfficer(testApp, { role: 'board_member' });
  });
  afterAll(async () => testApp.close());

  const runner = () => createJobRunner(testApp, testApp.services, { random: () => 0 });
  const counts = async () =>
    (
      await queryRows<{ messages: number; jobs: number }>(
        testApp.database.db,
        sql`SELECT (SELECT count(*)::int FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId}) AS "messages",
                   (SELECT count(*)::int FROM "job" WHERE "authority_id" = ${testApp.authorityId}) AS "jobs"`,
      )
    )[0]!;
  const letter = (overrides: Partial<NewMessage> = {}): NewMessage => ({
    channel: 'letter',
    recipientName: 'Ada Open',
    recipientAddress: '1 Open Street\nDemo City\nB1 1AA',
    subject: 'Your request has been received',
    bodyText: 'Dear Ada,\n\nWe have your request.',
    ...overrides,
  });
  const queue = (message: NewMessage, actor = officer.actor) => testApp.database.db.transaction((tx) => queueMessage(tx, clock, actor, message));

  it('queues nothing when the casework around it rolls back: no half-written letter', async () => {
    const before = await counts();
    await expect(
      testApp.database.db.transaction(async (tx) => {
        await queueMessage(tx, clock, officer.actor, letter());
        throw new Error('the casework failed after the letter was queued');
      }),
    ).rejects.toThrow('the casework failed');
    expect(await counts()).toEqual(before);
  });

  it('refuses a message without a usable address, before writing anything', async () => {
    const before = await counts();
    await expect(queue(letter({ channel: 'email', recipientAddress: 'not an address' }))).rejects.toThrow(ValidationError);
    await expect(queue(letter({ subject: '' }))).rejects.toThrow(ValidationError);
    expect(await counts()).toEqual(before);
  });

  it('by default holds each message for printing, not sent, once the runner has run', async () => {
    const { messageId } = await queue(letter());
    expect((await testApp.services.outbox.message(officer.actor, messageId)).state).toBe('queued');
    expect(await runner().runUntilIdle()).toBeGreaterThanOrEqual(1);
    const held = await testApp.services.outbox.message(officer.actor, messageId);
    expect(held).toMatchObject({ state: 'held', deliveredBy: 'outbox', recipientAddress: '1 Open Street\nDemo City\nB1 1AA' });

    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const page = await getPage(testApp.app, jar, outboxPaths.outboxOf('held'));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Held for printing: not sent');
    expect(page.body).toContain('1 Open Street, Demo City, B1 1AA');
    expect(page.body).toContain('GOV.UK Notify is not set up');
    const shown = await getPage(testApp.app, jar, outboxPaths.message(messageId));
    expect(shown.body).toContain('We have your request.');
  });

  it('writes a person’s address and their do-not-disclose flag onto a letter to them', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const hidden = await aPerson(testApp, officer.actor, childId, { forename: 'Bea', surname: 'Hidden', address: '2 Refuge Road, Hideaway', postcode: 'B2 2BB', doNotDiscloseAddress: true });
    const recipient = await personRecipient(testApp.database.db, testApp.authorityId, hidden.id, 'letter');
    expect(recipient).toEqual({ channel: 'letter', recipientName: 'Bea Hidden', recipientAddress: '2 Refuge Road\nHideaway\nB2 2BB', addressWithheld: true, personId: hidden.id });
    expect(await personRecipient(testApp.database.db, testApp.authorityId, hidden.id, 'email')).toBeUndefined();
  });

  it('shows a withheld address, and the words that may repeat it, to the SEND team only', async () => {
    const { childId, caseId } = await aCase(testApp, officer.actor);
    const person = await aPerson(testApp, officer.actor, childId, { forename: 'Cara', surname: 'Refuge', address: '3 Secret Lane', postcode: 'B3 3CC', doNotDiscloseAddress: true });
    const recipient = (await personRecipient(testApp.database.db, testApp.authorityId, person.id, 'letter'))!;
    const { messageId, jobId } = await queue({ ...recipient, subject: 'Your child’s assessment', bodyText: 'Dear Cara,\n\nWe will write to you at 3 Secret Lane.', caseId, childId });
    await testApp.database.db.transaction((tx) => giveUpJob(tx, clock, testApp.authorityId, jobId, 'GOV.UK Notify answered 503 on every try'));

    for (const member of [officer, manager]) {
      const view = await testApp.services.outbox.message(member.actor, messageId);
      expect(view.recipientAddress).toContain('3 Secret Lane');
      const page = await getPage(testApp.app, await signIn(testApp.app, member.user.email, member.password), outboxPaths.outbox);
      expect(page.body).toContain('3 Secret Lane');
    }

    // An administrator sees that it could not be sent, and to whom, but not where.
    const adminView = await testApp.services.outbox.message(admin.actor, messageId);
    expect(adminView).toMatchObject({ recipientName: 'Cara Refuge', recipientAddress: undefined, bodyText: undefined, addressWithheld: true });
    const adminJar = await signIn(testApp.app, admin.user.email, admin.password);
    for (const path of [outboxPaths.outbox, outboxPaths.deadLetters, outboxPaths.message(messageId)]) {
      const page = await getPage(testApp.app, adminJar, path);
      expect(page.statusCode, path).toBe(200);
      expect(page.body, path).toContain('Cara Refuge');
      expect(page.body, path).not.toContain('Secret Lane');
      expect(page.body, path).not.toContain('B3 3CC');
    }

    // The improvement board sees no outbox at all.
    await expect(testApp.services.outbox.outbox(board.actor)).rejects.toThrow(ForbiddenError);
    const boardJar = await signIn(testApp.app, board.user.email, board.password);
    expect((await getPage(testApp.app, boardJar, outboxPaths.outbox)).statusCode).toBe(403);
    expect((await getPage(testApp.app, boardJar, outboxPaths.message(messageId))).statusCode).toBe(403);
  });

  it('writes each message about a child read to the access log, and each list of messages to the log of lists shown', async () => {
    const { childId, caseId } = await aCase(testApp, officer.actor);
    const { messageId } = await queue(letter({ subject: 'About a child', caseId, childId }));
    await testApp.services.outbox.message(manager.actor, messageId);
    expect((await listAccessFor(testApp.database.db, testApp.authorityId, childId)).filter((entry) => entry.view === 'outbox-message').map((entry) => entry.actorId)).toEqual([manager.actor.id]);
    const lists = async () => (await listListAccessBy(testApp.database.db, testApp.authorityId, manager.actor.id)).filter((entry) => entry.view === 'outbox');
    const before = await lists();
    await getPage(testApp.app, await signIn(testApp.app, manager.user.email, manager.password), outboxPaths.outbox);
    const after = await lists();
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((entry) => !before.some((earlier) => earlier.id === entry.id))!.childIds).toContain(childId);
  });

  it('keeps a message about a restricted child from officers who may not see the child', async () => {
    const { childId, caseId } = await aCase(testApp, officer.actor);
    await queryRows(testApp.database.db, sql`UPDATE "child" SET "sensitive" = true WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${childId}`);
    const { messageId } = await queue(letter({ subject: 'About a restricted child', caseId, childId }));
    expect((await testApp.services.outbox.message(officer.actor, messageId)).subject).toBe('About a restricted child');
    expect((await testApp.services.outbox.message(manager.actor, messageId)).subject).toBe('About a restricted child');
    await expect(testApp.services.outbox.message(otherOfficer.actor, messageId)).rejects.toThrow(NotFoundError);
    const list = await testApp.services.outbox.outbox(otherOfficer.actor);
    expect(list.messages.map((message) => message.id)).not.toContain(messageId);
  });

  it('lists dead messages for administrators only, and tries one again from its first try, audited', async () => {
    const { messageId, jobId } = await queue(letter({ subject: 'A letter that could not be sent' }));
    await testApp.database.db.transaction((tx) => giveUpJob(tx, clock, testApp.authorityId, jobId, 'GOV.UK Notify answered 503 on every try'));

    await expect(testApp.services.outbox.deadLetters(officer.actor)).rejects.toThrow(ForbiddenError);
    const officerJar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, officerJar, outboxPaths.deadLetters)).statusCode).toBe(403);
    const refused = await postForm(testApp.app, officerJar, outboxPaths.tryAgain(messageId), {}, { csrfFrom: outboxPaths.outbox });
    expect(refused.statusCode).toBe(403);

    const jar = await signIn(testApp.app, admin.user.email, admin.password);
    const page = await getPage(testApp.app, jar, outboxPaths.deadLetters);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('A letter that could not be sent');
    expect(page.body).toContain('GOV.UK Notify answered 503 on every try');

    const retried = await postForm(testApp.app, jar, outboxPaths.tryAgain(messageId), {}, { csrfFrom: outboxPaths.deadLetters });
    expect(retried.statusCode).toBe(303);
    expect(retried.headers.location).toBe(`${outboxPaths.deadLetters}?retried=1`);
    expect((await testApp.services.outbox.message(admin.actor, messageId)).state).toBe('queued');
    const audit = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'outbox_message', messageId);
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([['outbox.retried', admin.actor.id]]);

    // Trying again what is no longer dead changes nothing.
    await expect(testApp.services.outbox.tryAgain(admin.actor, messageId)).rejects.toThrow(NotFoundError);
    await runner().runUntilIdle();
    expect((await testApp.services.outbox.message(admin.actor, messageId)).state).toBe('held');
    const after = await getPage(testApp.app, jar, outboxPaths.deadLetters);
    expect(after.body).not.toContain('A letter that could not be sent');
  });

  it('hides a portal sign-in link’s token on the outbox’s pages in production, and shows it outside production', async () => {
    const email = `senco-${Date.now()}@school.example`;
    const { messageId } = await testApp.services.portalAuth.inviteProfessional(officer.actor, { name: 'Priya Shah', email, organisation: 'EPS', adviceKind: 'psychological' });
    const link = /\/portal\/sign-in\/link\/([A-Za-z0-9_-]{43})/;
    // Outside production (this test app): the page shows the link, so a demonstration can follow it.
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const page = await getPage(testApp.app, jar, outboxPaths.message(messageId));
    const token = link.exec(page.body)?.[1];
    expect(token).toBeDefined();
    // In production: the same message, its token hidden; what is sent is unchanged.
    const production = new OutboxService(testApp.database.db, clock, outboxOnlyAdapter, { environment: 'production' });
    const shown = await production.message(officer.actor, messageId);
    expect(shown.bodyText).not.toContain(token);
    expect(shown.bodyText).toContain('/portal/sign-in/link/[hidden: the link signs its holder in]');
    const [stored] = await queryRows<{ body_text: string }>(testApp.database.db, sql`SELECT "body_text" FROM "outbox_message" WHERE "authority_id" = ${testApp.authorityId} AND "id" = ${messageId}`);
    expect(stored!.body_text).toContain(token);
    expect((await production.outbox(officer.actor)).messages.every((message) => !message.bodyText?.includes(token!))).toBe(true);
  });

  it('puts the outbox in the navigation of the SEND team and administrators', async () => {
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    expect((await getPage(testApp.app, jar, '/cases')).body).toContain(`href="${outboxPaths.outbox}"`);
    const boardJar = await signIn(testApp.app, board.user.email, board.password);
    const boardPage = await getPage(testApp.app, boardJar, '/timescales');
    expect(boardPage.body).not.toContain(`href="${outboxPaths.outbox}"`);
  });
});
