// Contacts from families, MPs, councillors and the Ombudsman, complaints and information requests:
// what kinds there are, where they come from, and when each is due. Complaints and enquiries run
// on the council's own policy (not statute); a freedom of information request on FOIA s.10 and a
// subject access request on UK GDPR Art. 12(3).
import type { BankHolidayCalendar } from '../calendar/bank-holidays.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { complaintResponseDeadline, foiResponseDeadline, policyResponseDeadline, subjectAccessDeadline } from '../clocks/enquiries.ts';
import type { Deadline } from '../clocks/deadline.ts';

export const CONTACT_KINDS = ['enquiry', 'complaint', 'foi', 'sar', 'member-enquiry'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];
export const CONTACT_KIND_NAMES: Record<ContactKind, string> = {
  enquiry: 'Enquiry',
  complaint: 'Complaint',
  foi: 'Freedom of information request',
  sar: 'Subject access request',
  'member-enquiry': 'MP or councillor enquiry',
};

export const CONTACT_CHANNELS = ['phone', 'email', 'letter', 'portal'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_CHANNEL_NAMES: Record<ContactChannel, string> = { phone: 'Phone', email: 'Email', letter: 'Letter', portal: 'Portal' };

export const CONTACT_SOURCES = ['family', 'mp', 'councillor', 'ombudsman', 'other'] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];
export const CONTACT_SOURCE_NAMES: Record<ContactSource, string> = {
  family: 'Parent, carer or young person',
  mp: 'MP',
  councillor: 'Councillor',
  ombudsman: 'Local Government and Social Care Ombudsman',
  other: 'Someone else',
};

/** What complaints are about: the themes reported to managers and the improvement board. */
export const COMPLAINT_THEMES = ['communication', 'delay', 'plan-content', 'placement', 'transport', 'assessment', 'staff-conduct', 'other'] as const;
export type ComplaintTheme = (typeof COMPLAINT_THEMES)[number];
export const COMPLAINT_THEME_NAMES: Record<ComplaintTheme, string> = {
  communication: 'Communication',
  delay: 'Delay',
  'plan-content': 'The plan’s content',
  placement: 'Placement',
  transport: 'Transport',
  assessment: 'Assessment',
  'staff-conduct': 'Staff conduct',
  other: 'Other',
};

export const COMPLAINT_STAGES = ['stage-1', 'stage-2', 'ombudsman'] as const;
export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];
export const COMPLAINT_STAGE_NAMES: Record<ComplaintStage, string> = { 'stage-1': 'Stage 1', 'stage-2': 'Stage 2', ombudsman: 'Ombudsman' };

export const COMPLAINT_OUTCOMES = ['upheld', 'partly-upheld', 'not-upheld'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];
export const COMPLAINT_OUTCOME_NAMES: Record<ComplaintOutcome, string> = { upheld: 'Upheld', 'partly-upheld': 'Partly upheld', 'not-upheld': 'Not upheld' };

export const REMEDY_KINDS = ['apology', 'payment', 'action'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];
export const REMEDY_KIND_NAMES: Record<RemedyKind, string> = { apology: 'Apology', payment: 'Payment', action: 'Action' };

/** The council's response times, in working days (council policy, not statute). */
export interface ContactPolicy {
  enquiryWorkingDays: number;
  memberEnquiryWorkingDays: number;
  stage1WorkingDays: number;
  stage2WorkingDays: number;
}

/** A common policy: enquiries in 5 working days, complaints at stage 1 in 10 and stage 2 in 20. */
export const DEFAULT_CONTACT_POLICY: ContactPolicy = { enquiryWorkingDays: 5, memberEnquiryWorkingDays: 5, stage1WorkingDays: 10, stage2WorkingDays: 20 };

/** The longest response time a policy may set: beyond a term, a response is no longer a response. */
export const MAX_POLICY_WORKING_DAYS = 60;

export function isContactKind(value: string): value is ContactKind {
  return (CONTACT_KINDS as readonly string[]).includes(value);
}

/**
 * When the first response to a contact is due: a complaint at stage 1, an enquiry under the
 * council's policy, an FOI request within 20 working days (FOIA s.10(1)), a subject access request
 * within one month (UK GDPR Art. 12(3)).
 */
export function contactResponseDeadline(kind: ContactKind, received: IsoDate, policy: ContactPolicy, calendar: BankHolidayCalendar): Deadline {
  switch (kind) {
    case 'complaint':
      return complaintResponseDeadline({ stage: 1, received, workingDays: policy.stage1WorkingDays }, calendar);
    case 'foi':
      return foiResponseDeadline(received, calendar);
    case 'sar':
      return subjectAccessDeadline(received, calendar);
    case 'enquiry':
      return policyResponseDeadline({ id: 'enquiry-response', title: 'Respond to the enquiry', policy: 'Enquiries policy', received, workingDays: policy.enquiryWorkingDays }, calendar);
    case 'member-enquiry':
      return policyResponseDeadline(
        { id: 'member-enquiry-response', title: 'Respond to the MP or councillor', policy: 'Elected members’ enquiries policy', received, workingDays: policy.memberEnquiryWorkingDays },
        calendar,
      );
  }
}

/** When the stage 2 response is due, from the day the request to escalate was received. */
export function stage2ResponseDeadline(received: IsoDate, policy: ContactPolicy, calendar: BankHolidayCalendar): Deadline {
  return complaintResponseDeadline({ stage: 2, received, workingDays: policy.stage2WorkingDays }, calendar);
}

/** A contact's reference: CT-2026-000123, numbered per council and year. */
export function contactReference(year: number, number: number): string {
  return `CT-${year}-${String(number).padStart(6, '0')}`;
}
