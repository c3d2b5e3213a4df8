import { describe, expect, it } from 'vitest';
import { LETTER_CATALOGUE } from '../letters/index.ts';
import { adviceLetterFields } from './letters.ts';

const subject = {
  kind: 'medical' as const,
  organisation: 'Demo City Community Paediatrics',
  professionalName: 'Dr Asha Patel',
  sentOn: '2026-11-23',
  dueOn: '2027-01-04',
  dueBasis: 'statutory' as const,
};

describe('the fields of the letters about advice', () => {
  it('gives the advice-request letter exactly the fields the letters contract names, dates as people write them', () => {
    expect(adviceLetterFields(subject)).toEqual({
      adviceKind: 'medical advice',
      organisation: 'Demo City Community Paediatrics',
      professionalName: 'Dr Asha Patel',
      requestedOn: '23 November 2026',
      dueOn: '4 January 2027',
      dueBasis: 'The law gives you 6 weeks from the day you receive our request (Special Educational Needs and Disability Regulations 2014, regulation 8(1)).',
    });
  });

  it('adds the chaser’s note to the advice-chaser letter, and says guidance is what the Code asks for, not the law', () => {
    const fields = adviceLetterFields({ ...subject, dueBasis: 'guidance', professionalName: null }, 'first-chaser');
    expect(Object.keys(fields).sort()).toEqual(['adviceKind', 'chaserNote', 'dueBasis', 'dueOn', 'organisation', 'professionalName', 'requestedOn']);
    expect(fields.dueBasis).toBe('The SEND Code of Practice asks for advice within 6 weeks of the day you receive our request.');
    expect(fields.chaserNote).toContain('Your advice was due');
    // Addressed to the organisation where no professional is named.
    expect(fields.professionalName).toBe('Demo City Community Paediatrics');
  });

  it('gives each letter every field its template in the letters catalogue names, and no other', () => {
    const names = (type: 'advice-request' | 'advice-chaser') => LETTER_CATALOGUE.find((entry) => entry.type === type)!.fields.map((field) => field.name).sort();
    expect(Object.keys(adviceLetterFields(subject)).sort()).toEqual(names('advice-request'));
    expect(Object.keys(adviceLetterFields(subject, 'reminder')).sort()).toEqual(names('advice-chaser'));
  });
});
