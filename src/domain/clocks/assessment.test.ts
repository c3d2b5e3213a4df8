import { describe, it, expect } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import {
  adviceDeadline,
  assessmentDeadlines,
  consultationResponseDeadline,
  decisionToAssessDeadline,
  draftCommentsDeadline,
  draftPlanTarget,
  finalPlanDeadline,
  noPlanDecisionDeadline,
} from './assessment.ts';

describe('EHC needs assessment', () => {
  it.each([
    ['2026-01-05', '2026-02-16'],
    ['2025-12-15', '2026-01-26'],
    ['2024-01-25', '2024-03-07'],
  ] as const)('Regs 5(1): decision whether to assess 6 weeks after the request (%s -> %s)', (request, due) => {
    const deadline = decisionToAssessDeadline(isoDate(request));
    expect(deadline).toMatchObject({ id: 'decision-to-assess', due });
    expect(deadline.basis).toContain('reg. 5(1): 6 weeks (42 days) from the request received on ' + request);
  });

  it.each([
    ['2026-02-01', '2026-03-15'],
    ['2026-12-20', '2027-01-31'],
  ] as const)('Regs 8(1): advice 6 weeks after the body receives the request (%s -> %s)', (asked, due) => {
    const deadline = adviceDeadline(isoDate(asked));
    expect(deadline).toMatchObject({ id: 'advice', due });
    expect(deadline.basis).toContain('reg. 8(1)');
  });

  it.each([
    ['2026-01-05', '2026-04-27'],
    ['2024-01-10', '2024-05-01'],
  ] as const)('Regs 10(1): decision not to issue a plan 16 weeks after the request (%s -> %s)', (request, due) => {
    const deadline = noPlanDecisionDeadline(isoDate(request));
    expect(deadline).toMatchObject({ id: 'no-plan-decision', due });
    expect(deadline.basis).toContain('reg. 10(1): 16 weeks (112 days)');
  });

  it('Regs 10(1) and 13(2): after a decision to issue a plan, week 16 is the council’s target for the draft, not a statutory limit', () => {
    const target = draftPlanTarget(isoDate('2026-01-05'));
    expect(target).toMatchObject({ id: 'draft-target', due: '2026-04-27' });
    expect(target.basis).toContain('not a statutory limit');
    expect(target.basis).toContain('reg. 13(1)(a)');
    expect(target.basis).toContain('before the final plan is due on 2026-05-25');
  });

  it.each([
    ['2026-04-01', '2026-04-15'],
    ['2026-02-20', '2026-03-06'],
    ['2024-02-20', '2024-03-05'],
    ['2026-12-25', '2027-01-08'],
  ] as const)('Regs 13(1)(a) and Code 9.77: 15 days beginning with the day the draft is served (%s -> %s)', (served, due) => {
    const deadline = draftCommentsDeadline(isoDate(served));
    expect(deadline).toMatchObject({ id: 'draft-comments', due });
    expect(deadline.basis).toContain('beginning with the day the draft plan was served');
  });

  it.each([
    ['2026-04-01', '2026-04-16'],
    ['2026-04-21', '2026-05-06'],
    ['2024-02-20', '2024-03-06'], // through 29 February
  ] as const)('Code 9.83: school consultation response within 15 days of the consultation, not counting its day (guidance; general rule): %s -> %s', (sent, due) => {
    const deadline = consultationResponseDeadline(isoDate(sent));
    expect(deadline).toMatchObject({ id: 'consultation-response', due });
    expect(deadline.basis).toContain('guidance, not law');
    expect(deadline.basis).toContain(`does not count that day (the general rule of English law), so the period ends 15 days after it, on ${due}.`);
    expect(deadline.basis).not.toContain('earlier of the two readings');
  });

  it.each([
    ['2026-01-05', '2026-05-25'],
    ['2025-12-15', '2026-05-04'],
    ['2024-01-10', '2024-05-29'], // over 29 February
    ['2025-01-10', '2025-05-30'],
  ] as const)('Regs 13(2): final plan 20 weeks after the request (%s -> %s)', (request, due) => {
    const deadline = finalPlanDeadline(isoDate(request));
    expect(deadline).toMatchObject({ id: 'final-plan', title: 'Issue the final EHC plan', due });
    expect(deadline.basis).toBe(
      `SEND Regulations 2014 reg. 13(2): 20 weeks (140 days) from the request received on ${request}. ` +
        'Exceptions: reg. 13(3). An exception recorded under the same regulation excuses lateness but does not move this date. ' +
        'The DfE measure counts plans issued within 20 weeks excluding exceptions.',
    );
  });

  it('SEND Regs deadlines stay on a weekend and the basis says so', () => {
    const deadline = adviceDeadline(isoDate('2026-02-01'));
    expect(deadline.due).toBe('2026-03-15');
    expect(deadline.basis).toContain('2026-03-15 is a Sunday');
  });

  it('lists the three request deadlines, then those whose step has a date', () => {
    expect(assessmentDeadlines({ requestReceived: isoDate('2026-01-05') }).map((d) => d.id)).toEqual([
      'decision-to-assess',
      'no-plan-decision',
      'final-plan',
    ]);
    expect(
      assessmentDeadlines({
        requestReceived: isoDate('2026-01-05'),
        adviceRequested: isoDate('2026-02-20'),
        draftServed: isoDate('2026-04-20'),
        consultationSent: isoDate('2026-04-21'),
      }).map((d) => d.id),
    ).toEqual([
      'decision-to-assess',
      'no-plan-decision',
      'final-plan',
      'advice',
      'draft-comments',
      'consultation-response',
    ]);
  });
});
