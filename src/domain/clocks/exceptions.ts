// Regs 5(4), 10(4), 13(3) and 27(3): the authority "need not comply with the time limit" where it
// is impractical for one of four reasons. An exception never moves a date: it is recorded with
// evidence and takes the case out of DfE's "issued within 20 weeks excluding exceptions" measure.
import { z } from 'zod';
import { compareDates, type IsoDate } from '../calendar/dates.ts';
import { finalPlanDeadline } from './assessment.ts';

export const EXCEPTION_REASONS = [
  'school-closure',
  'early-years-closure',
  'exceptional-personal-circumstances',
  'absent-from-area',
] as const;
export type ExceptionReason = (typeof EXCEPTION_REASONS)[number];
export const exceptionReasonSchema = z.enum(EXCEPTION_REASONS);

/** The time limits an exception can excuse, by regulation. */
export const EXCEPTION_REGULATIONS = ['5(4)', '10(4)', '13(3)', '27(3)'] as const;

export interface ExceptionReasonInfo {
  readonly title: string;
  readonly description: string;
  /** The sub-paragraph of each of regs 5(4), 10(4), 13(3) and 27(3), e.g. "(a)". */
  readonly letter: '(a)' | '(b)' | '(c)' | '(d)';
  readonly citation: string;
}

function citation(letter: string): string {
  return `SEND Regulations 2014 regs ${EXCEPTION_REGULATIONS.map((reg) => `${reg}${letter}`).join(', ')}`;
}

export const EXCEPTION_REASON_INFO: Readonly<Record<ExceptionReason, ExceptionReasonInfo>> = {
  'school-closure': {
    title: 'School or college closed',
    description:
      'The authority asked the school or post-16 institution for advice in the period from one week before it closed for at least 4 continuous weeks to one week before it re-opened.',
    letter: '(a)',
    citation: citation('(a)'),
  },
  'early-years-closure': {
    title: 'Early years provider closed',
    description:
      'The authority asked the early years provider for advice in the period from one week before it closed for at least 4 continuous weeks to one week before it re-opened.',
    letter: '(b)',
    citation: citation('(b)'),
  },
  'exceptional-personal-circumstances': {
    title: 'Exceptional personal circumstances',
    description:
      'Exceptional personal circumstances affecting the child, the parent or the young person made it impractical to meet the time limit.',
    letter: '(c)',
    citation: citation('(c)'),
  },
  'absent-from-area': {
    title: 'Away from the area',
    description:
      "The child, the parent or the young person was away from the authority's area for a continuous period of at least 4 weeks.",
    letter: '(d)',
    citation: citation('(d)'),
  },
};

export interface RecordedException {
  readonly reason: ExceptionReason;
}

export type Week20Outcome =
  /** Final plan issued on or before the 20-week date: Week20 = 1, counted. */
  | { readonly outcome: 'within'; readonly counted: true; readonly week20: 1; readonly due: IsoDate }
  /** Issued late with no exception: Week20 = 0, counted. */
  | { readonly outcome: 'late'; readonly counted: true; readonly week20: 0; readonly due: IsoDate }
  /** Issued late with an exception recorded: left out of the measure. */
  | { readonly outcome: 'excluded'; readonly counted: false; readonly week20: null; readonly due: IsoDate }
  /** No final plan issued yet: nothing to count. */
  | { readonly outcome: 'not-issued'; readonly counted: false; readonly week20: null; readonly due: IsoDate };

/**
 * Whether a plan counts towards "EHC plans issued within 20 weeks, excluding exceptions" (SEN2
 * Week20). A plan issued in time counts as within whether or not an exception was recorded, since
 * the exception was not needed. How DfE wants an excluded case coded in the XML is a question for
 * the SEN2 mapping and the year's specification; here it is simply not counted.
 */
export function week20Outcome(input: {
  readonly requestReceived: IsoDate;
  readonly finalIssued?: IsoDate | undefined;
  readonly exceptions: readonly RecordedException[];
}): Week20Outcome {
  const due = finalPlanDeadline(input.requestReceived).due;
  if (input.finalIssued === undefined) {
    return { outcome: 'not-issued', counted: false, week20: null, due };
  }
  if (compareDates(input.finalIssued, due) <= 0) {
    return { outcome: 'within', counted: true, week20: 1, due };
  }
  if (input.exceptions.length > 0) {
    return { outcome: 'excluded', counted: false, week20: null, due };
  }
  return { outcome: 'late', counted: true, week20: 0, due };
}
