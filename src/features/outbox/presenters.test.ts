import { describe, expect, it } from 'vitest';
import { moment, recipientText } from './presenters.ts';

describe('outbox presenters', () => {
  it('says a moment in London time, from an ISO string or PostgreSQL’s text', () => {
    expect(moment('2026-07-01T13:05:00.000Z')).toBe('1 July 2026 at 2:05pm');
    expect(moment('2026-12-01 09:30:00+00')).toBe('1 December 2026 at 9:30am');
    expect(moment(null)).toBe('');
  });

  it('shows a withheld address as withheld, never as blank', () => {
    expect(recipientText({ recipientName: 'Bea Hidden', recipientAddress: undefined, addressWithheld: true }).address).toBe('Address withheld: shown to the SEND team only');
    expect(recipientText({ recipientName: 'Ada', recipientAddress: '1 Open Street\nB1 1AA', addressWithheld: false }).address).toBe('1 Open Street, B1 1AA');
  });
});
