import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoDate, type IsoDate } from '../calendar/dates.ts';
import { NO_BANK_HOLIDAYS } from '../calendar/bank-holidays.ts';
import { englandAndWales } from '../calendar/test-fixtures.ts';
import { isWorkingDay } from '../calendar/working-days.ts';
import {
  ADVICE_BODIES,
  ADVICE_BODY_INFO,
  ADVICE_EXCEPTION_INFO,
  ADVICE_KIND_INFO,
  ADVICE_KINDS,
  adviceDue,
  adviceDueBasis,
  adviceStanding,
  chaserSchedule,
  chaserStillDue,
  chasersToQueue,
  deemedReceipt,
  mayAskForPreparingForAdulthood,
  mayRecordAdviceException,
  schoolYearOn,
  workingDaysBefore,
} from './advice.ts';

const on = isoDate;

describe('the kinds of advice (SEND Regs 2014 reg. 6(1))', () => {
  it('lists the eight kinds of reg. 6(1)(a) to (h), in the regulation’s order, each citing its sub-paragraph', () => {
    expect(ADVICE_KINDS.map((kind) => ADVICE_KIND_INFO[kind].paragraph)).toEqual(['(a)', '(b)', '(c)', '(d)', '(e)', '(f)', '(g)', '(h)']);
    for (const kind of ADVICE_KINDS) expect(ADVICE_KIND_INFO[kind].citation).toBe(`SEND Regulations 2014 reg. 6(1)${ADVICE_KIND_INFO[kind].paragraph}`);
    expect(ADVICE_KIND_INFO.psychological.description).toContain('educational psychologist');
    expect(ADVICE_KIND_INFO['family-request'].description).toContain('reasonably asks');
  });
});

describe('whether the 6 weeks are the law or guidance (SEND Regs 2014 reg. 8(1); CFA 2014 s.31)', () => {
  it('is statutory for a health body and another council (asked under s.31), guidance for everyone else', () => {
    expect(Object.fromEntries(ADVICE_BODIES.map((body) => [body, adviceDueBasis(body)]))).toEqual({
      'health-body': 'statutory',
      'other-council': 'statutory',
      'this-council': 'guidance',
      school: 'guidance',
      family: 'guidance',
      other: 'guidance',
    });
    expect(ADVICE_BODY_INFO['health-body'].hint).toContain('section 31');
  });

  it('says guidance is guidance in the basis, and cites reg. 8(1) only for a statutory request', () => {
    const school = adviceDue({ sentOn: on('2026-03-02'), channel: 'email', body: 'school' }, englandAndWales);
    expect(school.basis).toBe('guidance');
    expect(school.basisText).toMatch(/^Guidance, not law \(SEND Code of Practice/);
    const health = adviceDue({ sentOn: on('2026-03-02'), channel: 'email', body: 'health-body' }, englandAndWales);
    expect(health.basis).toBe('statutory');
    expect(health.basisText).toMatch(/^SEND Regulations 2014 reg\. 8\(1\): a body asked to co-operate under section 31/);
  });
});

describe('the day a request reaches the body, when nobody recorded it (CPR 6.26 by analogy; Interpretation Act 1978 s.7)', () => {
  it.each([
    ['an e-mail on a working day arrives that day', '2026-03-02', 'email', '2026-03-02'],
    ['an e-mail on a Saturday arrives on the Monday', '2026-03-07', 'email', '2026-03-09'],
    ['an e-mail on Good Friday arrives after Easter Monday', '2026-04-03', 'email', '2026-04-07'],
    ['a letter posted on a Thursday arrives on the Monday (second working day after)', '2026-03-05', 'post', '2026-03-09'],
    ['a letter posted the day before Good Friday arrives on the Wednesday after Easter', '2026-04-02', 'post', '2026-04-08'],
    ['a letter posted on Christmas Eve arrives after the bank holidays', '2026-12-24', 'post', '2026-12-30'],
  ] as const)('%s', (_name, sentOn, channel, expected) => {
    expect(deemedReceipt(on(sentOn), channel, englandAndWales).on).toBe(expected);
  });

  it('says which years it counted without a bank-holiday list', () => {
    expect(deemedReceipt(on('2031-03-05'), 'post', NO_BANK_HOLIDAYS).unloadedYears).toEqual([2031]);
    expect(adviceDue({ sentOn: on('2031-03-05'), channel: 'post', body: 'health-body' }, NO_BANK_HOLIDAYS).basisText).toContain('Bank holidays for 2031 not loaded');
  });
});

describe('the due date (SEND Regs 2014 reg. 8(1): within 6 weeks of the day the body receives the request)', () => {
  it.each([
    ['e-mailed on a Monday: 42 days after that day', { sentOn: '2026-03-02', channel: 'email' }, '2026-03-02', '2026-04-13'],
    ['posted on a Thursday: 42 days after the Monday it arrives', { sentOn: '2026-03-05', channel: 'post' }, '2026-03-09', '2026-04-20'],
    ['with the day of receipt recorded: 42 days after it, whatever the post', { sentOn: '2026-03-05', channel: 'post', receivedByBodyOn: '2026-03-12' }, '2026-03-12', '2026-04-23'],
  ] as const)('%s', (_name, request, receipt, due) => {
    const result = adviceDue({ ...request, sentOn: on(request.sentOn), receivedByBodyOn: 'receivedByBodyOn' in request ? on(request.receivedByBodyOn) : undefined, body: 'health-body' }, englandAndWales);
    expect(result.receiptOn).toBe(receipt);
    expect(result.dueOn).toBe(due);
    expect(result.receiptRecorded).toBe('receivedByBodyOn' in request);
    expect(result.basisText).toContain(`6 weeks (42 days) from ${receipt}`);
  });

  it('never moves off a weekend: a due date on a Sunday stays on the Sunday and says so', () => {
    const result = adviceDue({ sentOn: on('2026-03-01'), channel: 'email', receivedByBodyOn: on('2026-03-01'), body: 'health-body' }, englandAndWales);
    expect(result.dueOn).toBe('2026-04-12');
    expect(result.basisText).toContain('2026-04-12 is a Sunday');
  });

  it('is always 42 days after the day of receipt, which is never before the day sent (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.constantFrom('email', 'post'), (offset, channel) => {
        const sentOn = addDays(on('2019-01-01'), offset);
        const result = adviceDue({ sentOn, channel: channel as 'email' | 'post', body: 'school' }, englandAndWales);
        expect(result.receiptOn >= sentOn).toBe(true);
        expect(isWorkingDay(result.receiptOn, englandAndWales)).toBe(true);
        expect(daysBetween(result.receiptOn, result.dueOn)).toBe(42);
      }),
    );
  });
});

