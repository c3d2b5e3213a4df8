import { describe, expect, it } from 'vitest';
import { adviceLetterFields, adviceLetterText } from './letters.ts';

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
      dueBasis: 'the time limit in regulation 8(1) of the Special Educational Needs and Disability Regulations 2014',
    });
  });

  it('adds the chaser’s note to the advice-chaser letter, and says guidance is what the Code asks for, not the law', () => {
    const fields = adviceLetterFields({ ...subject, dueBasis: 'guidance', professionalName: null }, 'first-chaser');
    expect(Object.keys(fields).sort()).toEqual(['adviceKind', 'chaserNote', 'dueBasis', 'dueOn', 'organisation', 'professionalName', 'requestedOn']);
    expect(fields.dueBasis).toBe('the time the SEND Code of Practice asks for');
    expect(fields.chaserNote).toContain('Your advice was due');
    // Addressed to the organisation where no professional is named.
    expect(fields.professionalName).toBe('Demo City Community Paediatrics');
  });

  it('writes the letter with the child, the case’s reference and the due date', () => {
    const letter = adviceLetterText('advice-request', adviceLetterFields(subject), { childName: 'Idris Advice', childDateOfBirth: '2014-05-09', caseReference: '999-EHC-2026-00112' });
    expect(letter.subject).toBe('Request for medical advice for an EHC needs assessment (999-EHC-2026-00112)');
    expect(letter.bodyText).toContain('Dear Dr Asha Patel,');
    expect(letter.bodyText).toContain('Idris Advice, born 9 May 2014');
    expect(letter.bodyText).toContain('Please send your advice by 4 January 2027');
  });
});
