// Advice for an EHC needs assessment (SEND Regulations 2014 regs 6 to 8): the kinds of advice the
// authority must seek, when each is due, the exceptions that excuse a body from its time limit,
// the reminders and chasers sent about it, and whether it is late.
//
// Regs 6(1) lists the advice the authority must seek; reg. 8(1) gives a body whose co-operation
// is asked under section 31 of the Act (a health body, another council, a youth offending team)
// 6 weeks from the day it receives the request, and reg. 8(2) excuses it where that is impractical.
// Anyone else asked (a school, the authority's own educational psychologists or social workers,
// the family) has the same 6 weeks only as guidance in the SEND Code of Practice (chapter 9): the
// service shows which it is, and never calls guidance a duty.
import { addDays, addWeeks, daysBetween, dateParts, type IsoDate } from '../calendar/dates.ts';
import type { BankHolidayCalendar } from '../calendar/bank-holidays.ts';
import { addWorkingDays, isWorkingDay, nextWorkingDayOnOrAfter, unloadedYearsNote } from '../calendar/working-days.ts';
import { dayAttainingAge } from '../children/young-person.ts';
import { ASSESSMENT_WEEKS } from './assessment.ts';
import { LAW, staysPutNote, weeksText } from './deadline.ts';

/** The kinds of advice, in the order of Regs 6(1). */
export const ADVICE_KINDS = [
  'parent-or-young-person',
  'educational',
  'medical',
  'psychological',
  'social-care',
  'other',
  'preparing-for-adulthood',
  'family-request',
] as const;
export type AdviceKind = (typeof ADVICE_KINDS)[number];

export interface AdviceKindInfo {
  /** How the kind reads in a list: "Educational advice". */
  readonly title: string;
  /** Who gives it, as the regulation says. */
  readonly description: string;
  /** The sub-paragraph of reg. 6(1): "(b)". */
  readonly paragraph: string;
  readonly citation: string;
}

const kind = (paragraph: string, title: string, description: string): AdviceKindInfo => ({
  title,
  description,
  paragraph,
  citation: `${LAW.regs} reg. 6(1)${paragraph}`,
});

export const ADVICE_KIND_INFO: Readonly<Record<AdviceKind, AdviceKindInfo>> = {
  'parent-or-young-person': kind('(a)', 'Advice from the parent or young person', 'The child’s parent, or the young person'),
  educational: kind(
    '(b)',
    'Educational advice',
    'The head teacher or principal of the child’s school or college; otherwise a person with experience of teaching children with special educational needs',
  ),
  medical: kind('(c)', 'Medical advice', 'A health care professional identified by the responsible commissioning body'),
  psychological: kind('(d)', 'Psychological advice', 'An educational psychologist'),
  'social-care': kind('(e)', 'Social care advice', 'Advice and information in relation to social care'),
  other: kind('(f)', 'Other advice the council thinks appropriate', 'Any other person the council thinks appropriate'),
  'preparing-for-adulthood': kind(
    '(g)',
    'Preparing for adulthood advice',
    'Provision to help the child or young person prepare for adulthood and independent living: only in or beyond year 9',
  ),
  'family-request': kind('(h)', 'Advice the family asked for', 'Any person the parent or young person reasonably asks the council to seek advice from'),
};

export function isAdviceKind(value: unknown): value is AdviceKind {
  return typeof value === 'string' && (ADVICE_KINDS as readonly string[]).includes(value);
}

/**
 * Who is asked: whether the request is one for co-operation under section 31 of the Act decides
 * whether its 6 weeks are a duty (Regs 8(1)) or guidance.
 */
export const ADVICE_BODIES = ['health-body', 'other-council', 'this-council', 'school', 'family', 'other'] as const;
export type AdviceBody = (typeof ADVICE_BODIES)[number];

export interface AdviceBodyInfo {
  readonly title: string;
  readonly hint: string;
  /** A body whose co-operation the council asks under CFA 2014 s.31: its 6 weeks are statutory. */
  readonly section31: boolean;
}

