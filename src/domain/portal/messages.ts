import type { IsoDate } from '../calendar/index.ts';
import { reviewMeetingDeadlines } from '../clocks/annual-review.ts';
import { draftCommentsDeadline } from '../clocks/assessment.ts';

/**
 * The portal's messages: what happened, what to do and by when, and the page to see it on. A
 * message's words go by e-mail, so they carry nothing sensitive: the child's first name only, no
 * surname, needs, provision or address. The page behind the link, after signing in, holds the rest.
 */

/** The case events that send a portal message, and to whom. */
export const PORTAL_MESSAGE_EVENTS = ['draft.issued', 'plan.issued', 'advice.requested', 'review.scheduled'] as const;
export type PortalMessageEvent = (typeof PORTAL_MESSAGE_EVENTS)[number];

export function isPortalMessageEvent(type: string): type is PortalMessageEvent {
  return (PORTAL_MESSAGE_EVENTS as readonly string[]).includes(type);
}

/** Who a message of each event goes to. */
export const PORTAL_MESSAGE_AUDIENCE: Readonly<Record<PortalMessageEvent, 'family' | 'professional' | 'school'>> = {
  'draft.issued': 'family',
  'plan.issued': 'family',
  'advice.requested': 'professional',
  'review.scheduled': 'school',
};

export interface PortalMessageWords {
  subject: string;
  /** What happened, what to do and by when, in one or two sentences. */
  text: string;
  /** The day by which to act, if there is one. */
  actBy: IsoDate | null;
  /**
   * A notice the law requires to be given (a final plan, with its right of appeal): e-mailed
   * whatever the person's preference, so it is never only in the portal.
   */
  legalNotice: boolean;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "16 March 2027", as GOV.UK writes dates. */
export function longDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * The words of an event's message. `firstName` is the child's first (or preferred) name only;
 * `adviceDueOn` the request's due date for a request for advice.
 */
export function portalMessageWords(event: { type: PortalMessageEvent; occurredOn: IsoDate }, context: { firstName: string; adviceDueOn?: IsoDate | undefined }): PortalMessageWords {
  switch (event.type) {
    case 'draft.issued': {
      // SEND Regs 2014 reg. 13(1)(a): at least 15 days, beginning with the day the draft is served.
      const by = draftCommentsDeadline(event.occurredOn).due;
      return {
        subject: `The draft EHC plan for ${context.firstName} is ready`,
        text: `The draft EHC plan for ${context.firstName} is ready. Send your comments by ${longDate(by)}.`,
        actBy: by,
        legalNotice: false,
      };
    }
    case 'plan.issued':
      return {
        subject: `The final EHC plan for ${context.firstName} has been issued`,
        text: `The final EHC plan for ${context.firstName} has been issued. Read it, and what to do if you disagree with it, in the portal.`,
        actBy: null,
        legalNotice: true,
      };
    case 'review.scheduled': {
      // SEND Regs 2014 reg. 20(4): advice and information for the review go out 2 weeks before the meeting.
      const by = reviewMeetingDeadlines(event.occurredOn).find((deadline) => deadline.id === 'advice-circulated')!.due;
      return {
        subject: `An annual review meeting for ${context.firstName}`,
        text: `The annual review meeting for ${context.firstName} is on ${longDate(event.occurredOn)}. Send your advice and information for it by ${longDate(by)}.`,
        actBy: by,
        legalNotice: false,
      };
    }
    case 'advice.requested': {
      const by = context.adviceDueOn ?? null;
      return {
        subject: 'A new request for advice',
        text: by ? `The council has asked you for advice for an EHC needs assessment. Send your advice by ${longDate(by)}.` : 'The council has asked you for advice for an EHC needs assessment.',
        actBy: by,
        legalNotice: false,
      };
    }
  }
}

/**
 * A school consulted about being named in a plan (CFA 2014 ss.39(2) and 40): not a case event, but
 * sent through the same job. Its answer is asked for within 15 days, the consultation's due date
 * (SEND Code of Practice para. 9.83: a target, not law).
 */
export function consultationMessageWords(consultation: { dueOn: IsoDate }, context: { firstName: string }): PortalMessageWords {
  return {
    subject: `A consultation about ${context.firstName}’s EHC plan`,
    text: `The council is consulting your school about naming it in ${context.firstName}’s EHC plan. Send your answer by ${longDate(consultation.dueOn)}.`,
    actBy: consultation.dueOn,
    legalNotice: false,
  };
}

/** The kind of background job that turns one case event (or a school consultation) into its portal messages. */
export const PORTAL_MESSAGE_JOB = 'portal-messages.case-event';
