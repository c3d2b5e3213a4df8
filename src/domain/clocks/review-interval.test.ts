import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { isReviewDueSoon, reviewDecisionDue, reviewDue, reviewNoticeStanding, reviewReportDue } from './review-interval.ts';

const d = isoDate;

describe('reviewDue', () => {
  it('is the day before the anniversary of the last review for a child of 5 or over (CFA 2014 s.44(1))', () => {
    expect(reviewDue({ lastReview: d('2026-03-10'), dateOfBirth: d('2015-01-01'), underFiveMonths: 6 })).toMatchObject({ due: '2027-03-09', statutoryDue: '2027-03-09', underFive: false });
  });

  it('is the council’s shorter interval for a child still under 5 when it falls due (Code of Practice 9.178)', () => {
    const due = reviewDue({ lastReview: d('2026-03-10'), dateOfBirth: d('2023-05-01'), underFiveMonths: 6 });
    expect(due).toMatchObject({ due: '2026-09-09', statutoryDue: '2027-03-09', underFive: true });
    expect(due.basis).toContain('9.178');
  });

  it('follows the interval the council sets, 3 months here (Code of Practice 9.178)', () => {
    expect(reviewDue({ lastReview: d('2026-03-10'), dateOfBirth: d('2023-05-01'), underFiveMonths: 3 }).due).toBe('2026-06-09');
  });

  it('keeps 12 months when the child turns 5 before the shorter review would fall due (CFA 2014 s.44(1))', () => {
    // Fifth birthday 1 September 2026, the shorter review 9 September 2026.
    expect(reviewDue({ lastReview: d('2026-03-10'), dateOfBirth: d('2021-09-01'), underFiveMonths: 6 })).toMatchObject({ due: '2027-03-09', underFive: false });
  });

  it('refuses an interval outside 3 to 6 months', () => {
    expect(() => reviewDue({ lastReview: d('2026-03-10'), dateOfBirth: d('2023-05-01'), underFiveMonths: 2 })).toThrow(RangeError);
    expect(() => reviewDue({ lastReview: d('2026-03-10'), dateOfBirth: d('2023-05-01'), underFiveMonths: 7 })).toThrow(RangeError);
  });
});

describe('the review’s own dates', () => {
  it('lists reviews overdue or due within 8 weeks', () => {
    expect(isReviewDueSoon(d('2027-01-25'), d('2026-11-30'))).toBe(true);
    expect(isReviewDueSoon(d('2027-01-26'), d('2026-11-30'))).toBe(false);
    expect(isReviewDueSoon(d('2026-01-01'), d('2026-11-30'))).toBe(true);
  });

  it('warns when invitations and advice can no longer go 2 weeks before the meeting (SEND Regs 2014 reg. 20(3) and (4))', () => {
    expect(reviewNoticeStanding(d('2026-12-14'), d('2026-11-30'))).toEqual({ lastDay: '2026-11-30', possible: true });
    expect(reviewNoticeStanding(d('2026-12-14'), d('2026-12-01'))).toEqual({ lastDay: '2026-11-30', possible: false });
  });

  it('gives the report 2 weeks and the decision 4 weeks after the meeting (SEND Regs 2014 reg. 20(7) and (10))', () => {
    expect(reviewReportDue(d('2026-12-14'))).toBe('2026-12-28');
    expect(reviewDecisionDue(d('2026-12-14'))).toBe('2027-01-11');
  });
});
