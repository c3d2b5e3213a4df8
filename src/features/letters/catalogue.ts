// The catalogue of letters: for each type, the fields its template may use (each with what it holds
// and an example) and the service's standard wording, which applies until a council saves its own.
// The wording follows GOV.UK's style: plain English, short sentences, the reader as "you".
import { LETTER_TYPE_INFO, LETTER_TYPES, type LetterType, type LetterTypeInfo } from '../../domain/letters/letter-types.ts';
import type { LetterTemplateText, TemplateField } from './template.ts';

/** The fields every letter may use, which the service fills from the case and the council's details. */
export const COMMON_FIELDS: readonly TemplateField[] = [
  { name: 'recipientName', description: 'The name of the person the letter is to', example: 'Sarah Nowak' },
  { name: 'childName', description: 'The child or young person’s full name', example: 'Łucja Nowak' },
  { name: 'childDateOfBirth', description: 'Their date of birth', example: '4 March 2015' },
  { name: 'caseReference', description: 'The case’s reference, for the reader to quote', example: '999-EHC-2026-00012' },
  { name: 'officerName', description: 'The case’s named officer (the sender, when the case has none)', example: 'Daniel Osei' },
  { name: 'officerEmail', description: 'The named officer’s e-mail address', example: 'daniel.osei@demo-city.example' },
  { name: 'councilName', description: 'The council’s name as it signs its letters', example: 'Demo City Council' },
  { name: 'today', description: 'The day the letter is sent', example: '30 November 2026' },
  { name: 'iassName', description: 'The local information, advice and support service (SENDIASS)', example: 'Demo City SENDIASS' },
  { name: 'iassContact', description: 'How to contact it', example: 'call 0121 496 0123 or e-mail sendiass@demo-city.example' },
  { name: 'mediationService', description: 'The mediation service and how to contact it', example: 'Demo Mediation, 0121 496 0456, mediation@demo-mediation.example' },
  {
    name: 'disagreementResolutionService',
    description: 'The disagreement resolution service and how to contact it',
    example: 'Demo Resolve, 0121 496 0789, resolve@demo-resolve.example',
  },
];

/** Of the common fields, those that come from the council's details. */
export const COUNCIL_DETAIL_FIELDS = ['councilName', 'iassName', 'iassContact', 'mediationService', 'disagreementResolutionService'] as const;

const field = (name: string, description: string, example: string): TemplateField => ({ name, description, example });

const decisionDate = field('decisionDate', 'The day the decision was made', '3 March 2027');
const reasons = field('reasons', 'The reasons for the decision, as the officer recorded them', 'The advice we have shows that Łucja’s needs can be met from the support her school already gives.');
const appealBy = field('appealBy', 'The last day to appeal to the tribunal: 2 months from the date of the notice', '3 May 2027');
const mediationBy = field('mediationBy', 'The last day to contact a mediation adviser: 2 months from the date of the notice', '3 May 2027');
const adviceFields = [
  field('adviceKind', 'The advice asked for', 'psychological advice'),
  field('organisation', 'Who is asked for it', 'Demo City Educational Psychology Service'),
  field('professionalName', 'The professional asked, if known', 'Dr Priya Raman'),
  field('requestedOn', 'The day the request was sent', '10 March 2027'),
  field('dueOn', 'The day the advice is due', '21 April 2027'),
  field('dueBasis', 'Why it is due then', 'Advice is due within 6 weeks of the day you receive our request (SEND Regulations 2014, regulation 8).'),
];

const consultationFields = [
  field('schoolName', 'The school or college consulted', 'Oak Tree Primary School'),
  field('sentOn', 'The day the consultation was sent', '23 November 2026'),
  field('dueOn', 'The day the answer is due: 15 days after it was sent', '8 December 2026'),
  field('consultationReason', 'Why this school is consulted, in a sentence', 'Their family has asked for the school to be named in the plan.'),
];

