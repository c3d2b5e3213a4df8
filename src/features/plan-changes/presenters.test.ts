import { describe, expect, it } from 'vitest';
import { isoDate } from '../../domain/calendar/dates.ts';
import { deadlineRows } from './presenters.ts';

describe('the deadlines of a plan change', () => {
  it('gives the day due and the days in its basis in words, escaped, and says when it has passed', () => {
    const rows = deadlineRows([{ id: 'amendment-notice', title: 'Send the proposed amendments', due: isoDate('2026-11-20'), basis: 'SEND Regs 2014 reg. 22(2): 4 weeks from the review meeting on 2026-10-23 <b>' }], '2026-11-30');
    expect(rows).toEqual([
      {
        key: { text: 'Send the proposed amendments' },
        value: { html: '<strong>20 November 2026</strong> (passed)<br><span class="govuk-body-s">SEND Regs 2014 reg. 22(2): 4 weeks from the review meeting on 23 October 2026 &lt;b&gt;</span>' },
      },
    ]);
  });
});
