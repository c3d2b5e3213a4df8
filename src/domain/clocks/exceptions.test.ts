import { describe, it, expect } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { finalPlanDeadline } from './assessment.ts';
import {
  EXCEPTION_REASON_INFO,
  EXCEPTION_REASONS,
  exceptionReasonSchema,
  week20Outcome,
} from './exceptions.ts';

const request = isoDate('2026-01-05'); // final plan due 2026-05-25

describe('exceptions to the time limits', () => {
  it.each(EXCEPTION_REASONS)('Regs 5(4), 10(4), 13(3), 27(3): %s has a title and citation', (reason) => {
    const info = EXCEPTION_REASON_INFO[reason];
    expect(info.title).not.toBe('');
    expect(info.citation).toBe(
      `SEND Regulations 2014 regs 5(4)${info.letter}, 10(4)${info.letter}, 13(3)${info.letter}, 27(3)${info.letter}`,
    );
  });

  it('accepts only the four reasons', () => {
    expect(exceptionReasonSchema.safeParse('absent-from-area').success).toBe(true);
    expect(exceptionReasonSchema.safeParse('staff-shortage').success).toBe(false);
  });

  it('Regs 13(3): an exception never moves the 20-week date', () => {
    const outcome = week20Outcome({
      requestReceived: request,
      finalIssued: isoDate('2026-07-01'),
      exceptions: [{ reason: 'exceptional-personal-circumstances' }],
    });
    expect(outcome.due).toBe(finalPlanDeadline(request).due);
    expect(outcome.due).toBe('2026-05-25');
  });

  it.each([
    ['2026-05-25', [], 'within', 1, true], // on the last day
    ['2026-04-01', [{ reason: 'absent-from-area' }], 'within', 1, true], // exception not needed
    ['2026-05-26', [], 'late', 0, true],
    ['2026-05-26', [{ reason: 'school-closure' }], 'excluded', null, false],
    [undefined, [], 'not-issued', null, false],
  ] as const)('SEN2 Week20: issued %s with %j -> %s', (issued, exceptions, outcome, week20, counted) => {
    expect(
      week20Outcome({
        requestReceived: request,
        finalIssued: issued === undefined ? undefined : isoDate(issued),
        exceptions,
      }),
    ).toEqual({ outcome, week20, counted, due: '2026-05-25' });
  });
});
