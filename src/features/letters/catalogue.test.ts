// The standard wording of each letter: every template valid in the template language, using every
// field the caller gives, and the notices that can be appealed saying what the law requires.
import { describe, expect, it } from 'vitest';
import { LETTER_TYPES } from '../../domain/letters/letter-types.ts';
import { COMMON_FIELDS, catalogueEntry, fieldNamesOf, fieldsOf, LETTER_CATALOGUE } from './catalogue.ts';
import { letterBlocks } from './letter-text.ts';
import { fieldsUsed, renderTemplate, templateProblems } from './template.ts';

/** A letter of the type written with each field's example value. */
function example(type: (typeof LETTER_TYPES)[number]) {
  return renderTemplate(catalogueEntry(type).standard, Object.fromEntries(fieldsOf(type).map((entry) => [entry.name, entry.example])));
}

describe('the catalogue of letters', () => {
  it('has the types of the contract, each named, with whom it goes to and its basis', () => {
    expect(LETTER_CATALOGUE.map((entry) => entry.type)).toEqual([...LETTER_TYPES]);
    expect(LETTER_TYPES).toEqual([
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
    ]);
    for (const entry of LETTER_CATALOGUE) {
      expect(entry.name, entry.type).toMatch(/^[A-Z]/);
      expect(entry.recipient, entry.type).toMatch(/\S/);
      expect(entry.basis, entry.type).toMatch(/\S/);
    }
  });

  it('gives each type the fields of the contract, each described with an example', () => {
    const own = Object.fromEntries(LETTER_CATALOGUE.map((entry) => [entry.type, entry.fields.map((field) => field.name)]));
    expect(own).toEqual({
      'assessment-agreed': ['decisionDate', 'reasons', 'noPlanDecisionBy', 'finalPlanBy'],
      'assessment-refused': ['decisionDate', 'reasons', 'appealBy', 'mediationBy'],
      'request-withdrawn': ['withdrawnOn', 'withdrawnBy', 'reason'],
      'views-request': ['recipientRole', 'respondBy'],
      'advice-request': ['adviceKind', 'organisation', 'professionalName', 'requestedOn', 'dueOn', 'dueBasis'],
      'advice-chaser': ['adviceKind', 'organisation', 'professionalName', 'requestedOn', 'dueOn', 'dueBasis', 'chaserNote'],
      'no-plan': ['decisionDate', 'reasons', 'appealBy', 'mediationBy'],
      'plan-to-be-drafted': ['decisionDate', 'draftBy'],
      'officer-allocated': ['allocatedOn', 'previousOfficerName'],
      'draft-plan-issued': ['issuedOn', 'commentsBy'],
      'final-plan-issued': ['issuedOn', 'appealBy', 'mediationBy'],
      'school-consultation': ['schoolName', 'sentOn', 'dueOn', 'consultationReason'],
      'school-consultation-chaser': ['schoolName', 'sentOn', 'dueOn'],
      'review-invitation': ['meetingDate', 'meetingPlace', 'heldBy', 'adviceBy'],
      'review-decision-maintain': ['meetingDate', 'decisionDate', 'reasons'],
      'review-decision-amend': ['meetingDate', 'decisionDate', 'reasons', 'appealBy', 'mediationBy'],
      'review-decision-cease': ['meetingDate', 'decisionDate', 'reasons', 'appealBy', 'mediationBy'],
      'plan-transferred': ['newCouncil', 'moveDate', 'planDueOn'],
      'amendment-proposed': ['noticeOn', 'proposedChanges', 'commentsBy', 'amendedPlanBy'],
      'amended-plan-issued': ['issuedOn', 'changes', 'appealBy', 'mediationBy'],
      'no-amendment': ['decisionDate', 'reasons', 'appealBy', 'mediationBy'],
      'cease-decision': ['decisionDate', 'ceaseReason', 'reasons', 'appealBy', 'mediationBy', 'ceasesOn'],
      'cease-decision-notified': ['decisionDate', 'ceaseReason', 'ceasesOn'],
      'reassessment-agreed': ['decisionDate', 'finalPlanBy'],
      'reassessment-refused': ['decisionDate', 'reasons', 'appealBy', 'mediationBy'],
    });
    expect(COMMON_FIELDS.map((field) => field.name)).toEqual([
      'recipientName', 'childName', 'childDateOfBirth', 'caseReference', 'officerName', 'officerEmail', 'councilName', 'today',
      'iassName', 'iassContact', 'mediationService', 'disagreementResolutionService',
    ]);
    for (const type of LETTER_TYPES) {
      for (const field of fieldsOf(type)) {
        expect(field.description, `${type}.${field.name}`).toMatch(/^[A-Z]/);
        expect(field.example, `${type}.${field.name}`).toMatch(/\S/);
      }
      expect(new Set(fieldNamesOf(type)).size, type).toBe(fieldNamesOf(type).length);
    }
  });

  it.each(LETTER_TYPES)('has standard wording for %s that the template rules accept, using the caller’s fields and a heading-free subject', (type) => {
    const entry = catalogueEntry(type);
    expect(templateProblems(entry.standard, fieldNamesOf(type))).toEqual([]);
    const used = fieldsUsed(entry.standard);
    // Every field the caller is asked for is said somewhere, except the professional's name, which the greeting gives.
    for (const field of entry.fields.filter((candidate) => candidate.name !== 'professionalName')) expect(used, `${type} uses ${field.name}`).toContain(field.name);
    const letter = example(type);
    expect(letter.subject).toContain('(999-EHC-2026-00012)');
    expect(letter.text.startsWith('Dear Sarah Nowak,')).toBe(true);
    expect(letter.text).toMatch(/Yours sincerely,\n\nDaniel Osei\nDemo City Council$/);
    // Plain English: no sentence runs on past 35 words.
    for (const block of letterBlocks(letter.text)) {
      const words = (block.kind === 'paragraph' ? block.lines.join(' ') : block.kind === 'heading' ? block.text : block.items.join('. ')).split(/(?<=[.!?:])\s+/);
      for (const sentence of words) expect(sentence.split(/\s+/).length, `${type}: ${sentence}`).toBeLessThanOrEqual(35);
    }
  });
});

