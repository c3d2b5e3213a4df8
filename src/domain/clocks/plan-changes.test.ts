import { describe, it, expect } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { NO_BANK_HOLIDAYS } from '../calendar/bank-holidays.ts';
import { amendedPlanDeadline, amendmentCommentsDeadline, amendmentDeadlines, amendmentNoticeAfterReviewDeadline } from './amendment.ts';
import { CEASE_REASONS, isCeaseReason, planCeasesAfterAppeal, planCeasesDeadline } from './ceasing.ts';
import { phaseTransferDeadline } from './phase-transfer.ts';
import { reassessmentDecisionDeadline, reassessmentFinalPlanDeadline } from './reassessment.ts';

describe('amendment', () => {
  it.each([
    ['2026-06-01', '2026-06-15'],
    ['2026-12-20', '2027-01-03'],
    ['2028-02-20', '2028-03-05'],
  ] as const)('Regs 22(2): comments in 15 days beginning with the notice (%s -> %s)', (notice, due) => {
    expect(amendmentCommentsDeadline(isoDate(notice))).toMatchObject({ id: 'amendment-comments', due });
  });

  it.each([
    ['2026-06-01', '2026-07-27'],
    ['2026-12-20', '2027-02-14'],
  ] as const)('Regs 22(3): amended plan within 8 weeks of the notice (%s -> %s)', (notice, due) => {
    const deadline = amendedPlanDeadline(isoDate(notice));
    expect(deadline).toMatchObject({ id: 'amended-plan', due });
    expect(deadline.basis).toContain('reg. 22(3): within 8 weeks (56 days)');
  });

  it('gives both amendment deadlines', () => {
    expect(amendmentDeadlines({ noticeSent: isoDate('2026-06-01') }).map((d) => d.id)).toEqual([
      'amendment-comments',
      'amended-plan',
    ]);
  });
});

describe('phase transfer', () => {
  it.each([
    ['2026-09-01', '2026-02-14'],
    ['2027-09-06', '2027-02-14'],
  ] as const)('Regs 18(1)(b): school transfer before 15 February of the transfer year (%s -> %s)', (transfer, due) => {
    const deadline = phaseTransferDeadline(isoDate(transfer), 'school');
    expect(deadline).toMatchObject({ id: 'phase-transfer-plan', due });
    expect(deadline.basis).toContain('"Before 15 February" makes');
  });

  it('Regs 18(1)(a): secondary to post-16 before 31 March of the transfer year', () => {
    expect(phaseTransferDeadline(isoDate('2026-09-01'), 'post16')).toMatchObject({ due: '2026-03-30' });
  });

  it.each([
    ['2027-01-10', '2026-08-10'],
    ['2026-07-31', '2026-02-28'],
    ['2028-07-31', '2028-02-29'],
    ['2026-05-31', '2025-12-31'],
  ] as const)('Regs 18(2): post-16 to post-16 at least 5 months before the transfer (%s -> %s)', (transfer, due) => {
    expect(phaseTransferDeadline(isoDate(transfer), 'post16-to-post16')).toMatchObject({ due });
  });

  it('Regs 18(2): "at least 5 months before" gives the stricter "clear days" reading too', () => {
    expect(phaseTransferDeadline(isoDate('2027-01-10'), 'post16-to-post16').basis).toContain(
      'On the stricter "clear days" reading (5 whole months between the day it is done and the day of the transfer) it is 2026-08-09',
    );
  });
});

describe('re-assessment', () => {
  it.each([
    ['2026-03-02', '2026-06-08'],
    ['2027-11-01', '2028-02-07'],
  ] as const)('Regs 27: final plan 14 weeks after the decision to re-assess (%s -> %s)', (decision, due) => {
    const deadline = reassessmentFinalPlanDeadline(isoDate(decision));
    expect(deadline).toMatchObject({ id: 'final-plan', due });
    expect(deadline.basis).toContain('reg. 27: 14 weeks (98 days)');
  });
});

describe('the amendment notice after a review', () => {
  it.each([
    ['2027-01-11', '2027-02-08'],
    ['2026-12-21', '2027-01-18'],
  ] as const)('Regs 20(10) and R (L, M, P) v Devon CC [2022]: the proposed amendments within 4 weeks of the meeting (%s -> %s)', (meeting, due) => {
    const deadline = amendmentNoticeAfterReviewDeadline(isoDate(meeting));
    expect(deadline).toMatchObject({ id: 'amendment-notice', due });
    expect(deadline.basis).toContain('Devon');
  });
});

describe('re-assessment decision', () => {
  it.each([
    ['2026-03-02', '2026-03-17'],
    ['2026-12-20', '2027-01-04'],
  ] as const)('Regs 25(1): decided and notified within 15 days of the request, the day itself not counted (%s -> %s)', (requested, due) => {
    const deadline = reassessmentDecisionDeadline(isoDate(requested));
    expect(deadline).toMatchObject({ id: 'reassessment-decision', due });
    expect(deadline.basis).toContain('reg. 25(1)');
  });
});

describe('ceasing', () => {
  it('CFA 2014 s.45(4): with no appeal, the plan ceases the day after the last day to appeal (2 months from the notice)', () => {
    const deadline = planCeasesDeadline({ decisionNotice: isoDate('2026-12-01') }, NO_BANK_HOLIDAYS);
    expect(deadline).toMatchObject({ id: 'plan-ceases', due: '2027-02-02' });
    expect(deadline.basis).toContain('s.45(4)');
  });

  it('CFA 2014 s.45(4) and HESC r.20(1)(c): a later mediation certificate gives 1 month from it, moved off the weekend (r.12)', () => {
    expect(planCeasesDeadline({ decisionNotice: isoDate('2026-12-01'), certificateIssued: isoDate('2027-01-20') }, NO_BANK_HOLIDAYS).due).toBe('2027-02-23');
  });

  it('CFA 2014 s.45(4)(b): after an appeal that upholds the decision, the plan ceases the day after it concludes', () => {
    expect(planCeasesAfterAppeal(isoDate('2027-06-30'))).toBe('2027-07-01');
  });

  it('knows the SEN2 CeaseReason codes 1 to 9 and no other', () => {
    expect(Object.keys(CEASE_REASONS)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(isCeaseReason('9')).toBe(true);
    expect(isCeaseReason('10')).toBe(false);
    expect(isCeaseReason(2)).toBe(false);
  });
});
