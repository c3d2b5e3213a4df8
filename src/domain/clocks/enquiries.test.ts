import { describe, it, expect } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { englandAndWales } from '../calendar/test-fixtures.ts';
import {
  complaintResponseDeadline,
  foiResponseDeadline,
  policyResponseDeadline,
  subjectAccessDeadline,
} from './enquiries.ts';

describe('complaints and information requests', () => {
  it('complaints policy: stage 1 in 10 working days, over Christmas and New Year', () => {
    const deadline = complaintResponseDeadline({ stage: 1, received: isoDate('2026-12-21') }, englandAndWales);
    expect(deadline).toMatchObject({ id: 'complaint-stage-1', due: '2027-01-07' });
    expect(deadline.basis).toContain('council policy, not statute');
  });

  it('complaints policy: stage 2 in 20 working days unless the authority sets another figure', () => {
    expect(complaintResponseDeadline({ stage: 2, received: isoDate('2026-01-05') }, englandAndWales).due).toBe('2026-02-02');
    expect(
      complaintResponseDeadline({ stage: 2, received: isoDate('2026-01-05'), workingDays: 15 }, englandAndWales).due,
    ).toBe('2026-01-26');
  });

  it('FOIA s.10(1): the twentieth working day following receipt', () => {
    expect(foiResponseDeadline(isoDate('2026-01-05'), englandAndWales).due).toBe('2026-02-02');
    expect(foiResponseDeadline(isoDate('2026-03-20'), englandAndWales).due).toBe('2026-04-21'); // over Easter
  });

  it.each([
    ['2026-01-05', '2026-02-05'],
    ['2026-01-31', '2026-03-02'], // 28 February 2026 is a Saturday
    ['2026-03-31', '2026-04-30'],
  ] as const)('UK GDPR Art. 12(3): one month, to the next working day if needed (%s -> %s)', (received, due) => {
    expect(subjectAccessDeadline(isoDate(received), englandAndWales).due).toBe(due);
  });

  it('policy responses say when bank holidays were not loaded', () => {
    const deadline = policyResponseDeadline(
      { id: 'mp-enquiry', title: 'Reply to the MP', policy: 'MP enquiries policy', received: isoDate('2029-01-08'), workingDays: 10 },
      englandAndWales,
    );
    expect(deadline.basis).toContain('Bank holidays for 2029 not loaded');
  });
});
