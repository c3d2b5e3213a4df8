// The kinds of letter the service writes on a case: what each is called, whom it goes to, and the
// law it answers. The wording of each is a template the council may change (src/features/letters).

export const LETTER_TYPES = [
  'assessment-agreed',
  'assessment-refused',
  'request-withdrawn',
  'views-request',
  'advice-request',
  'advice-chaser',
  'no-plan',
  'plan-to-be-drafted',
  'officer-allocated',
  'draft-plan-issued',
  'final-plan-issued',
  'school-consultation',
  'school-consultation-chaser',
  'review-invitation',
  'review-decision-maintain',
  'review-decision-amend',
  'review-decision-cease',
  'plan-transferred',
  'amendment-proposed',
  'amended-plan-issued',
  'no-amendment',
  'cease-decision',
  'cease-decision-notified',
  'reassessment-agreed',
  'reassessment-refused',
] as const;

export type LetterType = (typeof LETTER_TYPES)[number];

export interface LetterTypeInfo {
  /** How the council names it: "Decision to assess". */
  name: string;
  /** Whom it is written to. */
  recipient: string;
  /** The law that asks for it, or says what it must hold. */
  basis: string;
}

export const LETTER_TYPE_INFO: Record<LetterType, LetterTypeInfo> = {
  'assessment-agreed': {
    name: 'Decision to assess',
    recipient: 'The parent or young person',
    basis: 'Children and Families Act 2014 s.36(8); SEND Regulations 2014 reg. 5(1)',
  },
  'assessment-refused': {
    name: 'Decision not to assess',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 5(1) and 5(3): the reasons, the right of appeal and its time limits, mediation, disagreement resolution, and information and advice',
  },
  'request-withdrawn': {
    name: 'Request withdrawn',
    recipient: 'The parent or young person',
    basis: 'Confirms in writing that the request was withdrawn and the case closed',
  },
  'views-request': {
    name: 'Request for views',
    recipient: 'The parent or young person, or the child’s school or setting',
    basis: 'Children and Families Act 2014 s.36(4): the chance to give views before the decision whether to assess',
  },
  'advice-request': {
    name: 'Request for advice',
    recipient: 'A professional or body asked for advice',
    basis: 'SEND Regulations 2014 reg. 6 (the advice sought) and reg. 8(1) (6 weeks to give it)',
  },
  'advice-chaser': {
    name: 'Advice reminder or chaser',
    recipient: 'A professional or body asked for advice',
    basis: 'SEND Regulations 2014 reg. 8(1): advice is due within 6 weeks of the request',
  },
  'no-plan': {
    name: 'Decision not to make a plan',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 10(1) and 10(3): the decision within 16 weeks of the request, with the right of appeal, mediation, disagreement resolution, and information and advice',
  },
  'plan-to-be-drafted': {
    name: 'Decision to make a plan',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 13: a draft plan first, at least 15 days to comment, the final plan within 20 weeks of the request',
  },
  'officer-allocated': {
    name: 'Your named officer',
    recipient: 'The parent or young person',
    basis: 'SEND Code of Practice 2015, 9.23: the family has a named officer, and is told who they are and how to reach them',
  },
  'draft-plan-issued': {
    name: 'Draft EHC plan',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 13(1): the draft plan with at least 15 days to comment, to ask for a meeting and to ask for a particular school or other institution to be named',
  },
  'final-plan-issued': {
    name: 'Final EHC plan',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 14(2) (the final plan within 20 weeks, reg. 13(2)): the right of appeal against sections B, F and I and its time limits, mediation, disagreement resolution, and information and advice',
  },
  'school-consultation': {
    name: 'Consultation with a school',
    recipient: 'A school or college the council may name in the plan',
    basis: 'Children and Families Act 2014 s.39(2) (a school the family asks for) or s.40; SEND Code of Practice 2015, 9.83: an answer within 15 days',
  },
  'school-consultation-chaser': {
    name: 'Consultation reminder',
    recipient: 'A school or college consulted about being named in the plan',
    basis: 'SEND Code of Practice 2015, 9.83: the school should answer within 15 days of the consultation',
  },
  'review-invitation': {
    name: 'Invitation to an annual review meeting',
    recipient: 'The parent or young person, and each person SEND Regulations 2014 reg. 20(3) names',
    basis: 'SEND Regulations 2014 reg. 20(3) and (4): invited at least 2 weeks before the meeting, with the advice and information gathered circulated by then',
  },
  'review-decision-maintain': {
    name: 'Annual review decision: the plan is kept',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 20(10): the decision to keep the plan as it is, within 4 weeks of the review meeting',
  },
  'review-decision-amend': {
    name: 'Annual review decision: the plan is to be amended',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 regs 20(10) and 22: the decision to amend within 4 weeks of the meeting, the proposed amendments to follow with at least 15 days to comment, and the right of appeal once the amended plan is issued',
  },
  'review-decision-cease': {
    name: 'Annual review decision: the plan is to cease',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 regs 20(10) and 31: the decision to cease to maintain the plan, with the right of appeal, mediation and information and advice; the plan is maintained until any appeal ends (CFA 2014 s.45(4))',
  },
  'plan-transferred': {
    name: 'EHC plan sent to the new council',
    recipient: 'The council the child or young person has moved to',
    basis: 'SEND Regulations 2014 reg. 15: the plan is transferred on the day of the move, or within 15 working days beginning with the day the council learnt of it',
  },
  'amendment-proposed': {
    name: 'Proposed amendments to the EHC plan',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 22(2): the plan as it stands, the proposed amendments, at least 15 days to comment and to ask for a school, and a meeting if wanted',
  },
  'amended-plan-issued': {
    name: 'Final amended EHC plan',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 22(3) (within 8 weeks of the amendment notice): what changed, the right of appeal and its time limits, mediation, disagreement resolution, and information and advice',
  },
  'no-amendment': {
    name: 'Decision not to amend the EHC plan',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 22(4): the decision and its reasons within 8 weeks of the amendment notice, with the right of appeal',
  },
  'cease-decision': {
    name: 'Decision to cease the EHC plan',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 31(2) and (3); Children and Families Act 2014 s.45(4): the decision, the right of appeal and its time limits, mediation, disagreement resolution, information and advice, and that the plan is kept until any appeal is over',
  },
  'cease-decision-notified': {
    name: 'Decision to cease told to the school and health',
    recipient: 'The institution named in the plan, and the responsible commissioning body',
    basis: 'SEND Regulations 2014 reg. 31(2)',
  },
  'reassessment-agreed': {
    name: 'Decision to re-assess',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 25(1) (within 15 days of the request) and reg. 27 (the plan within 14 weeks)',
  },
  'reassessment-refused': {
    name: 'Decision not to re-assess',
    recipient: 'The parent or young person',
    basis: 'SEND Regulations 2014 reg. 25(1) and (2): the decision within 15 days of the request, with the right of appeal and its time limits, mediation, disagreement resolution, and information and advice',
  },
};

export function isLetterType(value: string): value is LetterType {
  return (LETTER_TYPES as readonly string[]).includes(value);
}

/** The letter type's name, or the text itself for a type this version does not know. */
export function letterTypeName(type: string): string {
  return isLetterType(type) ? LETTER_TYPE_INFO[type].name : type;
}
