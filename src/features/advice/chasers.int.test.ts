// Reminders and chasers about advice, sent by background jobs queued with the request: a reminder
// 5 working days before the due date, chasers 1 and 10 working days after, each at most once, and
// none once the advice has come, the request is withdrawn or excused (SEND Regs 2014 reg. 8).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../composition.ts';
import { queryRows } from '../../db/database.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anAuthority, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { ValidationError } from '../../lib/errors.ts';
import { systemActor } from '../auth/index.ts';
import { aPdf } from '../../test/files.ts';
import { listAuditEventsFor } from '../audit/index.ts';
import type { NewAdviceRequest } from './index.ts';

const clock = adjustableClock('2026-11-23T10:00:00Z');

let testApp: TestApp;
let officer: TestOfficer;

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
});
afterAll(async () => {
  await testApp?.close();
});

const runner = (name = 'runner') => createJobRunner(testApp, testApp.services, { name, random: () => 0 });

/** Moves the test's clock to 09:00 in England on a day (after the chasers' 08:00). */
function moveTo(day: string) {
  clock.advance(new Date(`${day}T09:00:00Z`).getTime() - clock.now().getTime());
}

const medical = (overrides: Partial<NewAdviceRequest> = {}): NewAdviceRequest => ({
  kind: 'medical',
  organisation: 'Demo City Community Paediatrics',
  organisationType: 'health-body',
  professionalName: 'Dr Asha Patel',
  channel: 'email',
  address: 'paediatrics@nhs.example',
  sentOn: clock.today(),
  ...overrides,
});

async function chasesOf(requestId: string) {
  return queryRows<{ chaser: string; scheduledOn: string; messageId: string | null }>(
    testApp.database.db,
    sql`SELECT "chaser", "scheduled_on" AS "scheduledOn", "message_id" AS "messageId" FROM "advice_chase" WHERE "authority_id" = ${testApp.authorityId} AND "advice_request_id" = ${requestId} ORDER BY "sent_at"`,
  );
}

/** The advice-chaser letters kept on a case, with the outbox message each was queued as. */
async function chaserLetters(caseId: string) {
  return queryRows<{ id: string; messageId: string; subject: string; bodyText: string; recipientAddress: string }>(
    testApp.database.db,
    sql`SELECT l."id", m."id" AS "messageId", m."subject", m."body_text" AS "bodyText", m."recipient_address" AS "recipientAddress"
          FROM "letter" l JOIN "outbox_message" m ON m."authority_id" = l."authority_id" AND m."id" = l."message_id"
         WHERE l."authority_id" = ${testApp.authorityId} AND l."case_id" = ${caseId} AND l."letter_type" = 'advice-chaser' ORDER BY l."created_at"`,
  );
}