describe('the exceptions (SEND Regs 2014 reg. 8(2))', () => {
  it('cites reg. 8(2)(a), (b) and (c): exceptional circumstances, away from the area for 4 weeks, a missed appointment', () => {
    expect(Object.values(ADVICE_EXCEPTION_INFO).map((info) => info.citation)).toEqual([
      'SEND Regulations 2014 reg. 8(2)(a)',
      'SEND Regulations 2014 reg. 8(2)(b)',
      'SEND Regulations 2014 reg. 8(2)(c)',
    ]);
    expect(ADVICE_EXCEPTION_INFO['absent-from-area'].description).toContain('at least 4 weeks');
  });

  it('applies only to a statutory request: guidance has no time limit in law to excuse', () => {
    expect(mayRecordAdviceException('statutory')).toBe(true);
    expect(mayRecordAdviceException('guidance')).toBe(false);
  });

  it('takes a request out of “late”: its due date no longer binds', () => {
    expect(adviceStanding({ status: 'requested', dueOn: on('2026-04-13'), excepted: true }, on('2026-05-01'))).toEqual({ state: 'excepted' });
    expect(chaserStillDue({ status: 'requested', excepted: true, caseClosed: false })).toBe(false);
  });
});

describe('reminders and chasers (council practice around the reg. 8(1) due date)', () => {
  it('sends a reminder 5 working days before, chasers 1 and 10 working days after, counting round Easter', () => {
    expect(chaserSchedule(on('2026-04-13'), englandAndWales)).toEqual([
      { chaser: 'reminder', on: '2026-04-02' },
      { chaser: 'first-chaser', on: '2026-04-14' },
      { chaser: 'second-chaser', on: '2026-04-27' },
    ]);
  });

  it('counts working days back from a due date on a weekend from the Friday before', () => {
    expect(workingDaysBefore(on('2026-04-12'), 5, englandAndWales)).toBe('2026-04-02');
    expect(workingDaysBefore(on('2026-03-16'), 1, englandAndWales)).toBe('2026-03-13');
  });

  it('queues every chaser still to come at its day', () => {
    const schedule = chaserSchedule(on('2026-04-13'), englandAndWales);
    expect(chasersToQueue(schedule, on('2026-03-02')).map((entry) => [entry.chaser, entry.on, entry.now])).toEqual([
      ['reminder', '2026-04-02', false],
      ['first-chaser', '2026-04-14', false],
      ['second-chaser', '2026-04-27', false],
    ]);
  });

  it('for a request recorded late, sends only the last chaser already due, at once, and the rest at their days', () => {
    const schedule = chaserSchedule(on('2026-04-13'), englandAndWales);
    expect(chasersToQueue(schedule, on('2026-04-20')).map((entry) => [entry.chaser, entry.now])).toEqual([
      ['first-chaser', true],
      ['second-chaser', false],
    ]);
    expect(chasersToQueue(schedule, on('2026-06-01')).map((entry) => [entry.chaser, entry.now])).toEqual([['second-chaser', true]]);
  });

  it('chases only advice still awaited on an open case', () => {
    expect(chaserStillDue({ status: 'requested', excepted: false, caseClosed: false })).toBe(true);
    for (const status of ['received', 'declined', 'withdrawn'] as const) expect(chaserStillDue({ status, excepted: false, caseClosed: false })).toBe(false);
    expect(chaserStillDue({ status: 'requested', excepted: false, caseClosed: true })).toBe(false);
  });
});

