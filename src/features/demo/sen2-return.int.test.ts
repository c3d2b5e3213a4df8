// The demo's SEN2 return (issue 21, part 6): the demo as `npm start` loads it (its accounts, then
// its data, through the services) makes a return for the census date that passes every check the
// service makes (the plan received from another council included), and has something in every part of the structure: requests refused and agreed,
// assessments with Week20, plans issued and ceased in the year, plans in force with their
// placements and needs. Seeded once for the file: the demo takes a while to make.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { anOfficer } from '../../test/factories/index.ts';
import type { Sen2Result } from '../sen2/index.ts';
import { ensureDemoAccounts } from './index.ts';

// Thursday 21 January 2027, a census day: the return's year is 2026.
const CENSUS = '2027-01-21';
let testApp: TestApp;
let result: Sen2Result;
let xml: string;

beforeAll(async () => {
  testApp = await createTestApp({ clock: fixedClock(`${CENSUS}T10:00:00Z`) });
  await ensureDemoAccounts(testApp.services, testApp.authorityId);
  await testApp.services.demo.seedDemo(testApp.authorityId);
  const manager = await anOfficer(testApp, { role: 'team_manager' });
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  result = await testApp.services.sen2.export(manager.actor, CENSUS, out);
  xml = Buffer.concat(chunks).toString('utf8');
}, 600_000);
afterAll(async () => {
  await testApp?.close();
});

/** Each element of a name in the file, with what it holds. */
const elements = (name: string, within = xml) => [...within.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((match) => match[1]!);
const value = (element: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(element)?.[1];
const inYear = (date: string | undefined) => !!date && date >= '2026-01-01' && date <= '2026-12-31';

describe('the demo’s SEN2 return', () => {
  it('DfE SEN2 guide: passes every check the service makes, every child in the file', () => {
    // The plan received from another council (Zara Ahmed's, reg. 15) carries its papers' details:
    // the original request, the other council's LA code, and its needs and placement.
    const failures = result.groups.flatMap((group) => group.entries.map((entry) => `${group.rule} ${entry.childName}: ${entry.message}`));
    expect(failures).toEqual([]);
    expect(result.problems).toBe(0);
    expect(result.childrenWithProblems).toBe(0);
    expect(elements('Person')).toHaveLength(result.counts.persons);
    expect(result.counts.persons).toBeGreaterThan(100);
  });

  it('DfE SEN2 guide: has requests refused and agreed, assessments with Week20, plans issued and ceased in the year, plans in force with placements and needs', () => {
    const requests = elements('Requests');
    expect(requests.filter((request) => value(request, 'RequestOutcome') === 'N').length).toBeGreaterThan(0);
    expect(requests.filter((request) => value(request, 'RequestOutcome') === 'Y').length).toBeGreaterThan(0);
    // Every request has its date and source, the plan received from another council's too, which is
    // historical (H): its request and assessment were that council's.
    expect(requests.filter((request) => !value(request, 'ReceivedDate') || !value(request, 'RequestSource'))).toHaveLength(0);
    const historical = requests.filter((request) => value(request, 'RequestOutcome') === 'H');
    expect(historical).toHaveLength(1);
    expect(elements('TransferLA', historical[0])).toEqual(['886']);

    const assessments = requests.flatMap((request) => elements('Assessment', request));
    expect(assessments.filter((assessment) => value(assessment, 'Week20') === '1').length).toBeGreaterThan(0);
    expect(assessments.filter((assessment) => value(assessment, 'Week20') === '0').length).toBeGreaterThan(0);

    const named = assessments.flatMap((assessment) => elements('NamedPlan', assessment));
    expect(named.filter((plan) => inYear(value(plan, 'StartDate'))).length).toBeGreaterThan(0);
    const ceased = named.filter((plan) => value(plan, 'CeaseDate'));
    expect(ceased.length).toBeGreaterThan(0);
    expect(ceased.every((plan) => value(plan, 'CeaseReason'))).toBe(true);
    expect(ceased.some((plan) => inYear(value(plan, 'CeaseDate')))).toBe(true);

    const active = requests.flatMap((request) => elements('ActivePlans', request));
    expect(active.length).toBeGreaterThan(50);
    // Every plan in force has its placement and its primary need, the one received from another council too.
    expect(active.filter((plan) => elements('PlacementDetail', plan).length === 0 || !elements('SENneed', plan).some((need) => value(need, 'SENtypeRank') === '1'))).toHaveLength(0);
    // Some plans set out a secondary need beside the primary one.
    expect(active.some((plan) => elements('SENneed', plan).some((need) => value(need, 'SENtypeRank') === '2'))).toBe(true);

    expect(result.counts.requestsRefused).toBeGreaterThan(0);
    expect(result.counts.requestsAgreed).toBeGreaterThan(0);
    expect(result.counts.plansIssued).toBeGreaterThan(0);
    expect(result.counts.plansCeased).toBeGreaterThan(0);
    expect(result.counts.activePlans).toBe(active.length);
  });
});
