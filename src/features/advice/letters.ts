// The fields of the letters about advice ('advice-request' and 'advice-chaser'), as text (dates as
// "3 March 2027"), for the council's templates of those letters.
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

/** Why the advice is due when it is, as a sentence a letter can give. */
const DUE_BASIS_WORDS: Record<AdviceDueBasis, string> = {
  statutory: 'The law gives you 6 weeks from the day you receive our request (Special Educational Needs and Disability Regulations 2014, regulation 8(1)).',
  guidance: 'The SEND Code of Practice asks for advice within 6 weeks of the day you receive our request.',
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