describe('whether advice is late (SEND Regs 2014 reg. 8(1))', () => {
  const due = on('2026-04-13');
  it.each([
    ['awaited, more than a week to go', '2026-04-01', { state: 'awaited', daysRemaining: 12 }],
    ['due soon, within the week', '2026-04-06', { state: 'due-soon', daysRemaining: 7 }],
    ['due today: not yet late', '2026-04-13', { state: 'due-soon', daysRemaining: 0 }],
    ['late from the day after the due date', '2026-04-14', { state: 'late', daysLate: 1 }],
    ['late by 18 days', '2026-05-01', { state: 'late', daysLate: 18 }],
  ] as const)('%s', (_name, today, expected) => {
    expect(adviceStanding({ status: 'requested', dueOn: due, excepted: false }, on(today))).toEqual(expected);
  });

  it('says how late advice was when it came, and that declined and withdrawn requests are not late', () => {
    expect(adviceStanding({ status: 'received', dueOn: due, receivedOn: on('2026-04-10'), excepted: false }, on('2026-06-01'))).toEqual({ state: 'received', daysLate: 0 });
    expect(adviceStanding({ status: 'received', dueOn: due, receivedOn: on('2026-04-20'), excepted: false }, on('2026-06-01'))).toEqual({ state: 'received', daysLate: 7 });
    expect(adviceStanding({ status: 'declined', dueOn: due, excepted: false }, on('2026-06-01'))).toEqual({ state: 'declined' });
    expect(adviceStanding({ status: 'withdrawn', dueOn: due, excepted: false }, on('2026-06-01'))).toEqual({ state: 'withdrawn' });
  });
});

describe('preparing-for-adulthood advice only in or beyond year 9 (SEND Regs 2014 reg. 6(1)(g))', () => {
  it.each([
    ['turns 14 on 1 September: the oldest of year 9 from that day', '2012-09-01', '2026-09-01', 9],
    ['turned 14 on 31 August: year 10 from 1 September', '2012-08-31', '2026-09-01', 10],
    ['turns 14 on 31 August next year: the youngest of year 9', '2013-08-31', '2026-09-01', 9],
    ['the same child the day before the school year starts: year 8', '2013-08-31', '2026-08-31', 8],
    ['a child of 5 in the autumn term: year 1', '2020-10-10', '2026-11-01', 1],
    ['a young person of 19: counted as year 15, beyond year 9', '2007-05-05', '2026-11-01', 15],
  ] as const)('%s', (_name, dateOfBirth, day, year) => {
    expect(schoolYearOn(on(dateOfBirth), on(day))).toBe(year);
    expect(mayAskForPreparingForAdulthood(on(dateOfBirth), on(day))).toBe(year >= 9);
  });

  it('a child born on 29 February is counted as turning 14 on 1 March (Family Law Reform Act 1969 s.9)', () => {
    expect(schoolYearOn(on('2012-02-29'), on('2025-09-01'))).toBe(9);
  });

  it('moves up one year each 1 September, never otherwise (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 6000 }), (birth, offset) => {
        const dateOfBirth = addDays(on('2000-01-01'), birth) as IsoDate;
        const day = addDays(dateOfBirth, offset + 365 * 3);
        const next = addDays(day, 1);
        const change = schoolYearOn(dateOfBirth, next) - schoolYearOn(dateOfBirth, day);
        expect(change).toBe(next.endsWith('-09-01') ? 1 : 0);
      }),
    );
  });
});