// The refusals give their reasons; the final plan's notice gives the plan itself, so has none.
describe.each(['assessment-refused', 'no-plan', 'no-amendment', 'cease-decision', 'reassessment-refused'] as const)('the %s notice', (type) => {
  it('states the reasons for the decision (SEND Regs 2014 reg. 5(3), 10(3), 22(4), 25(2), 31(2))', () => {
    const { text } = example(type);
    expect(text).toContain('# Why we decided this');
    expect(text).toContain(catalogueEntry(type).fields.find((field) => field.name === 'reasons')!.example);
  });
});

describe.each(['assessment-refused', 'no-plan', 'final-plan-issued', 'amended-plan-issued', 'no-amendment', 'cease-decision', 'reassessment-refused'] as const)('the %s notice', (type) => {
  const { text } = example(type);

  it('states the right of appeal to the First-tier Tribunal (SEND) (SEND Regs 2014 reg. 5(3), 10(3))', () => {
    expect(text).toContain('You can appeal against this decision to the First-tier Tribunal (Special Educational Needs and Disability).');
  });

  it('states its time limits: 2 months from the date of the notice, or 1 month from a mediation certificate if later (SEND Regs 2014 reg. 5(3), 10(3); HESC Rules 2008 r.20(1)(c))', () => {
    expect(text).toContain('You must appeal within 2 months of the date of this letter, that is by 3 May 2027, or within 1 month of the date on your mediation certificate, if that is later.');
  });

  it('says mediation must be considered first, except for an appeal only about the placement, and gives the mediation service’s contact (SEND Regs 2014 reg. 5(3), 10(3); CFA 2014 s.55)', () => {
    expect(text).toContain('Before you can appeal, you must contact a mediation adviser by 3 May 2027.');
    expect(text).toContain('you need the certificate the adviser gives you to appeal');
    expect(text).toContain('The only appeals that do not need one are those about just the school or other place named in a plan.');
    expect(text).toContain('The mediation service is Demo Mediation, 0121 496 0456, mediation@demo-mediation.example.');
  });

  it('gives the disagreement resolution service, and says using it does not affect the right to appeal (SEND Regs 2014 reg. 5(3), 10(3); CFA 2014 s.57)', () => {
    expect(text).toContain('You can use the disagreement resolution service at any time. It is free and independent of us, and using it does not affect your right to appeal: Demo Resolve, 0121 496 0789, resolve@demo-resolve.example.');
  });

  it('says where to get information and advice: the local information, advice and support service (SEND Regs 2014 reg. 5(3), 10(3))', () => {
    expect(text).toContain('Demo City SENDIASS gives free, impartial and confidential information, advice and support about special educational needs and disabilities: call 0121 496 0123 or e-mail sendiass@demo-city.example.');
  });
});

