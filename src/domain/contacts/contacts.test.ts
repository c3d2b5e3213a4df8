import { describe, expect, it } from 'vitest';
import { createBankHolidayCalendar, type IsoDate } from '../calendar/index.ts';
import { contactReference, contactResponseDeadline, DEFAULT_CONTACT_POLICY, stage2ResponseDeadline } from './contacts.ts';

// England and Wales, December 2026.
const calendar = createBankHolidayCalendar([
  { date: '2026-12-25' as IsoDate, title: 'Christmas Day' },
  { date: '2026-12-28' as IsoDate, title: 'Boxing Day (substitute day)' },
]);
const due = (kind: Parameters<typeof contactResponseDeadline>[0], received: string, policy = DEFAULT_CONTACT_POLICY) => contactResponseDeadline(kind, received as IsoDate, policy, calendar).due;

describe('a contact’s response deadline', () => {
  it('gives an enquiry and an MP’s enquiry 5 working days and a complaint at stage 1 10, by default (council policy)', () => {
    expect(due('enquiry', '2026-12-18')).toBe('2026-12-29');
    expect(due('member-enquiry', '2026-11-02')).toBe('2026-11-09');
    expect(due('complaint', '2026-11-02')).toBe('2026-11-16');
  });

  it('runs on the council’s own response times when it sets them', () => {
    expect(due('enquiry', '2026-11-02', { ...DEFAULT_CONTACT_POLICY, enquiryWorkingDays: 3 })).toBe('2026-11-05');
    expect(due('complaint', '2026-11-02', { ...DEFAULT_CONTACT_POLICY, stage1WorkingDays: 15 })).toBe('2026-11-23');
    expect(stage2ResponseDeadline('2026-11-16' as IsoDate, DEFAULT_CONTACT_POLICY, calendar).due).toBe('2026-12-14');
  });

  it('answers a freedom of information request within 20 working days, whatever the council’s policy (FOIA s.10(1))', () => {
    expect(due('foi', '2026-12-01', { ...DEFAULT_CONTACT_POLICY, enquiryWorkingDays: 1 })).toBe('2026-12-31');
  });

  it('answers a subject access request within one month, moved to the next working day (UK GDPR Art. 12(3))', () => {
    expect(due('sar', '2026-11-25')).toBe('2026-12-29');
    expect(due('sar', '2026-01-31')).toBe('2026-03-02');
  });
});

describe('a contact’s reference', () => {
  it('is CT, the year and six digits', () => {
    expect(contactReference(2026, 123)).toBe('CT-2026-000123');
  });
});