export const ADVICE_BODY_INFO: Readonly<Record<AdviceBody, AdviceBodyInfo>> = {
  'health-body': {
    title: 'A health body',
    hint: 'An integrated care board, an NHS trust or NHS foundation trust, NHS England or a Local Health Board: asked under section 31 of the Act, so its 6 weeks are the law (reg. 8(1))',
    section31: true,
  },
  'other-council': {
    title: 'Another council or a youth offending team',
    hint: 'Another local authority, a youth offending team or the person in charge of relevant youth accommodation: asked under section 31 of the Act, so its 6 weeks are the law (reg. 8(1))',
    section31: true,
  },
  'this-council': {
    title: 'This council’s own service',
    hint: 'For example our educational psychology service or our social care team: the 6 weeks are guidance in the SEND Code of Practice',
    section31: false,
  },
  school: {
    title: 'A school, college or early years setting',
    hint: 'The 6 weeks are guidance in the SEND Code of Practice',
    section31: false,
  },
  family: {
    title: 'The child’s parent or the young person',
    hint: 'The 6 weeks are guidance in the SEND Code of Practice',
    section31: false,
  },
  other: {
    title: 'Someone else',
    hint: 'An independent professional, a charity: the 6 weeks are guidance in the SEND Code of Practice',
    section31: false,
  },
};

export function isAdviceBody(value: unknown): value is AdviceBody {
  return typeof value === 'string' && (ADVICE_BODIES as readonly string[]).includes(value);
}

/** Whether the 6 weeks are the law (a request under s.31: Regs 8(1)) or guidance (the Code). */
export type AdviceDueBasis = 'statutory' | 'guidance';

export function adviceDueBasis(body: AdviceBody): AdviceDueBasis {
  return ADVICE_BODY_INFO[body].section31 ? 'statutory' : 'guidance';
}

/** How a request for advice went: the rule for the day it is taken to have been received depends on it. */
export type AdviceChannel = 'email' | 'post';

/** Working days for a letter sent first class to arrive, by the rule courts use (CPR 6.26). */
export const POST_DELIVERY_WORKING_DAYS = 2;

export interface DeemedReceipt {
  readonly on: IsoDate;
  /** Why that day, in words a body or a tribunal can check. */
  readonly rule: string;
  readonly unloadedYears: readonly number[];
}

/**
 * The day a request is taken to have reached the body when nobody recorded the day it did. The
 * Regulations do not say; the service follows the rule the courts use for service of documents
 * (CPR 6.26), the nearest there is to "the ordinary course of post" (Interpretation Act 1978 s.7):
 * an e-mail sent on a working day arrives that day, one sent on any other day the next working day;
 * a letter posted first class arrives on the second working day after it was posted.
 */
export function deemedReceipt(sentOn: IsoDate, channel: AdviceChannel, calendar: BankHolidayCalendar): DeemedReceipt {
  if (channel === 'email') {
    const result = nextWorkingDayOnOrAfter(sentOn, calendar);
    return {
      on: result.date,
      rule:
        result.date === sentOn
          ? `Sent by e-mail on ${sentOn}, a working day, so taken as received that day`
          : `Sent by e-mail on ${sentOn}, not a working day, so taken as received on the next working day, ${result.date}`,
      unloadedYears: result.unloadedYears,
    };
  }
  const result = addWorkingDays(sentOn, POST_DELIVERY_WORKING_DAYS, calendar);
  return {
    on: result.date,
    rule: `Posted on ${sentOn}, so taken as received on the second working day after, ${result.date} (the rule for first class post, CPR 6.26)`,
    unloadedYears: result.unloadedYears,
  };
}

export interface AdviceDueInput {
  readonly sentOn: IsoDate;
  readonly channel: AdviceChannel;
  /** The day the body received the request, when known (its acknowledgement, say). */
  readonly receivedByBodyOn?: IsoDate | undefined;
  readonly body: AdviceBody;
}

export interface AdviceDue {
  /** The day the body received the request, as recorded or as taken to be (`receiptRecorded`). */
  readonly receiptOn: IsoDate;
  readonly receiptRecorded: boolean;
  readonly dueOn: IsoDate;
  readonly basis: AdviceDueBasis;
  /** Plain text: the provision or guidance, the period and the day it was counted from. */
  readonly basisText: string;
}

/**
 * When advice is due: 6 weeks from the day the body received the request (Regs 8(1): "within 6
 * weeks of the date on which [it] receives it", so the day of receipt is not counted: day + 42).
 * Statutory for a body asked under s.31 of the Act; for anyone else the same 6 weeks are guidance.
 */
