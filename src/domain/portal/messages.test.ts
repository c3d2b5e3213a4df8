import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/index.ts';
import { consultationMessageWords, isPortalMessageEvent, longDate, portalMessageWords } from './messages.ts';

describe('the portal’s messages', () => {
  it('a draft plan: the family comment within 15 days beginning with the day it is issued (SEND Regs 2014 reg. 13(1)(a))', () => {
    const words = portalMessageWords({ type: 'draft.issued', occurredOn: isoDate('2027-03-02') }, { firstName: 'Amira' });
    expect(words.text).toBe('The draft EHC plan for Amira is ready. Send your comments by 16 March 2027.');
    expect(words.actBy).toBe('2027-03-16');
    expect(words.legalNotice).toBe(false);
  });

  it('a final plan is a notice with a right of appeal (CFA 2014 s.51): always e-mailed, whatever the preference', () => {
    const words = portalMessageWords({ type: 'plan.issued', occurredOn: isoDate('2027-04-01') }, { firstName: 'Amira' });
    expect(words.legalNotice).toBe(true);
    expect(words.subject).toBe('The final EHC plan for Amira has been issued');
  });

  it('a request for advice says by when, 6 weeks from its receipt (SEND Regs 2014 reg. 8(1)), and names no child', () => {
    const words = portalMessageWords({ type: 'advice.requested', occurredOn: isoDate('2026-11-23') }, { firstName: 'Amira', adviceDueOn: isoDate('2027-01-04') });
    expect(words.text).toBe('The council has asked you for advice for an EHC needs assessment. Send your advice by 4 January 2027.');
    expect(words.text).not.toContain('Amira');
  });

  it('a review meeting: the school sends its advice and information 2 weeks before it (SEND Regs 2014 reg. 20(4))', () => {
    const words = portalMessageWords({ type: 'review.scheduled', occurredOn: isoDate('2026-12-14') }, { firstName: 'Amira' });
    expect(words.text).toBe('The annual review meeting for Amira is on 14 December 2026. Send your advice and information for it by 30 November 2026.');
    expect(words.actBy).toBe('2026-11-30');
  });

  it('a school consulted is asked to answer by the consultation’s due date, 15 days on (SEND Code of Practice para. 9.83)', () => {
    const words = consultationMessageWords({ dueOn: isoDate('2026-12-15') }, { firstName: 'Amira' });
    expect(words.text).toBe('The council is consulting your school about naming it in Amira’s EHC plan. Send your answer by 15 December 2026.');
  });

  it('only the events of the catalogue that people act on send messages', () => {
    expect(isPortalMessageEvent('draft.issued')).toBe(true);
    expect(isPortalMessageEvent('case.allocated')).toBe(false);
    expect(longDate(isoDate('2027-01-04'))).toBe('4 January 2027');
  });
});