/** The help every letter to a family ends with. */
const HELP = `# Free, independent advice

{{iassName}} gives free, impartial and confidential information, advice and support about special educational needs and disabilities: {{iassContact}}.`;

const CONTACT = `# Contact us

Your case officer is {{officerName}}. You can e-mail them at {{officerEmail}}. Please quote our reference, {{caseReference}}.`;

const SIGN_OFF = `Yours sincerely,

{{officerName}}
{{councilName}}`;

/**
 * What a family is told when a decision can be appealed: the tribunal and its time limits (HESC
 * Rules 2008 r.20(1)(c)), mediation first (Children and Families Act 2014 s.55; SEND Regulations
 * 2014 regs. 33 to 39), disagreement resolution (Children and Families Act 2014 s.57) and where to get information and advice,
 * as SEND Regulations 2014 reg. 5(3) and reg. 10(3) require.
 */
const APPEAL_RIGHTS = `# If you disagree: your right to appeal

You can appeal against this decision to the First-tier Tribunal (Special Educational Needs and Disability). It is free to appeal.

You must appeal within 2 months of the date of this letter, that is by {{appealBy}}, or within 1 month of the date on your mediation certificate, if that is later.

# Before you appeal: mediation

Before you can appeal, you must contact a mediation adviser by {{mediationBy}}. They will explain mediation to you. You do not have to go to mediation, but you need the certificate the adviser gives you to appeal. The only appeals that do not need one are those about just the school or other place named in a plan.

Mediation is free. It is a meeting, with someone independent of us, to try to settle the disagreement. If you want mediation, we must arrange for it to take place within 30 days of being told. The adviser gives you a certificate within 3 working days of you saying you do not want mediation, or of the mediation ending.

The mediation service is {{mediationService}}.

# Other ways to settle a disagreement

You can use the disagreement resolution service at any time. It is free and independent of us, and using it does not affect your right to appeal: {{disagreementResolutionService}}.

You can read more about appeals at www.gov.uk/appeal-ehc-plan-decision.`;

export interface LetterCatalogueEntry extends LetterTypeInfo {
  type: LetterType;
  /** The fields the caller gives for this type of letter, beside the common ones. */
  fields: readonly TemplateField[];
  /** The service's standard wording. */
  standard: LetterTemplateText;
}

