// The words of the letters about advice: the fields each letter takes, as text (dates as
// "3 March 2027"), and the letter itself while the service has no letter templates of its own.
import { ADVICE_CHASER_INFO, ADVICE_KIND_INFO, type AdviceChaser, type AdviceDueBasis, type AdviceKind } from '../../domain/clocks/index.ts';
import { longDate } from '../../web/long-date.ts';

export interface AdviceLetterSubject {
  kind: AdviceKind;
  organisation: string;
  professionalName: string | null;
  sentOn: string;
  dueOn: string;
  dueBasis: AdviceDueBasis;
}

const DUE_BASIS_WORDS: Record<AdviceDueBasis, string> = {
  statutory: 'the time limit in regulation 8(1) of the Special Educational Needs and Disability Regulations 2014',
  guidance: 'the time the SEND Code of Practice asks for',
};

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The fields of the 'advice-request' letter, or of the 'advice-chaser' letter with its note. */
export function adviceLetterFields(subject: AdviceLetterSubject, chaser?: AdviceChaser): Record<string, string> {
  return {
    adviceKind: lowerFirst(ADVICE_KIND_INFO[subject.kind].title),
    organisation: subject.organisation,
    // A letter is addressed to someone: the organisation where no professional is named.
    professionalName: subject.professionalName ?? subject.organisation,
    requestedOn: longDate(subject.sentOn),
    dueOn: longDate(subject.dueOn),
    dueBasis: DUE_BASIS_WORDS[subject.dueBasis],
    ...(chaser ? { chaserNote: ADVICE_CHASER_INFO[chaser].note } : {}),
  };
}

/** The child and case a letter is about. */
export interface AdviceLetterCase {
  childName: string;
  childDateOfBirth: string;
  caseReference: string;
}

/** The subject and words of a letter about advice, from its fields. */
export function adviceLetterText(type: 'advice-request' | 'advice-chaser', fields: Record<string, string>, about: AdviceLetterCase): { subject: string; bodyText: string } {
  const greeting = `Dear ${fields.professionalName},`;
  const child = `${about.childName}, born ${longDate(about.childDateOfBirth)} (our reference ${about.caseReference})`;
  if (type === 'advice-request') {
    return {
      subject: `Request for ${fields.adviceKind} for an EHC needs assessment (${about.caseReference})`,
      bodyText: [
        greeting,
        `We are carrying out an education, health and care needs assessment for ${child}, and we ask ${fields.organisation} for ${fields.adviceKind} on their needs, the provision that may meet them and the outcomes it should achieve.`,
        `We sent this request on ${fields.requestedOn}. Please send your advice by ${fields.dueOn}: ${fields.dueBasis}.`,
        'Yours sincerely,\nThe SEND team',
      ].join('\n\n'),
    };
  }
  return {
    subject: `Your ${fields.adviceKind} for an EHC needs assessment, due ${fields.dueOn} (${about.caseReference})`,
    bodyText: [
      greeting,
      `On ${fields.requestedOn} we asked ${fields.organisation} for ${fields.adviceKind} for the education, health and care needs assessment of ${child}. It is due by ${fields.dueOn}: ${fields.dueBasis}.`,
      fields.chaserNote ?? '',
      'Yours sincerely,\nThe SEND team',
    ].join('\n\n'),
  };
}
