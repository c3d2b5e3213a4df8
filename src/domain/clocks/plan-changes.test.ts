import { describe, it, expect } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { amendedPlanDeadline, amendmentCommentsDeadline, amendmentDeadlines } from './amendment.ts';
import { phaseTransferDeadline } from './phase-transfer.ts';
import { reassessmentFinalPlanDeadline } from './reassessment.ts';

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
