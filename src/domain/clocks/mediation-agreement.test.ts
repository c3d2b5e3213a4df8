import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { mediationActionDeadline, tribunalOrderCompletion } from './mediation-agreement.ts';

const AGREED = isoDate('2026-03-02');

describe('a mediation agreement’s actions', () => {
  it('SEND Regs 2014 reg. 42(2): on an appealable issue, the limits of a tribunal order of the same kind (an order to amend: 5 weeks)', () => {
    const deadline = mediationActionDeadline(AGREED, { kind: 'appealable', order: 'amend-plan' });
    expect(deadline.due).toBe('2026-04-06');
    expect(deadline.basis).toContain('reg. 42(2)');
  });

  it('SEND Regs 2014 reg. 42(2): an agreement to assess is done when the final plan is issued, 14 weeks on (the last of its reg. 44 limits)', () => {
    const deadline = mediationActionDeadline(AGREED, { kind: 'appealable', order: 'assess' });
    expect(deadline.due).toBe('2026-06-08');
    expect(deadline.basis).toContain('2026-03-16');
  });

  it('SEND Regs 2014 reg. 42(3): anything else within 2 weeks of the agreement', () => {
    expect(mediationActionDeadline(AGREED, { kind: 'other' })).toMatchObject({ due: '2026-03-16', id: 'mediation-action' });
  });

  it('SEND Regs 2014 reg. 42(5): a timescale the parties agreed in writing replaces the limits', () => {
    const deadline = mediationActionDeadline(AGREED, { kind: 'agreed', due: isoDate('2026-05-01') });
    expect(deadline.due).toBe('2026-05-01');
    expect(deadline.basis).toContain('reg. 42(5)');
  });
});

describe('carrying out a tribunal order', () => {
  it('SEND Regs 2014 reg. 44: an order to make a plan is carried out when the final plan is issued, 11 weeks after the order', () => {
    const completion = tribunalOrderCompletion(AGREED, 'make-plan');
    expect(completion.due).toBe('2026-05-18');
    expect(completion.limits.map((limit) => limit.id)).toEqual(['draft-plan', 'final-plan']);
  });

  it('SEND Regs 2014 reg. 44: an order to name the school is carried out within 2 weeks', () => {
    expect(tribunalOrderCompletion(AGREED, 'name-placement').due).toBe('2026-03-16');
  });
});
