import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBankHolidayCalendar, NO_BANK_HOLIDAYS } from '../calendar/bank-holidays.ts';
import { isoDate, type IsoDate } from '../calendar/dates.ts';
import { englandAndWales } from '../calendar/test-fixtures.ts';
import { capacityTenths, DEFAULT_CAP_PER_FULL_TIME_TENTHS, loadAgainstCapacity, parseCap, parseFte } from './capacity.ts';
import { longWaitCutoff } from './queue.ts';
import {
  caseWeight,
  DEFAULT_WEIGHT_RULES,
  formatTenths,
  loadFromCounts,
  matchingRules,
  parseWeight,
  phaseTransferBirthRanges,
  WEIGHT_RULE_KEYS,
  WEIGHT_RULES,
  weightRulesFrom,
  type CaseWeightFacts,
  type RuleCounts,
  type WeightRuleKey,
} from './weights.ts';

const today = isoDate('2026-11-30');

/** A plain open case: a request, a child at school, nothing overdue, not restricted, no move due. */
const plain: CaseWeightFacts = { stage: 'request', dateOfBirth: isoDate('2018-03-10'), hasSchool: true, sensitive: false, reviewOverdue: false };

describe('the weight of an open case', () => {
  it('is the base weight for any open case, 1.0 by default', () => {
    expect(caseWeight(plain, DEFAULT_WEIGHT_RULES, today)).toEqual({ tenths: 10, parts: [{ key: 'open-case', name: 'open case', tenths: 10 }], explanation: '1.0: open case 1.0' });
  });

  it.each<[string, Partial<CaseWeightFacts>, WeightRuleKey]>([
    ['needs assessment: decided to assess (SEND Regs 2014 reg. 5)', { stage: 'assessment' }, 'assessment'],
    ['draft plan: the 20 weeks still running (SEND Regs 2014 reg. 13)', { stage: 'draft' }, 'assessment'],
    ['starting year 7 next September (SEND Regs 2014 reg. 18)', { dateOfBirth: isoDate('2016-08-31') }, 'phase-transfer'],
    ['starting reception next September (SEND Regs 2014 reg. 18)', { dateOfBirth: isoDate('2022-09-01') }, 'phase-transfer'],
    ['starting year 12 next September (SEND Regs 2014 reg. 18(1)(b))', { dateOfBirth: isoDate('2011-01-20') }, 'phase-transfer'],
    ['no school or setting on the record', { hasSchool: false }, 'no-placement'],
    ['an annual review duty missed (SEND Regs 2014 reg. 20)', { reviewOverdue: true }, 'review-overdue'],
    ['a restricted record', { sensitive: true }, 'restricted'],
  ])('adds its rule for %s', (_, change, rule) => {
    expect(matchingRules({ ...plain, ...change }, today)).toEqual(['open-case', rule]);
  });

  it.each([
    ['a request not yet decided', 'request'],
    ['a maintained plan', 'plan'],
    ['a plan under review', 'review'],
  ])('counts no assessment for %s', (_, stage) => {
    expect(matchingRules({ ...plain, stage }, today)).toEqual(['open-case']);
  });

  it.each([
    ['born the day after the year 7 cohort ends', '2016-09-01'],
    ['born the day before the year 7 cohort starts', '2015-08-31'],
    ['in year 7 already (moved this September)', '2015-06-15'],
  ])('counts no phase transfer for a child %s', (_, born) => {
    expect(matchingRules({ ...plain, dateOfBirth: isoDate(born) }, today)).toEqual(['open-case']);
  });

  it('takes the next September as the move: until 31 August the one of this year, from 1 September the next year’s (SEND Regs 2014 reg. 18)', () => {
    expect(phaseTransferBirthRanges(isoDate('2026-08-31'))).toEqual([
      { move: 'reception', from: '2021-09-01', to: '2022-08-31' },
      { move: 'year 7', from: '2014-09-01', to: '2015-08-31' },
      { move: 'year 12', from: '2009-09-01', to: '2010-08-31' },
    ]);
    expect(phaseTransferBirthRanges(isoDate('2026-09-01'))[1]).toEqual({ move: 'year 7', from: '2015-09-01', to: '2016-08-31' });
  });

  it('keeps the rules for a live appeal and a looked-after child, which no case matches until they are recorded', () => {
    const unrecorded = WEIGHT_RULES.filter((rule) => !rule.recorded);
    expect(unrecorded.map((rule) => [rule.key, rule.defaultTenths])).toEqual([
      ['live-appeal', 15],
      ['looked-after', 10],
    ]);
    for (const rule of unrecorded) expect(rule.description).toMatch(/not recorded in the service yet: no case matches this rule until/);
    // Whatever else a case is, it never matches them.
    const everything: CaseWeightFacts = { stage: 'assessment', dateOfBirth: isoDate('2016-01-01'), hasSchool: false, sensitive: true, reviewOverdue: true };
    expect(matchingRules(everything, today)).not.toContain('live-appeal');
    expect(matchingRules(everything, today)).not.toContain('looked-after');
  });

  it('is explained rule by rule, the catalogue’s order, each weight with one decimal place', () => {
    const facts: CaseWeightFacts = { ...plain, stage: 'assessment', reviewOverdue: true };
    expect(caseWeight(facts, DEFAULT_WEIGHT_RULES, today).explanation).toBe('3.5: open case 1.0, assessment in progress 1.0, review overdue 1.5');
    const all: CaseWeightFacts = { stage: 'draft', dateOfBirth: isoDate('2016-01-01'), hasSchool: false, sensitive: true, reviewOverdue: true };
    expect(caseWeight(all, DEFAULT_WEIGHT_RULES, today).explanation).toBe(
      '6.5: open case 1.0, assessment in progress 1.0, phase transfer this year 1.0, no school or setting 1.5, review overdue 1.5, restricted record 0.5',
    );
  });

  it('uses the council’s weights where it has changed them, and leaves out a rule it weighs at 0', () => {
    const rules = weightRulesFrom([
      { ruleKey: 'assessment', tenths: 20 },
      { ruleKey: 'restricted', tenths: 0 },
      { ruleKey: 'a-rule-since-removed', tenths: 50 },
    ]);
    expect(rules).toEqual({ ...DEFAULT_WEIGHT_RULES, assessment: 20, restricted: 0 });
    expect(caseWeight({ ...plain, stage: 'assessment', sensitive: true }, rules, today).explanation).toBe('3.0: open case 1.0, assessment in progress 2.0');
    // The base is always said, even at 0.
    expect(caseWeight(plain, { ...rules, 'open-case': 0 }, today).explanation).toBe('0.0: open case 0.0');
  });

  it('has the defaults of the issue: base 1.0, assessment 1.0, phase transfer 1.0, live appeal 1.5, no placement 1.5, looked after 1.0, review overdue 1.5, restricted 0.5', () => {
    expect(DEFAULT_WEIGHT_RULES).toEqual({
      'open-case': 10,
      assessment: 10,
      'phase-transfer': 10,
      'live-appeal': 15,
      'no-placement': 15,
      'looked-after': 10,
      'review-overdue': 15,
      restricted: 5,
    });
    expect(WEIGHT_RULES.map((rule) => rule.key)).toEqual(WEIGHT_RULE_KEYS);
  });

  it('a group’s load from its counts by rule is the sum of its cases’ weights, whatever the cases and the weights', () => {
    const facts = fc.record({
      stage: fc.constantFrom('request', 'assessment', 'draft', 'plan', 'review'),
      dateOfBirth: fc.integer({ min: 0, max: 8000 }).map((days) => isoDate(new Date(Date.UTC(2004, 0, 1) + days * 86_400_000).toISOString().slice(0, 10))),
      hasSchool: fc.boolean(),
      sensitive: fc.boolean(),
      reviewOverdue: fc.boolean(),
    });
    const rules = fc.record(Object.fromEntries(WEIGHT_RULE_KEYS.map((key) => [key, fc.integer({ min: 0, max: 100 })])) as Record<WeightRuleKey, fc.Arbitrary<number>>);
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 40 }), rules, (cases, weights) => {
        const counts: Partial<Record<WeightRuleKey, number>> = {};
        for (const entry of cases) for (const key of matchingRules(entry, today)) counts[key] = (counts[key] ?? 0) + 1;
        const summed = cases.reduce((sum, entry) => sum + caseWeight(entry, weights, today).tenths, 0);
        expect(loadFromCounts(counts as RuleCounts, weights)).toBe(summed);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a weight as an administrator types it', () => {
  it.each([
    ['1', 10],
    ['1.5', 15],
    [' 0 ', 0],
    ['0.0', 0],
    ['10', 100],
    ['10.0', 100],
    ['.5', 5],
  ])('takes %j as %i tenths', (input, tenths) => {
    expect(parseWeight(input)).toEqual({ ok: true, tenths });
  });

  it.each([
    ['', 'missing'],
    ['  ', 'missing'],
    ['-1', 'negative'],
    ['-0.5', 'negative'],
    ['one', 'not-a-number'],
    ['1,5', 'not-a-number'],
    ['1e1', 'not-a-number'],
    ['Infinity', 'not-a-number'],
    ['10.1', 'too-big'],
    ['11', 'too-big'],
    ['1.25', 'too-precise'],
  ])('refuses %j: %s', (input, problem) => {
    expect(parseWeight(input)).toEqual({ ok: false, problem });
  });

  it('says tenths with one decimal place', () => {
    expect([0, 5, 10, 35, 100, 1234].map(formatTenths)).toEqual(['0.0', '0.5', '1.0', '3.5', '10.0', '123.4']);
  });
});

describe('an officer’s capacity', () => {
  it('is the council’s cap per full-time officer times their full-time equivalent, 40.0 by default', () => {
    expect(DEFAULT_CAP_PER_FULL_TIME_TENTHS).toBe(400);
    expect(capacityTenths(400, 10)).toBe(400);
    expect(capacityTenths(400, 6)).toBe(240);
    expect(capacityTenths(355, 5)).toBe(178);
  });

  it('says the load against it, and flags a load over it', () => {
    expect(loadAgainstCapacity(425, 400)).toEqual({ loadTenths: 425, capacityTenths: 400, percent: 106, over: true, text: '42.5 of 40.0 (106%)' });
    expect(loadAgainstCapacity(400, 400)).toMatchObject({ percent: 100, over: false });
    expect(loadAgainstCapacity(399, 400)).toMatchObject({ percent: 99, over: false });
  });

  it.each([
    ['1', { ok: true, tenths: 10 }],
    ['0.6', { ok: true, tenths: 6 }],
    ['0.1', { ok: true, tenths: 1 }],
    ['0', { ok: false, problem: 'out-of-range' }],
    ['1.1', { ok: false, problem: 'out-of-range' }],
    ['-0.5', { ok: false, problem: 'out-of-range' }],
    ['0.55', { ok: false, problem: 'too-precise' }],
    ['half', { ok: false, problem: 'not-a-number' }],
    ['', { ok: false, problem: 'missing' }],
  ])('reads a full-time equivalent of %j', (input, expected) => {
    expect(parseFte(input)).toEqual(expected);
  });

  it('reads a cap per full-time officer above 0 and up to 500', () => {
    expect(parseCap('40')).toEqual({ ok: true, tenths: 400 });
    expect(parseCap('0')).toEqual({ ok: false, problem: 'out-of-range' });
    expect(parseCap('500.1')).toEqual({ ok: false, problem: 'out-of-range' });
  });
});

describe('waiting too long in the unallocated queue', () => {
  it('is more than 5 working days: by Monday 30 November, joined on the Sunday before last or earlier', () => {
    expect(longWaitCutoff(today, NO_BANK_HOLIDAYS)).toBe('2026-11-22');
  });

  it('skips bank holidays: by 30 December 2026, joined by 20 December, not 21 (Christmas Day and Boxing Day’s substitute on the 28th)', () => {
    const withBoxingDay = createBankHolidayCalendar([{ date: isoDate('2026-12-28'), title: 'Boxing Day (substitute day)' }], [2026]);
    expect(longWaitCutoff(isoDate('2026-12-30'), withBoxingDay)).toBe('2026-12-20');
    expect(longWaitCutoff(isoDate('2026-12-30'), englandAndWales)).toBe('2026-12-20');
    // Without the substitute day the 28th works, and a case that joined on the 21st has waited long enough.
    expect(longWaitCutoff(isoDate('2026-12-30'), NO_BANK_HOLIDAYS)).toBe('2026-12-21');
  });

  it('is always before today', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (days) => {
        const day = isoDate(new Date(Date.UTC(2019, 0, 1) + days * 86_400_000).toISOString().slice(0, 10)) as IsoDate;
        expect(longWaitCutoff(day, englandAndWales) < day).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
