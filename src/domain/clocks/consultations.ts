// Draft to final (SEND Regulations 2014 regs 13 and 14; Children and Families Act 2014 ss.38 to
// 40): the family's response to the draft plan and the schools consulted about being named in it.
//
// The family has at least 15 days, beginning with the day the draft was served, to comment on it,
// ask to meet an officer (reg. 13(1)) and ask for a school to be named (s.38(2)(b)); a comment that
// comes later is still read, and marked late. A school the family asks for is consulted under
// s.39(2) (it must be named unless one of s.39(4)'s conditions applies); any other school the
// council considers naming under s.40. The school's answer "within 15 days" is guidance in the SEND
// Code of Practice (para. 9.83), not law: the service shows it as a target, never as a duty.
import { addDays, daysBetween, type IsoDate } from '../calendar/dates.ts';
import { CONSULTATION_RESPONSE_DAYS, draftCommentsDeadline } from './assessment.ts';

/**
 * The day a school's answer is due: "within 15 days" of the day the consultation was sent does
 * not count the day sent (the general rule), so the 15 days end 15 days after it (Code 9.83).
 */
export function schoolConsultationDue(sentOn: IsoDate): IsoDate {
  return addDays(sentOn, CONSULTATION_RESPONSE_DAYS);
}

/** Why the school is consulted: the family asked for it (s.39), or the council considers it (s.40). */
export const CONSULTATION_BASES = ['family-request', 'council'] as const;
export type ConsultationBasis = (typeof CONSULTATION_BASES)[number];

export const CONSULTATION_BASIS_INFO: Record<ConsultationBasis, { title: string; citation: string }> = {
  'family-request': { title: 'The family asked for this school', citation: 'Children and Families Act 2014 s.39(2) to (4)' },
  council: { title: 'The council is considering this school', citation: 'Children and Families Act 2014 s.40' },
};

export const CONSULTATION_STATUSES = ['awaiting', 'answered', 'withdrawn'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const CONSULTATION_RESPONSES = ['can-meet-needs', 'cannot-meet-needs'] as const;
export type ConsultationResponse = (typeof CONSULTATION_RESPONSES)[number];

export const CONSULTATION_RESPONSE_TITLES: Record<ConsultationResponse, string> = {
  'can-meet-needs': 'Can meet the child’s needs',
  'cannot-meet-needs': 'Cannot meet the child’s needs',
};

/** Where a consultation stands today. */
export type ConsultationStanding =
  | { state: 'awaiting'; daysRemaining: number }
  | { state: 'overdue'; daysOverdue: number }
  | { state: 'answered'; daysLate: number }
  | { state: 'withdrawn' };

/** Awaiting until its due date (due today is not overdue), overdue from the day after; answered late by the days past it. */
export function consultationStanding(consultation: { status: ConsultationStatus; dueOn: IsoDate; respondedOn?: IsoDate | null }, today: IsoDate): ConsultationStanding {
  switch (consultation.status) {
    case 'withdrawn':
      return { state: 'withdrawn' };
    case 'answered':
      return { state: 'answered', daysLate: Math.max(0, daysBetween(consultation.dueOn, consultation.respondedOn ?? consultation.dueOn)) };
    case 'awaiting': {
      const remaining = daysBetween(today, consultation.dueOn);
      return remaining >= 0 ? { state: 'awaiting', daysRemaining: remaining } : { state: 'overdue', daysOverdue: -remaining };
    }
  }
}

/** The sections of an EHC plan a comment may be about (SEND Regulations 2014 reg. 12(1)), and the plan as a whole. */
export const PLAN_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K', 'whole'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

export const PLAN_SECTION_TITLES: Record<PlanSection, string> = {
  A: 'Section A: views, interests and aspirations',
  B: 'Section B: special educational needs',
  C: 'Section C: health needs',
  D: 'Section D: social care needs',
  E: 'Section E: outcomes',
  F: 'Section F: special educational provision',
  G: 'Section G: health provision',
  H1: 'Section H1: social care provision under the Chronically Sick and Disabled Persons Act 1970',
  H2: 'Section H2: other social care provision',
  I: 'Section I: placement',
  J: 'Section J: personal budget',
  K: 'Section K: advice and information',
  whole: 'The plan as a whole',
};

/** What the family said about the draft plan. */
export const REPRESENTATION_KINDS = ['comment', 'school-preference', 'meeting-request'] as const;
export type RepresentationKind = (typeof REPRESENTATION_KINDS)[number];

export const REPRESENTATION_KIND_INFO: Record<RepresentationKind, { title: string; citation: string }> = {
  comment: { title: 'A comment on the draft plan', citation: 'SEND Regulations 2014 reg. 13(1)(a)' },
  'school-preference': { title: 'A school they ask to be named', citation: 'Children and Families Act 2014 s.38(2)(b)' },
  'meeting-request': { title: 'A request to meet an officer about the draft', citation: 'SEND Regulations 2014 reg. 13(1)(b)' },
};

/**
 * Whether what the family said came after their 15 days (reg. 13(1)(a)): the last day is day 15
 * beginning with the day the draft was served. A late comment is still recorded and read.
 */
export function representationIsLate(receivedOn: IsoDate, draftIssuedOn: IsoDate): boolean {
  return receivedOn > draftCommentsDeadline(draftIssuedOn).due;
}

export function isPlanSection(value: unknown): value is PlanSection {
  return typeof value === 'string' && (PLAN_SECTIONS as readonly string[]).includes(value);
}