const STANDARD: Record<LetterType, { fields: readonly TemplateField[]; standard: LetterTemplateText }> = {
  'assessment-agreed': {
    fields: [
      decisionDate,
      field('reasons', 'Why the council decided to assess, as the officer recorded it', 'The advice from Łucja’s school shows that she may need more support than the school can give from its own resources.'),
      field('noPlanDecisionBy', 'The last day to tell the family if no plan will be made: 16 weeks from the request', '23 June 2027'),
      field('finalPlanBy', 'The last day to issue the final plan: 20 weeks from the request', '21 July 2027'),
    ],
    standard: {
      subject: 'We will carry out an EHC needs assessment for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We have decided to carry out an education, health and care (EHC) needs assessment for {{childName}}, born {{childDateOfBirth}}. We made this decision on {{decisionDate}}.

# Why we decided this

{{reasons}}

# What happens next

We will ask for advice about {{childName}}’s needs from their school or setting, an educational psychologist, health services and social care. Tell us if there is anyone else you would like us to ask.

We will ask for your views, and for {{childName}}’s views, wishes and feelings. We want to hear what matters to you both.

When the assessment is finished, we will decide whether {{childName}} needs an EHC plan:

- if we decide not to make a plan, we will tell you by {{noPlanDecisionBy}}
- if we decide to make a plan, we will send you a draft to comment on first, and the final plan by {{finalPlanBy}}

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'assessment-refused': {
    fields: [decisionDate, reasons, appealBy, mediationBy],
    standard: {
      subject: 'Our decision not to carry out an EHC needs assessment for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We have decided not to carry out an education, health and care (EHC) needs assessment for {{childName}}, born {{childDateOfBirth}}. We made this decision on {{decisionDate}}.

# Why we decided this

{{reasons}}

We know this may be disappointing. {{officerName}} can talk the decision through with you, and about the support {{childName}}’s school or setting can give without an EHC plan.

${APPEAL_RIGHTS}

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'request-withdrawn': {
    fields: [
      field('withdrawnOn', 'The day the request was withdrawn', '12 March 2027'),
      field('withdrawnBy', 'Who withdrew it', 'you'),
      field('reason', 'The reason given', 'Łucja’s school has put in place the extra support she needs.'),
    ],
    standard: {
      subject: 'The request for an EHC needs assessment for {{childName}} has been withdrawn ({{caseReference}})',
      body: `Dear {{recipientName}},

This letter confirms that the request for an education, health and care (EHC) needs assessment for {{childName}}, born {{childDateOfBirth}}, was withdrawn on {{withdrawnOn}} by {{withdrawnBy}}.

The reason given was: {{reason}}

We have closed the request and will take no further action on it.

# If this is not right

If the request should not have been withdrawn, contact us as soon as you can. You, or {{childName}}’s school or setting, can make a new request at any time.

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'views-request': {
    fields: [
      field('recipientRole', 'Who the reader is to the child: parent, or school', 'parent'),
      field('respondBy', 'The day to reply by', '24 March 2027'),
    ],
    standard: {
      subject: 'We would like your views about {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We have received a request for an education, health and care (EHC) needs assessment for {{childName}}, born {{childDateOfBirth}}. Before we decide whether to carry out an assessment, we would like to hear from you, as {{childName}}’s {{recipientRole}}.

# What we would like to know

Please tell us:

- about {{childName}}’s needs, and what helps them
- what support is in place now, and how {{childName}} is getting on with it
- anything else you think we should know

You can send us reports or other information that shows this.

# When to reply

Please reply by {{respondBy}}, by e-mail to {{officerEmail}}. If you cannot reply by then, or would rather talk to us, contact {{officerName}}.

We will decide whether to carry out an assessment within 6 weeks of receiving the request.

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'advice-request': {
    fields: adviceFields,
    standard: {
      subject: 'Request for {{adviceKind}} for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We are carrying out an education, health and care (EHC) needs assessment for {{childName}}, born {{childDateOfBirth}}. We are asking {{organisation}} for {{adviceKind}}. We sent this request on {{requestedOn}}.

# When we need it

Please send your advice by {{dueOn}}. {{dueBasis}}

If you cannot give your advice by then, tell us as soon as you can, and why.

# What your advice should cover

Please tell us about:

- {{childName}}’s needs, as you see them
- the provision needed to meet those needs
- the outcomes that provision should help {{childName}} achieve

Please write so that {{childName}}’s family can understand it. We will share your advice with them, and it may be quoted in an EHC plan.

# How to send it

E-mail your advice to {{officerEmail}}, quoting our reference, {{caseReference}}. If you have any questions, contact {{officerName}}.

${SIGN_OFF}`,
    },
  },
  'advice-chaser': {
    fields: [...adviceFields, field('chaserNote', 'Whether the advice is due soon or late, in a sentence', 'We have not yet received your advice, which was due on 21 April 2027.')],
    standard: {
      subject: 'Reminder: {{adviceKind}} for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

On {{requestedOn}} we asked {{organisation}} for {{adviceKind}} for the education, health and care (EHC) needs assessment of {{childName}}, born {{childDateOfBirth}}.

{{chaserNote}}

Your advice is due by {{dueOn}}. {{dueBasis}}

The law gives us 20 weeks from the request to issue {{childName}}’s final plan. Late advice delays it for the family.

If you cannot send your advice by {{dueOn}}, please tell us today, and why.

E-mail your advice to {{officerEmail}}, quoting our reference, {{caseReference}}. If you have any questions, contact {{officerName}}.

${SIGN_OFF}`,
    },
  },
  'no-plan': {
    fields: [decisionDate, reasons, appealBy, mediationBy],
    standard: {
      subject: 'Our decision not to make an EHC plan for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We have finished the education, health and care (EHC) needs assessment for {{childName}}, born {{childDateOfBirth}}. On {{decisionDate}} we decided not to make an EHC plan.

# Why we decided this

{{reasons}}

We will send you the advice and information we gathered during the assessment. It can help you and {{childName}}’s school or setting plan the support they give.

${APPEAL_RIGHTS}

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'plan-to-be-drafted': {
    fields: [decisionDate, field('draftBy', 'The day the draft plan will be sent by', '9 June 2027')],
    standard: {
      subject: 'We will make an EHC plan for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We have finished the education, health and care (EHC) needs assessment for {{childName}}, born {{childDateOfBirth}}. On {{decisionDate}} we decided to make an EHC plan.

# What happens next

We will send you a draft of the plan by {{draftBy}}. You will then have at least 15 days to:

- tell us what you think of it, or ask to meet us to talk about it
- ask for a particular school, college or other setting to be named in the plan

We will then send you the final plan.

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'draft-plan-issued': {
    fields: [field('issuedOn', 'The day the draft plan was sent', '9 June 2027'), field('commentsBy', 'The last day of the 15 days to comment and ask for a school', '23 June 2027')],
    standard: {
      subject: 'The draft EHC plan for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We enclose the draft education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}, sent on {{issuedOn}}. It is a draft: nothing in it is final until you have had your say.

# What you can do now

You have at least 15 days, until {{commentsBy}}, to:

- tell us what you think of the draft plan, in writing, or ask to meet us to talk about it
- ask for a particular school, college or other setting to be named in the plan, such as a maintained school or college, an academy or a free school

If you ask for a school or college, we must consult it. We must name it in the plan unless it is unsuitable for {{childName}}’s age, ability, aptitude or special educational needs. We may also refuse it if their attending it would not fit the efficient education of others or the efficient use of resources.

We will not send the final plan until the 15 days are over. We will then send you the final plan, with your rights to appeal.

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'final-plan-issued': {
    fields: [field('issuedOn', 'The day the final plan was sent', '30 June 2027'), appealBy, mediationBy],
    standard: {
      subject: 'The final EHC plan for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We enclose the final education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}, issued on {{issuedOn}}. We have taken account of what you told us about the draft plan.

We must now secure the special educational provision in section F of the plan, and the health provision in section G must be arranged by the health service.

You can appeal to the tribunal about the special educational needs in section B, the special educational provision in section F, or the school or other setting named in section I.

${APPEAL_RIGHTS}

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'officer-allocated': {
    fields: [
      field('allocatedOn', 'The day the officer took the case on', '30 November 2026'),
      field('previousOfficerName', 'The officer who held the case before, or “not yet named” while it waited for an officer', 'Bex Smith'),
    ],
    standard: {
      subject: 'Your named officer for {{childName}} is now {{officerName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

From {{allocatedOn}}, {{officerName}} is the named officer for {{childName}}, born {{childDateOfBirth}}. Before this, the officer for {{childName}} was {{previousOfficerName}}.

Your named officer is your contact at the council for everything about {{childName}}’s education, health and care (EHC) needs assessment or plan. Nothing else about the case has changed: the dates we gave you still stand.

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'school-consultation': {
    fields: consultationFields,
    standard: {
      subject: 'Can you meet the needs of {{childName}}? Consultation on an EHC plan ({{caseReference}})',
      body: `Dear {{recipientName}},

We are writing an education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}. {{consultationReason}}

We are asking {{schoolName}} whether it can meet {{childName}}’s needs and so be named in the plan. We sent this consultation on {{sentOn}}.

# The draft plan

The draft plan is attached. It sets out {{childName}}’s special educational needs (section B) and the provision needed to meet them (section F). Please keep it confidential.

# What we need from you

Please tell us by {{dueOn}}:

- whether the school can meet {{childName}}’s needs as the draft plan sets them out
- if it cannot, why not, with your reasons

The SEND Code of Practice asks schools to answer within 15 days. If you cannot answer by {{dueOn}}, tell us as soon as you can, and why.

# How to answer

E-mail {{officerEmail}}, quoting our reference, {{caseReference}}. If you have any questions, contact {{officerName}}.

${SIGN_OFF}`,
    },
  },
  'school-consultation-chaser': {
    fields: consultationFields.filter((entry) => entry.name !== 'consultationReason'),
    standard: {
      subject: 'Reminder: can you meet the needs of {{childName}}? ({{caseReference}})',
      body: `Dear {{recipientName}},

On {{sentOn}} we asked {{schoolName}} whether it can meet the needs of {{childName}}, born {{childDateOfBirth}}, and be named in their education, health and care (EHC) plan. We sent you the draft plan.

We have not yet had your answer. It was due by {{dueOn}}.

The law gives us 20 weeks from the request for an assessment to issue {{childName}}’s final plan. A late answer delays it for the family.

Please tell us today whether the school can meet {{childName}}’s needs and, if it cannot, why not. If you need more time, tell us how long, and why.

E-mail {{officerEmail}}, quoting our reference, {{caseReference}}. If you have any questions, contact {{officerName}}.

${SIGN_OFF}`,
    },
  },
  'review-invitation': {
    fields: [
      field('meetingDate', 'The day of the review meeting', '14 December 2026'),
      field('meetingPlace', 'Where the meeting is held', 'Oak Tree Primary School'),
      field('heldBy', 'Who holds the meeting', 'the head teacher of Oak Tree Primary School'),
      field('adviceBy', 'The last day the advice and information are sent to everyone invited: 2 weeks before the meeting', '30 November 2026'),
    ],
    standard: {
      subject: 'Invitation to the annual review of {{childName}}’s EHC plan ({{caseReference}})',
      body: `Dear {{recipientName}},

We are reviewing the education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}. The law asks us to review it at least once a year.

# The review meeting

The meeting is on {{meetingDate}} at {{meetingPlace}}. It will be held by {{heldBy}}. Please come, or tell us if you cannot, so that your views are heard.

We will send you the advice and information gathered for the review by {{adviceBy}}, at least 2 weeks before the meeting.

# Your views

We want to know what {{childName}} and you think is going well, what is not, and what should change. You can tell us before the meeting or at it.

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'review-decision-maintain': {
    fields: [field('meetingDate', 'The day of the review meeting', '14 December 2026'), decisionDate, reasons],
    standard: {
      subject: 'Annual review of {{childName}}’s EHC plan: we will keep the plan ({{caseReference}})',
      body: `Dear {{recipientName}},

Thank you for taking part in the annual review of the education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}, at the meeting on {{meetingDate}}.

On {{decisionDate}} we decided to keep the plan as it is.

# Why

{{reasons}}

The plan stays in force, and we will review it again within 12 months.

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'review-decision-amend': {
    fields: [field('meetingDate', 'The day of the review meeting', '14 December 2026'), decisionDate, reasons, appealBy, mediationBy],
    standard: {
      subject: 'Annual review of {{childName}}’s EHC plan: we propose to amend the plan ({{caseReference}})',
      body: `Dear {{recipientName}},

Thank you for taking part in the annual review of the education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}, at the meeting on {{meetingDate}}.

On {{decisionDate}} we decided to amend the plan.

# Why

{{reasons}}

# What happens next

We will send you the proposed amendments, with the evidence for them. You will have at least 15 days to comment on them, to ask for a meeting and to ask for a particular school or other setting to be named. We will then send you the amended plan, within 8 weeks of the proposed amendments.

${APPEAL_RIGHTS}

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'review-decision-cease': {
    fields: [field('meetingDate', 'The day of the review meeting', '14 December 2026'), decisionDate, reasons, appealBy, mediationBy],
    standard: {
      subject: 'Annual review of {{childName}}’s EHC plan: we intend to cease the plan ({{caseReference}})',
      body: `Dear {{recipientName}},

Thank you for taking part in the annual review of the education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}, at the meeting on {{meetingDate}}.

On {{decisionDate}} we decided to cease to maintain the plan.

# Why

{{reasons}}

# What happens next

We will keep the plan in force until the time to appeal has passed or, if you appeal, until the appeal is decided.

${APPEAL_RIGHTS}

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'plan-transferred': {
    fields: [
      field('newCouncil', 'The council the child or young person has moved to', 'Northshire County Council'),
      field('moveDate', 'The day of the move', '1 September 2027'),
      field('planDueOn', 'The day the plan is due at the new council (SEND Regulations 2014 reg. 15)', '1 September 2027'),
    ],
    standard: {
      subject: 'EHC plan of {{childName}}, who has moved to your area ({{caseReference}})',
      body: `Dear {{recipientName}},

{{childName}}, born {{childDateOfBirth}}, has moved from our area to {{newCouncil}}. The move was on {{moveDate}}.

# The plan

We maintained an education, health and care (EHC) plan for {{childName}}. We are sending it to you with this letter, as regulation 15 of the SEND Regulations 2014 requires (by {{planDueOn}}).

From the transfer, you must secure the special educational provision in the plan. Within 6 weeks, the family must hear from you whether you will assess {{childName}} again and how you will meet the plan meanwhile. The plan must be reviewed within the later of 12 months of its last review and 3 months of the transfer.

# Contact us

If you have any questions about the plan, e-mail {{officerEmail}}, quoting our reference, {{caseReference}}, or contact {{officerName}}.

${SIGN_OFF}`,
    },
  },
  'amendment-proposed': {
    fields: [
      field('noticeOn', 'The day the amendment notice was sent', '1 March 2027'),
      field('proposedChanges', 'The proposed amendments, section by section, against the plan as it stands', '- Section F, F1: changed (How often)'),
      field('commentsBy', 'The last day of the 15 days to comment, beginning with the day the notice was sent', '15 March 2027'),
      field('amendedPlanBy', 'The last day to issue the final amended plan: 8 weeks from the notice', '26 April 2027'),
    ],
    standard: {
      subject: 'We propose to amend the EHC plan for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We propose to amend the education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}. We sent this notice on {{noticeOn}}. The plan as it stands is enclosed.

# The changes we propose

{{proposedChanges}}

# What you can do now

You have at least 15 days, until {{commentsBy}}, to:

- tell us what you think of the proposed changes, in writing, or ask to meet us to talk about them
- ask for a particular school, college or other setting to be named in the plan

We will not make the changes until the 15 days are over. We will then send you the final amended plan, or tell you why we decided not to amend the plan, by {{amendedPlanBy}}.

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'amended-plan-issued': {
    fields: [
      field('issuedOn', 'The day the amended plan was sent', '20 April 2027'),
      field('changes', 'What changed from the plan before it, section by section', '- Section F, F1: changed (How often)'),
      appealBy,
      mediationBy,
    ],
    standard: {
      subject: 'The amended EHC plan for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We enclose the final amended education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}, issued on {{issuedOn}}. We have taken account of what you told us about the proposed changes.

# What changed

{{changes}}

You can appeal to the tribunal about the special educational needs in section B, the special educational provision in section F, or the school or other setting named in section I.

${APPEAL_RIGHTS}

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'no-amendment': {
    fields: [decisionDate, reasons, appealBy, mediationBy],
    standard: {
      subject: 'Our decision not to amend the EHC plan for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We have decided not to make the changes we proposed to the education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}. We made this decision on {{decisionDate}}, after thinking about what you told us. The plan stays as it is.

# Why we decided this

{{reasons}}

${APPEAL_RIGHTS}

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'cease-decision': {
    fields: [
      decisionDate,
      field('ceaseReason', 'Why the plan is to cease, in the words of the DfE’s return', 'Needs met without an EHC plan'),
      reasons,
      appealBy,
      mediationBy,
      field('ceasesOn', 'The day the plan ceases if no appeal is brought', '4 May 2027'),
    ],
    standard: {
      subject: 'Our decision to stop maintaining the EHC plan for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We have decided to stop maintaining the education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}. We made this decision on {{decisionDate}}, after asking you and the head teacher for your views.

# Why we decided this

{{ceaseReason}}.

{{reasons}}

# What happens to the plan

We will keep the plan, and the support in it, until the time to appeal is over. If you do not appeal, the plan ends on {{ceasesOn}}. If you appeal, we will keep the plan until the appeal is decided.

${APPEAL_RIGHTS}

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'cease-decision-notified': {
    fields: [decisionDate, field('ceaseReason', 'Why the plan is to cease, in the words of the DfE’s return', 'Needs met without an EHC plan'), field('ceasesOn', 'The day the plan ceases if no appeal is brought', '4 May 2027')],
    standard: {
      subject: 'Decision to stop maintaining the EHC plan for {{childName}} ({{caseReference}})',
      body: `Dear {{recipientName}},

We are writing to tell you that on {{decisionDate}} we decided to stop maintaining the education, health and care (EHC) plan for {{childName}}, born {{childDateOfBirth}}. The family have been sent our decision with our reasons.

# Why we decided this

{{ceaseReason}}.

# What happens now

The plan, and the provision in it, stays in place until the time for the family to appeal is over. If they do not appeal, the plan ends on {{ceasesOn}}. If they appeal, we will keep the plan until the appeal is decided, and we will tell you.

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'reassessment-agreed': {
    fields: [decisionDate, field('finalPlanBy', 'The last day to issue the plan after the re-assessment: 14 weeks from this decision', '9 June 2027')],
    standard: {
      subject: 'We will re-assess {{childName}}’s needs ({{caseReference}})',
      body: `Dear {{recipientName}},

We have decided to carry out a new education, health and care (EHC) needs assessment for {{childName}}, born {{childDateOfBirth}}. We made this decision on {{decisionDate}}.

# What happens next

We will ask again for advice about {{childName}}’s needs, and for your views and {{childName}}’s. The plan stays in place while we do this.

We will send you the proposed changes to the plan to comment on, and the final plan by {{finalPlanBy}}.

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
  'reassessment-refused': {
    fields: [decisionDate, reasons, appealBy, mediationBy],
    standard: {
      subject: 'Our decision not to re-assess {{childName}}’s needs ({{caseReference}})',
      body: `Dear {{recipientName}},

We have decided not to carry out a new education, health and care (EHC) needs assessment for {{childName}}, born {{childDateOfBirth}}. We made this decision on {{decisionDate}}. The plan stays as it is.

# Why we decided this

{{reasons}}

${APPEAL_RIGHTS}

${HELP}

${CONTACT}

${SIGN_OFF}`,
    },
  },
};

export const LETTER_CATALOGUE: readonly LetterCatalogueEntry[] = LETTER_TYPES.map((type) => ({ type, ...LETTER_TYPE_INFO[type], ...STANDARD[type] }));

export function catalogueEntry(type: LetterType): LetterCatalogueEntry {
  return LETTER_CATALOGUE.find((entry) => entry.type === type)!;
}

/** Every field a letter of this type may use: the common ones, then its own. */
export function fieldsOf(type: LetterType): readonly TemplateField[] {
  return [...COMMON_FIELDS, ...catalogueEntry(type).fields];
}

export function fieldNamesOf(type: LetterType): string[] {
  return fieldsOf(type).map((entry) => entry.name);
}