export function adviceDue(input: AdviceDueInput, calendar: BankHolidayCalendar): AdviceDue {
  const deemed = input.receivedByBodyOn ? undefined : deemedReceipt(input.sentOn, input.channel, calendar);
  const receiptOn = input.receivedByBodyOn ?? deemed!.on;
  const dueOn = addWeeks(receiptOn, ASSESSMENT_WEEKS.advice);
  const basis = adviceDueBasis(input.body);
  const period = `${weeksText(ASSESSMENT_WEEKS.advice)} from ${receiptOn}, the day the request ${input.receivedByBodyOn ? 'was received' : 'is taken to have been received'}`;
  const sentences = [
    basis === 'statutory'
      ? `${LAW.regs} reg. 8(1): a body asked to co-operate under section 31 of the ${LAW.act} must give its advice within ${period}. Reg. 8(2) excuses it where that is impractical.`
      : `Guidance, not law (${LAW.code}, chapter 9): advice should be given within ${period}. Reg. 8(1) binds only bodies asked under section 31 of the Act.`,
    deemed ? `${deemed.rule}.` : undefined,
    deemed ? unloadedYearsNote(deemed.unloadedYears) : undefined,
    staysPutNote(dueOn),
  ];
  return { receiptOn, receiptRecorded: !deemed, dueOn, basis, basisText: sentences.filter((sentence): sentence is string => !!sentence).join(' ') };
}

/** Regs 8(2): why a body need not meet its 6 weeks. Recorded with a reason; the due date then no longer binds. */
export const ADVICE_EXCEPTION_GROUNDS = ['exceptional-circumstances', 'absent-from-area', 'missed-appointment'] as const;
export type AdviceExceptionGround = (typeof ADVICE_EXCEPTION_GROUNDS)[number];

export interface AdviceExceptionInfo {
  readonly title: string;
  readonly description: string;
  readonly citation: string;
}

export const ADVICE_EXCEPTION_INFO: Readonly<Record<AdviceExceptionGround, AdviceExceptionInfo>> = {
  'exceptional-circumstances': {
    title: 'Exceptional circumstances',
    description: 'Exceptional circumstances affect the child or their parent, or the young person',
    citation: `${LAW.regs} reg. 8(2)(a)`,
  },
  'absent-from-area': {
    title: 'Away from the area',
    description: 'The child or their parent, or the young person, is away from the council’s area for a continuous period of at least 4 weeks',
    citation: `${LAW.regs} reg. 8(2)(b)`,
  },
  'missed-appointment': {
    title: 'Missed appointment',
    description: 'The child or their parent, or the young person, did not keep an appointment for an examination or a test that the body made during the 6 weeks',
    citation: `${LAW.regs} reg. 8(2)(c)`,
  },
};

export function isAdviceExceptionGround(value: unknown): value is AdviceExceptionGround {
  return typeof value === 'string' && (ADVICE_EXCEPTION_GROUNDS as readonly string[]).includes(value);
}

/**
 * Only a time limit the law sets can be excused by the law: Regs 8(2) applies to requests under
 * s.31 (Regs 8(1)). A request whose 6 weeks are guidance has no statutory limit to excuse.
 */
export function mayRecordAdviceException(basis: AdviceDueBasis): boolean {
  return basis === 'statutory';
}

/** The reminders and chasers sent about a request still awaited, each on a working day relative to its due date. */
export const ADVICE_CHASERS = ['reminder', 'first-chaser', 'second-chaser'] as const;
export type AdviceChaser = (typeof ADVICE_CHASERS)[number];

export interface AdviceChaserInfo {
  readonly title: string;
  /** Working days from the due date: negative before it. */
  readonly workingDays: number;
  /** What the letter says of the advice, beside its due date. */
  readonly note: string;
}

export const ADVICE_CHASER_INFO: Readonly<Record<AdviceChaser, AdviceChaserInfo>> = {
  reminder: {
    title: 'Reminder before the due date',
    workingDays: -5,
    note: 'This is a reminder that your advice is due soon. If you have already sent it, thank you: please ignore this letter.',
  },
  'first-chaser': {
    title: 'First chaser after the due date',
    workingDays: 1,
    note: 'Your advice was due and we have not received it. Please send it as soon as you can, or tell us when we will have it.',
  },
  'second-chaser': {
    title: 'Second chaser after the due date',
    workingDays: 10,
    note: 'Your advice is now two weeks late and we have still not received it. The assessment cannot be completed without it: please send it now, or tell us why you cannot.',
  },
};

export interface ScheduledChaser {
  readonly chaser: AdviceChaser;
  readonly on: IsoDate;
}

/** The day `workingDays` working days before `date` (5 working days before a Friday is the Friday before). */
export function workingDaysBefore(date: IsoDate, workingDays: number, calendar: BankHolidayCalendar): IsoDate {
  let day = date;
  let remaining = workingDays;
  while (remaining > 0) {
    day = addDays(day, -1);
    if (isWorkingDay(day, calendar)) remaining -= 1;
  }
  return day;
}

/**
 * When each reminder and chaser is sent about a request due on `dueOn`: a reminder 5 working
 * days before, chasers 1 and 10 working days after. Council practice, not law: the Regulations
 * set the due date, not how to chase it.
 */
