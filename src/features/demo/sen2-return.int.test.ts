// The demo's SEN2 return (issue 21, part 6): the demo as `npm start` loads it (its accounts, then
// its data, through the services) makes a return for the census date that passes every check the
// service makes, and has something in every part of the structure: requests refused and agreed,
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
  it('DfE SEN2 guide: passes every check the service makes but those of the plan received from another council, every child in the file', () => {
    // Known gap: a plan received from another council (reg. 15) has no request here, and the
    // service cannot yet hold its content, so the demo's one (Zara Ahmed's, received a fortnight
    // before the census date) has no ReceivedDate, RequestSource, needs or placement. Nothing else fails.
    const failures = result.groups.flatMap((group) => group.entries.map((entry) => `${group.rule} ${entry.childName}: ${entry.message}`));
    expect(failures).toEqual([
      'SEN2-R01 Zara Ahmed: The plan was transferred in from another council and no request for it is recorded here: its ReceivedDate is not known',
      'SEN2-R02 Zara Ahmed: Who made the request (RequestSource) is not recorded',
      'SEN2-S01 Zara Ahmed: The plan in force records no primary need (section B)',
      'SEN2-S02 Zara Ahmed: The plan in force names no placement in section I',
    ]);
    expect(result.problems).toBe(4);
    expect(result.childrenWithProblems).toBe(1);
    expect(elements('Person')).toHaveLength(result.counts.persons);
    expect(result.counts.persons).toBeGreaterThan(100);
  });

  it('DfE SEN2 guide: has requests refused and agreed, assessments with Week20, plans issued and ceased in the year, plans in force with placements and needs', () => {
    const requests = elements('Requests');
    expect(requests.filter((request) => value(request, 'RequestOutcome') === 'N').length).toBeGreaterThan(0);
    expect(requests.filter((request) => value(request, 'RequestOutcome') === 'Y').length).toBeGreaterThan(0);
    // Every request but the transferred plan's (above) has its date and source.
    expect(requests.filter((request) => !value(request, 'ReceivedDate') || !value(request, 'RequestSource'))).toHaveLength(1);

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
    // Every plan in force but the transferred one (above) has its placement and its primary need.
    expect(active.filter((plan) => elements('PlacementDetail', plan).length === 0 || !elements('SENneed', plan).some((need) => value(need, 'SENtypeRank') === '1'))).toHaveLength(1);
    // Some plans set out a secondary need beside the primary one.
    expect(active.some((plan) => elements('SENneed', plan).some((need) => value(need, 'SENtypeRank') === '2'))).toBe(true);

    expect(result.counts.requestsRefused).toBeGreaterThan(0);
    expect(result.counts.requestsAgreed).toBeGreaterThan(0);
    expect(result.counts.plansIssued).toBeGreaterThan(0);
    expect(result.counts.plansCeased).toBeGreaterThan(0);
    expect(result.counts.activePlans).toBe(active.length);
  });
});