describe('reminders and chasers', () => {
  it('sends the reminder 5 working days before the due date and the chasers after it, each once, with the chaser’s words, until the advice comes', async () => {
    moveTo('2026-11-23');
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-10-12' });
    const request = await testApp.services.advice.askForAdvice(officer.actor, created.caseId, medical());
    expect(request.dueOn).toBe('2027-01-04');

    // Nothing is due yet.
    await runner().runUntilIdle();
    expect(await chasesOf(request.id)).toEqual([]);

    // Christmas and New Year's Day are not working days: 5 before Monday 4 January is 23 December.
    moveTo('2026-12-22');
    await runner().runUntilIdle();
    expect(await chasesOf(request.id)).toEqual([]);
    moveTo('2026-12-23');
    await runner().runUntilIdle();
    await runner().runUntilIdle();
    const reminder = await chasesOf(request.id);
    expect(reminder).toEqual([{ chaser: 'reminder', scheduledOn: '2026-12-23', messageId: expect.any(String) }]);
    const [reminderLetter] = await chaserLetters(created.caseId);
    expect(reminderLetter).toMatchObject({ messageId: reminder[0]!.messageId, recipientAddress: 'paediatrics@nhs.example' });
    expect(reminderLetter!.subject).toMatch(new RegExp(`^Reminder: medical advice for .+ \\(${created.reference}\\)$`));
    expect(reminderLetter!.bodyText).toContain('This is a reminder that your advice is due soon');
    expect(reminderLetter!.bodyText).toContain('Your advice is due by 4 January 2027.');

    moveTo('2027-01-05');
    await runner().runUntilIdle();
    expect((await chasesOf(request.id)).map((chase) => chase.chaser)).toEqual(['reminder', 'first-chaser']);
    expect((await chaserLetters(created.caseId))[1]!.bodyText).toContain('Your advice was due and we have not received it');
    const page = await testApp.services.advice.caseAdvice(officer.actor, created.caseId);
    expect(page.requests[0]!.chases.map((chase) => chase.title)).toEqual(['Reminder before the due date', 'First chaser after the due date']);
    expect(page.requests[0]!.standing).toEqual({ state: 'late', daysLate: 1 });

    // The advice comes: the second chaser's job finds it answered and does nothing.
    await testApp.services.advice.recordAdviceReceived(officer.actor, request.id, { receivedOn: '2027-01-05', file: { filename: 'advice.pdf', bytes: aPdf(), truncated: false } });
    moveTo('2027-01-18');
    await runner().runUntilIdle();
    const [secondJob] = await queryRows<{ status: string }>(
      testApp.database.db,
      sql`SELECT "status" FROM "job" WHERE "authority_id" = ${testApp.authorityId} AND "kind" = 'advice.chase' AND "payload"->>'adviceRequestId' = ${request.id} AND "payload"->>'chaser' = 'second-chaser'`,
    );
    expect(secondJob).toEqual({ status: 'done' });
    expect((await chasesOf(request.id)).map((chase) => chase.chaser)).toEqual(['reminder', 'first-chaser']);
    expect(await chaserLetters(created.caseId)).toHaveLength(2);
    const audit = await listAuditEventsFor(testApp.database.db, testApp.authorityId, 'advice_request', request.id);
    expect(audit.filter((entry) => entry.action === 'advice.chased').map((entry) => entry.details.chaser)).toEqual(['first-chaser', 'reminder']);
  });

  it('for a request recorded late sends only the last chaser already due, at once, and the next at its day', async () => {
    moveTo('2026-11-23');
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-08-03' });
    // Sent 8 September, due 20 October: the reminder and the first chaser have passed; the second
    // (3 November) has too, so it alone goes now.
    const request = await testApp.services.advice.askForAdvice(officer.actor, created.caseId, medical({ sentOn: '2026-09-08' }));
    expect(request.dueOn).toBe('2026-10-20');
    await runner().runUntilIdle();
    expect((await chasesOf(request.id)).map((chase) => [chase.chaser, chase.scheduledOn])).toEqual([['second-chaser', '2026-11-03']]);
    expect(await chaserLetters(created.caseId)).toHaveLength(1);
  });

  it.each([
    ['withdrawn', (id: string) => testApp.services.advice.closeRequest(officer.actor, id, { status: 'withdrawn', reason: 'No longer needed' })],
    ['declined', (id: string) => testApp.services.advice.closeRequest(officer.actor, id, { status: 'declined', reason: 'Not known to the service' })],
    ['excused under reg. 8(2)', (id: string) => testApp.services.advice.recordException(officer.actor, id, { ground: 'exceptional-circumstances', reason: 'Bereavement in the family' })],
  ])('sends no chaser about a request %s (SEND Regs 2014 reg. 8(2))', async (_name, change) => {
    moveTo('2026-11-23');
    const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-08-03' });
    const request = await testApp.services.advice.askForAdvice(officer.actor, created.caseId, medical({ sentOn: '2026-09-08' }));
    await change(request.id);
    await runner().runUntilIdle();
    expect(await chasesOf(request.id)).toEqual([]);
    expect(await chaserLetters(created.caseId)).toEqual([]);
  });

  it('sends each chaser once, whichever of two runners claims it, however many are due at once', async () => {
    moveTo('2026-11-23');
    const requests: { id: string; caseId: string }[] = [];
    for (let index = 0; index < 6; index += 1) {
      const created = await aCase(testApp, officer.actor, { stage: 'assessment', receivedOn: '2026-08-03' });
      for (const sentOn of ['2026-09-08', '2026-09-09']) {
        const request = await testApp.services.advice.askForAdvice(officer.actor, created.caseId, medical({ sentOn }));
        requests.push({ id: request.id, caseId: created.caseId });
      }
    }
    const first = runner('first');
    const second = runner('second');
    await Promise.all([first.runUntilIdle(), second.runUntilIdle(), first.runUntilIdle(), second.runUntilIdle()]);
    for (const request of requests) expect(await chasesOf(request.id), request.id).toHaveLength(1);
    const caseIds = [...new Set(requests.map((request) => request.caseId))];
    const letters = (await Promise.all(caseIds.map((caseId) => chaserLetters(caseId)))).flat();
    expect(letters).toHaveLength(requests.length);
  });

  it('does nothing for a job whose request was never kept (a payload it cannot read)', async () => {
    const job = { id: '01937a70-0000-7000-8000-000000000000', authorityId: testApp.authorityId, kind: 'advice.chase', attempt: 1, maxAttempts: 8 };
    await expect(testApp.services.advice.sendChaser({ ...job, payload: { adviceRequestId: 'not-an-id', chaser: 'reminder' } })).resolves.toBeUndefined();
    await expect(testApp.services.advice.sendChaser({ ...job, payload: { adviceRequestId: '01937a70-0000-7000-8000-000000000001', chaser: 'reminder' } })).resolves.toBeUndefined();
  });

  describe('in a council whose letters cannot be signed (no officer on the case, no council details)', () => {
    /** A case in assessment in a council of its own with no details for letters, waiting for an officer. */
    async function unsignable() {
      moveTo('2026-11-23');
      const council = await anAuthority(testApp.database.db);
      const manager = await anOfficer(testApp, { role: 'team_manager', authorityId: council.id });
      const created = await aCase(testApp, manager.actor, { stage: 'assessment', receivedOn: '2026-08-03' });
      return { council, manager, created };
    }

    async function written(authorityId: string, caseId: string) {
      const [row] = await queryRows<{ requests: number; chases: number; jobs: number; letters: number; messages: number }>(
        testApp.database.db,
        sql`SELECT (SELECT count(*)::int FROM "advice_request" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "requests",
                   (SELECT count(*)::int FROM "advice_chase" c WHERE c."authority_id" = ${authorityId} AND c."advice_request_id" IN (SELECT "id" FROM "advice_request" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId})) AS "chases",
                   (SELECT count(*)::int FROM "job" WHERE "authority_id" = ${authorityId} AND "kind" = 'advice.chase') AS "jobs",
                   (SELECT count(*)::int FROM "letter" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "letters",
                   (SELECT count(*)::int FROM "outbox_message" WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId}) AS "messages"`,
      );
      return row!;
    }

    it('refuses to ask for advice whose request letter cannot be written, and keeps nothing: no request, job, letter or message', async () => {
      const { council, created } = await unsignable();
      const system = systemActor(council.id, 'script');
      const refusal = testApp.services.advice.askForAdvice(system, created.caseId, medical());
      await expect(refusal).rejects.toBeInstanceOf(ValidationError);
      await expect(refusal).rejects.toMatchObject({ problems: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('details for letters are not set') })]) });
      expect(await written(council.id, created.caseId)).toEqual({ requests: 0, chases: 0, jobs: 0, letters: 0, messages: 0 });
    });

    it('records no chase when its letter cannot be written: the job is tried again later, and nothing half-written is left', async () => {
      const { council, manager, created } = await unsignable();
      // Sent outside the service in September: no request letter now, and a chaser due at once.
      await testApp.services.advice.askForAdvice(manager.actor, created.caseId, medical({ sentOn: '2026-09-08' }));
      await runner().runUntilIdle();
      expect(await written(council.id, created.caseId)).toEqual({ requests: 1, chases: 0, jobs: 1, letters: 0, messages: 0 });
      const [job] = await queryRows<{ status: string; attempts: number; lastError: string }>(
        testApp.database.db,
        sql`SELECT "status", "attempts", "last_error" AS "lastError" FROM "job" WHERE "authority_id" = ${council.id} AND "kind" = 'advice.chase'`,
      );
      expect(job).toEqual({ status: 'queued', attempts: 1, lastError: 'ValidationError' });
    });
  });
});