export function chaserSchedule(dueOn: IsoDate, calendar: BankHolidayCalendar): ScheduledChaser[] {
  return ADVICE_CHASERS.map((chaser) => {
    const { workingDays } = ADVICE_CHASER_INFO[chaser];
    const on = workingDays < 0 ? workingDaysBefore(dueOn, -workingDays, calendar) : addWorkingDays(dueOn, workingDays, calendar).date;
    return { chaser, on };
  });
}

/**
 * The chasers to queue for a request saved on `today`: each still to come at its own day; of
 * those whose day has passed (a request recorded late), only the last, at once, so a body is
 * chased once rather than three times in a morning.
 */
export function chasersToQueue(schedule: readonly ScheduledChaser[], today: IsoDate): (ScheduledChaser & { now: boolean })[] {
  const passed = schedule.filter((entry) => entry.on < today);
  const latestPassed = passed.at(-1);
  return [...(latestPassed ? [{ ...latestPassed, now: true }] : []), ...schedule.filter((entry) => entry.on >= today).map((entry) => ({ ...entry, now: false }))];
}

export type AdviceStatus = 'requested' | 'received' | 'declined' | 'withdrawn';
export const ADVICE_STATUSES = ['requested', 'received', 'declined', 'withdrawn'] as const satisfies readonly AdviceStatus[];

/** Days before the due date from which advice still awaited shows as due soon. */
export const ADVICE_DUE_SOON_DAYS = 7;

export type AdviceStanding =
  | { readonly state: 'awaited'; readonly daysRemaining: number }
  | { readonly state: 'due-soon'; readonly daysRemaining: number }
  | { readonly state: 'late'; readonly daysLate: number }
  | { readonly state: 'excepted' }
  | { readonly state: 'received'; readonly daysLate: number }
  | { readonly state: 'declined' }
  | { readonly state: 'withdrawn' };

/**
 * Where a request stands today: awaited, due soon, or late (the day after its due date, for
 * statutory and guidance requests alike, each shown as what it is); once answered, received on
 * time or late; declined or withdrawn. A Regs 8(2) exception takes it out of "late": its due date
 * no longer binds.
 */
export function adviceStanding(input: { status: AdviceStatus; dueOn: IsoDate; receivedOn?: IsoDate | null | undefined; excepted: boolean }, today: IsoDate): AdviceStanding {
  switch (input.status) {
    case 'received':
      return { state: 'received', daysLate: input.receivedOn ? Math.max(0, daysBetween(input.dueOn, input.receivedOn)) : 0 };
    case 'declined':
      return { state: 'declined' };
    case 'withdrawn':
      return { state: 'withdrawn' };
    case 'requested': {
      if (input.excepted) return { state: 'excepted' };
      const remaining = daysBetween(today, input.dueOn);
      if (remaining < 0) return { state: 'late', daysLate: -remaining };
      return remaining <= ADVICE_DUE_SOON_DAYS ? { state: 'due-soon', daysRemaining: remaining } : { state: 'awaited', daysRemaining: remaining };
    }
  }
}

/** Whether a chaser should still go: the request awaited, not excused, its case open. */
export function chaserStillDue(input: { status: AdviceStatus; excepted: boolean; caseClosed: boolean }): boolean {
  return input.status === 'requested' && !input.excepted && !input.caseClosed;
}

/** The child's age in whole years on a day (a birthday counts from the day itself: Family Law Reform Act 1969 s.9). */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  let years = dateParts(on).year - dateParts(dateOfBirth).year;
  while (years > 0 && dayAttainingAge(dateOfBirth, years) > on) years -= 1;
  return years;
}

/**
 * The national curriculum year a child of this age is in on a day: the school year runs from
 * 1 September to 31 August, and a year group is the pupils who reach the same age during it
 * (Education Act 2002 s.82: year 9 are those who turn 14). Reception is 0; before it, less than 0.
 * It is the year for the child's age: a child taught out of their year group is not known here.
 */
export function schoolYearOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const { year, month } = dateParts(on);
  const startYear = month >= 9 ? year : year - 1;
  const lastDayOfPreviousYear = `${startYear}-08-31` as IsoDate;
  return ageOn(dateOfBirth, lastDayOfPreviousYear) - 4;
}

/** Regs 6(1)(g): preparing-for-adulthood advice is sought where the child or young person is in or beyond year 9. */
export function mayAskForPreparingForAdulthood(dateOfBirth: IsoDate, on: IsoDate): boolean {
  return schoolYearOn(dateOfBirth, on) >= 9;
}
