import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchNamesOf, surnameKeyOf } from '../../domain/children/search-keys.ts';
import { checkUpn } from '../../domain/children/upn.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { firstOutOfOrder } from '../../domain/events/index.ts';
import { createTestDatabase, testEngine } from '../../test/database.ts';
import { queryRows, type DatabaseHandle } from '../database.ts';
import { loadAuthorityProfiles, NATIONAL_PLANS, seedAtScale, type ScaleSeedOptions } from './scale.ts';

// The scale seed through its own code path, shrunk: two authorities (City of London, whose 20-week
// figure is suppressed, and Blackpool, whose review figure is) at 15% of their national size.
const OPTIONS: ScaleSeedOptions = { scale: 'national', seed: 42, today: '2026-11-23', scaleFactor: 0.15, laCodes: ['201', '890'] };

// Counting queries name tables unquoted: they look across the seeded authorities on purpose.
const count = async (database: DatabaseHandle, from: string) =>
  Number((await queryRows<{ n: number | string }>(database.db, sql.raw(`SELECT count(*) AS n FROM ${from}`)))[0]!.n);

describe(`seedAtScale (${testEngine})`, () => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let result: Awaited<ReturnType<typeof seedAtScale>>;

  beforeAll(async () => {
    first = await createTestDatabase();
    second = await createTestDatabase();
    result = await seedAtScale(first, OPTIONS);
  }, 60_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('loads rows that agree with each other and with the published sizes', async () => {
    expect(result.authorities).toBe(2);
    expect(await count(first, 'authority')).toBe(2);
    expect(await count(first, 'authority_code')).toBe(2);
    expect(await count(first, 'child')).toBe(result.children);
    expect(await count(first, 'ehc_case')).toBe(result.cases);
    expect(result.cases).toBe(result.children);
    expect(await count(first, 'person')).toBe(result.children);
    expect(await count(first, 'child_person')).toBe(result.children);
    expect(await count(first, 'assessment_request')).toBe(result.cases);
    expect(await count(first, 'case_event')).toBe(result.events);
    expect(await count(first, 'case_deadline')).toBe(result.deadlines);
    expect(await count(first, "case_event WHERE type = 'request.received'")).toBe(result.cases);
    // Each case's holder now, as one open spell agreeing with the case.
    expect(await count(first, 'case_holder h JOIN ehc_case c ON c.id = h.case_id WHERE h.held_to IS NULL AND h.officer_id IS NOT DISTINCT FROM c.officer_id')).toBe(result.cases);
    // Some cases an officer took waited in the queue first: a closed spell ending as the officer's begins.
    const waits = await count(first, 'case_holder q JOIN case_holder o ON o.case_id = q.case_id AND o.officer_id IS NOT NULL AND o.held_from = q.held_to WHERE q.officer_id IS NULL AND q.held_to IS NOT NULL');
    expect(waits).toBeGreaterThan(0);
    expect(await count(first, 'case_holder')).toBe(result.cases + waits);
    expect(await count(first, 'staff_user')).toBeGreaterThanOrEqual(4);
    expect(await count(first, 'school')).toBeGreaterThanOrEqual(40);

    // Maintained plans (stage plan, or review while a review is under way) are the authority's share of England's.
    const profiles = loadAuthorityProfiles();
    const total = profiles.reduce((sum, profile) => sum + profile.plans, 0);
    const plans = await queryRows<{ la_code: string; n: number | string }>(
      first.db,
      sql.raw(
        `SELECT code.la_code, count(*) AS n FROM ehc_case c JOIN authority_code code ON code.authority_id = c.authority_id
         WHERE c.closed_on IS NULL AND c.stage IN ('plan', 'review') GROUP BY code.la_code ORDER BY code.la_code`,
      ),
    );
    expect(plans.map((row) => [row.la_code, Number(row.n)])).toEqual(
      ['201', '890'].map((code) => [code, Math.max(1, Math.round(((profiles.find((profile) => profile.laCode === code)!.plans * NATIONAL_PLANS) / total) * 0.15))]),
    );
    expect(await count(first, "ehc_case WHERE closed_on IS NULL AND stage IN ('request', 'assessment', 'draft')")).toBeGreaterThan(0);
    expect(await count(first, "ehc_case WHERE stage = 'closed'")).toBeGreaterThan(0);
    // Appeals to the tribunal at about the national rate, 3.5% of plans, each against its case's plan.
    const maintained = plans.reduce((sum, row) => sum + Number(row.n), 0);
    const appealed = await count(first, 'appeal');
    expect(appealed).toBeGreaterThan(maintained * 0.015);
    expect(appealed).toBeLessThan(maintained * 0.06);
    expect(await count(first, "appeal a JOIN case_event e ON e.id = a.decision_event_id AND e.case_id = a.case_id AND e.type = 'plan.issued' WHERE a.registered_on > e.occurred_on")).toBe(appealed);
    expect(await count(first, 'appeal_section')).toBe(appealed);

    // The counters hold the highest reference number of each year, as the app would go on from.
    const counters = await queryRows<{ mismatched: number | string }>(
      first.db,
      sql.raw(
        `SELECT count(*) AS mismatched FROM case_reference_counter counter
         WHERE counter.last_number <> (SELECT max(split_part(c.reference, '-', 4)::int) FROM ehc_case c
           WHERE c.authority_id = counter.authority_id AND split_part(c.reference, '-', 3)::int = counter.year)`,
      ),
    );
    expect(Number(counters[0]!.mismatched)).toBe(0);
    expect(await count(first, 'case_reference_counter')).toBeGreaterThan(0);
  });

  it('gives every open case an officer or a place on the unallocated queue, and each child one open case', async () => {
    expect(await count(first, 'ehc_case WHERE closed_on IS NULL AND officer_id IS NULL AND unallocated_since IS NULL')).toBe(0);
    const open = await count(first, 'ehc_case WHERE closed_on IS NULL');
    const unallocated = await count(first, 'ehc_case WHERE closed_on IS NULL AND officer_id IS NULL');
    expect(unallocated).toBeLessThan(open * 0.1);
    expect(await count(first, '(SELECT child_id FROM ehc_case WHERE closed_on IS NULL GROUP BY child_id HAVING count(*) > 1) twice')).toBe(0);
    expect(await count(first, 'ehc_case WHERE closed_on IS NOT NULL AND stage <> \'closed\'')).toBe(0);
  });

  it('leaves each officer’s count of open cases (kept by triggers through the COPY) equal to their cases', async () => {
    const officers = await count(first, '(SELECT DISTINCT authority_id, officer_id FROM ehc_case WHERE closed_on IS NULL AND officer_id IS NOT NULL) holding');
    expect(officers).toBeGreaterThan(1);
    expect(await count(first, 'officer_caseload WHERE open_cases > 0')).toBe(officers);
    expect(
      await count(
        first,
        `officer_caseload held WHERE held.open_cases <> (SELECT count(*) FROM ehc_case c
           WHERE c.authority_id = held.authority_id AND c.officer_id = held.officer_id AND c.closed_on IS NULL)`,
      ),
    ).toBe(0);
  });

  it('writes valid, unique UPNs and the app’s own search keys', async () => {
    const children = await queryRows<{ forename: string; surname: string; preferred_name: string | null; upn: string | null; search_names: string; surname_key: string }>(
      first.db,
      sql.raw('SELECT forename, surname, preferred_name, upn, search_names, surname_key FROM child'),
    );
    const upns = children.map((child) => child.upn).filter((upn): upn is string => upn !== null);
    expect(upns.length).toBeGreaterThan(children.length / 2);
    expect(upns.filter((upn) => !checkUpn(upn).valid)).toEqual([]);
    expect(new Set(upns).size).toBe(upns.length);
    for (const child of children) {
      expect(child.search_names).toBe(searchNamesOf({ forename: child.forename, surname: child.surname, preferredName: child.preferred_name }));
      expect(child.surname_key).toBe(surnameKeyOf(child.surname));
    }
  });

  it('repeats the earliest open deadline of the authority’s on each case', async () => {
    const mismatched = await count(
      first,
      `ehc_case c WHERE c.next_deadline_on IS DISTINCT FROM
        (SELECT min(d.due_on) FROM case_deadline d WHERE d.case_id = c.id AND d.met_on IS NULL AND d.duty = 'authority')`,
    );
    expect(mismatched).toBe(0);
    expect(await count(first, 'ehc_case WHERE closed_on IS NULL AND next_deadline_on IS NOT NULL')).toBeGreaterThan(0);
  });

  it('runs no duty of the council’s on a closed case: unmet duties end with the case', async () => {
    expect(await count(first, "case_deadline d JOIN ehc_case c ON c.id = d.case_id WHERE c.closed_on IS NOT NULL AND d.met_on IS NULL AND d.duty = 'authority'")).toBe(0);
    expect(await count(first, 'ehc_case WHERE closed_on IS NOT NULL AND next_deadline_on IS NOT NULL')).toBe(0);
    expect(await count(first, 'case_deadline d JOIN ehc_case c ON c.id = d.case_id WHERE c.closed_on IS NOT NULL AND d.met_on IS NOT NULL')).toBeGreaterThan(0);
  });

  it('writes histories the service itself would have accepted: every step in the order of the process', async () => {
    const events = await queryRows<{ case_id: string; type: string; occurred_on: string }>(first.db, sql.raw('SELECT case_id, type, occurred_on FROM case_event'));
    const byCase = new Map<string, { type: string; occurredOn: IsoDate }[]>();
    for (const event of events) byCase.set(event.case_id, [...(byCase.get(event.case_id) ?? []), { type: event.type, occurredOn: event.occurred_on as IsoDate }]);
    expect(byCase.size).toBeGreaterThan(100);
    const broken = [...byCase].map(([caseId, history]) => ({ caseId, broken: firstOutOfOrder(history) })).filter((entry) => entry.broken);
    expect(broken.slice(0, 3)).toEqual([]);
  });

  it('refuses to seed an authority that is already there', async () => {
    await expect(seedAtScale(first, OPTIONS)).rejects.toThrow(/already has LA/);
  });

  it('gives the same rows for the same seed', async () => {
    await seedAtScale(second, OPTIONS);
    const rows = (database: DatabaseHandle) =>
      queryRows<Record<string, unknown>>(database.db, sql.raw('SELECT c.id, c.forename, c.surname, c.date_of_birth, c.upn, e.reference, e.stage FROM child c JOIN ehc_case e ON e.child_id = c.id ORDER BY e.reference'));
    const [one, two] = await Promise.all([rows(first), rows(second)]);
    expect(one.length).toBe(result.children);
    expect(two).toEqual(one);
  });
});
