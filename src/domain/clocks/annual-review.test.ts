import { describe, it, expect } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { annualReviewDeadlines, reviewDueDeadline, reviewMeetingDeadlines } from './annual-review.ts';

describe('annual review', () => {
  it.each([
    ['2026-03-15', '2027-03-14'],
    ['2026-01-01', '2026-12-31'],
    ['2025-03-01', '2026-02-28'],
    ['2027-03-01', '2028-02-29'], // the period runs into a leap February
    ['2027-02-28', '2028-02-27'],
    ['2024-02-29', '2025-02-27'], // no 29 February in 2025: earlier reading
  ] as const)('CFA s.44(1): review in the 12 months starting with the last review (%s -> %s)', (last, due) => {
    const deadline = reviewDueDeadline(isoDate(last));
    expect(deadline).toMatchObject({ id: 'review-due', due });
    expect(deadline.basis).toContain(`s.44(1): review the plan in the period of 12 months starting with ${last}`);
  });

  it('CFA s.44(1): a plan dated 29 February explains the earlier reading', () => {
    const { basis } = reviewDueDeadline(isoDate('2024-02-29'));
    expect(basis).toContain('There is no 29 February in 2025');
    expect(basis).toContain('it would be 2025-02-28; the earlier day is shown');
  });

  it('CFA s.44(1) with Regs 20: says when to hold the meeting so the decision is in time too', () => {
    expect(reviewDueDeadline(isoDate('2026-03-15')).basis).toContain('hold the meeting by 2027-02-14');
  });

  it('Regs 20: invitations and advice at least 2 weeks before the meeting, explaining clear days', () => {
    const [invitations, advice] = reviewMeetingDeadlines(isoDate('2026-06-10'));
    expect(invitations).toMatchObject({ id: 'invitations', due: '2026-05-27' });
    expect(advice).toMatchObject({ id: 'advice-circulated', due: '2026-05-27' });
    expect(invitations?.basis).toContain('"clear days" reading');
    expect(invitations?.basis).toContain('2026-05-26');
  });

  it.each([
    ['2026-06-10', '2026-06-24', '2026-07-08'],
    ['2026-12-21', '2027-01-04', '2027-01-18'],
    ['2028-02-10', '2028-02-24', '2028-03-09'],
  ] as const)('Regs 20: report 2 weeks and decision 4 weeks after the meeting (%s)', (meeting, report, decision) => {
    const deadlines = reviewMeetingDeadlines(isoDate(meeting));
    expect(deadlines.find((d) => d.id === 'review-report')?.due).toBe(report);
    expect(deadlines.find((d) => d.id === 'review-decision')?.due).toBe(decision);
  });

  it('lists the review, then the meeting deadlines when there is a meeting', () => {
    expect(annualReviewDeadlines({ lastReview: isoDate('2026-03-15') }).map((d) => d.id)).toEqual(['review-due']);
    expect(
      annualReviewDeadlines({ lastReview: isoDate('2026-03-15'), meeting: isoDate('2027-01-20') }).map((d) => d.id),
    ).toEqual(['review-due', 'invitations', 'advice-circulated', 'review-report', 'review-decision']);
  });
});