describe('the decision to assess', () => {
  it('gives the family the dates the law sets: a no-plan decision within 16 weeks, the final plan within 20 (SEND Regs 2014 reg. 10(1), 13(2))', () => {
    const { text } = example('assessment-agreed');
    expect(text).toContain('if we decide not to make a plan, we will tell you by 23 June 2027');
    expect(text).toContain('the final plan by 21 July 2027');
  });
});

describe('the decision to make a plan', () => {
  it('tells the family of at least 15 days to comment on the draft and to ask for a school (SEND Regs 2014 reg. 13(1)(a))', () => {
    const { text } = example('plan-to-be-drafted');
    expect(text).toContain('You will then have at least 15 days to:');
    expect(text).toContain('ask for a particular school, college or other setting to be named in the plan');
  });
});

describe('the letter naming the family’s officer', () => {
  it('tells the family who their named officer now is and how to reach them (SEND Code of Practice 2015, 9.23)', () => {
    const { subject, text } = example('officer-allocated');
    expect(subject).toBe('Your named officer for Łucja Nowak is now Daniel Osei (999-EHC-2026-00012)');
    expect(text).toContain('From 30 November 2026, Daniel Osei is the named officer for Łucja Nowak');
    expect(text).toContain('Before this, the officer for Łucja Nowak was Bex Smith.');
    expect(text).toContain('You can e-mail them at daniel.osei@demo-city.example.');
  });
});

describe('the draft plan’s notice', () => {
  it('gives the family at least 15 days to comment and to ask for a particular school (SEND Regs 2014 reg. 13(1))', () => {
    const { subject, text } = example('draft-plan-issued');
    expect(subject).toBe('The draft EHC plan for Łucja Nowak (999-EHC-2026-00012)');
    expect(text).toContain('You have at least 15 days, until 23 June 2027, to:');
    expect(text).toContain('ask for a particular school, college or other setting to be named in the plan');
    expect(text).toContain('We will not send the final plan until the 15 days are over.');
  });
});

describe('the final plan’s notice', () => {
  it('names the sections that can be appealed: B, F and I (SEND Regs 2014 reg. 14; CFA 2014 s.51(2)(c))', () => {
    const { text } = example('final-plan-issued');
    expect(text).toContain('section B, the special educational provision in section F, or the school or other setting named in section I');
  });
});

describe('the amendment notice', () => {
  it('sets out the proposed amendments and at least 15 days to comment, beginning with the day it is sent (SEND Regs 2014 reg. 22(2))', () => {
    const { subject, text } = example('amendment-proposed');
    expect(subject).toBe('We propose to amend the EHC plan for Łucja Nowak (999-EHC-2026-00012)');
    expect(text).toContain('# The changes we propose\n\n- Section F, F1: changed (How often)');
    expect(text).toContain('You have at least 15 days, until 15 March 2027, to:');
    expect(text).toContain('by 26 April 2027');
  });
});

describe('the decision to cease', () => {
  it('says the plan is kept until the time to appeal is over, or any appeal is decided (CFA 2014 s.45(4); SEND Regs 2014 reg. 31(3))', () => {
    const { text } = example('cease-decision');
    expect(text).toContain('If you do not appeal, the plan ends on 4 May 2027. If you appeal, we will keep the plan until the appeal is decided.');
    expect(text).toContain('Needs met without an EHC plan.');
  });
});
