import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { CASE_STAGES } from '../children/stages.ts';
import { caseDeadlines, type DatedEvent } from './case-deadlines.ts';
import { CASE_DEADLINES, CASE_EVENT_TYPES, CASE_EVENTS, RECORDABLE_STEPS, STAGE_AFTER_EVENT, eventTitle, isDecisionEvent, isDecisionPageEvent, type CaseEventDeclaration } from './catalogue.ts';

const on = isoDate;

// The law as this table states it, written independently of the catalogue: a change to either
// that the other does not share fails here.
const EXPECTED: Record<string, { stage?: string; meets: string[]; starts: [string, 'event' | 'request' | 'carried'][]; ends: string[]; sen2?: string }> = {
  'request.received': { stage: 'request', meets: [], starts: [['decision-to-assess', 'event'], ['final-plan', 'event']], ends: [], sen2: 'Requests/ReceivedDate' },
  'assessment.agreed': { stage: 'assessment', meets: ['decision-to-assess'], starts: [['no-plan-decision', 'request']], ends: [], sen2: 'Requests/RequestOutcome' },
  'advice.requested': { meets: [], starts: [], ends: [] },
  'advice.received': { meets: [], starts: [], ends: [] },
  'assessment.refused': { stage: 'closed', meets: ['decision-to-assess'], starts: [], ends: ['final-plan'], sen2: 'Requests/RequestOutcome' },
  'request.withdrawn': { stage: 'closed', meets: [], starts: [], ends: ['no-plan-decision', 'final-plan'], sen2: 'Requests/RequestOutcome' },
  'plan.agreed': { meets: ['no-plan-decision'], starts: [], ends: [], sen2: 'Assessment/AssessmentOutcome' },
  'plan.refused': { stage: 'closed', meets: ['no-plan-decision'], starts: [], ends: ['final-plan'], sen2: 'Assessment/AssessmentOutcome' },
  'draft.issued': { stage: 'draft', meets: ['no-plan-decision'], starts: [['draft-comments', 'event']], ends: [], sen2: 'Assessment/AssessmentOutcome' },
  'plan.issued': { stage: 'plan', meets: ['final-plan', 'no-plan-decision', 'draft-comments'], starts: [['review-due', 'event']], ends: [], sen2: 'NamedPlan/StartDate' },
  'review.scheduled': { stage: 'review', meets: [], starts: [['invitations', 'event'], ['advice-circulated', 'event']], ends: [] },
  'review.held': { stage: 'review', meets: ['invitations', 'advice-circulated'], starts: [['review-report', 'event'], ['review-decision', 'event']], ends: [], sen2: 'ActivePlans/ReviewMeeting' },
  'review.reported': { meets: ['review-report'], starts: [], ends: [] },
  'review.decided': {
    stage: 'plan',
    meets: ['review-report', 'review-decision'],
    starts: [['review-due', 'event']],
    ends: ['review-report', 'review-decision', 'invitations', 'advice-circulated'],
    sen2: 'ActivePlans/LastReview',
  },
  'amendment.proposed': { stage: 'review', meets: [], starts: [['amendment-comments', 'event'], ['amended-plan', 'event']], ends: [] },
  'plan.amended': { stage: 'plan', meets: ['amended-plan', 'amendment-comments', 'reassessment-plan'], starts: [], ends: [] },
  'amendment.declined': { stage: 'plan', meets: ['amended-plan', 'amendment-comments'], starts: [], ends: [] },
  'reassessment.requested': { meets: [], starts: [['reassessment-decision', 'event']], ends: [] },
  'reassessment.agreed': { meets: ['reassessment-decision'], starts: [['reassessment-plan', 'event']], ends: [] },
  'reassessment.refused': { meets: ['reassessment-decision'], starts: [], ends: [] },
  'cease.decided': { meets: [], starts: [], ends: [] },
  'plan.ceased': { stage: 'closed', meets: [], starts: [], ends: ['review-due', 'amended-plan', 'amendment-comments', 'reassessment-decision', 'reassessment-plan'], sen2: 'NamedPlan/CeaseDate' },
  'mediation.requested': { meets: [], starts: [['mediation-meeting', 'event']], ends: [] },
  'mediation.held': { meets: ['mediation-meeting'], starts: [], ends: [] },
  'appeal.registered': { meets: [], starts: [['appeal-response', 'carried']], ends: [] },
  'appeal.decided': { meets: ['appeal-response'], starts: [], ends: [] },
  'appeal.concluded': { meets: [], starts: [], ends: ['appeal-response'] },
  'appeal.order-made': { meets: [], starts: [['appeal-order', 'carried']], ends: ['appeal-response'] },
  'appeal.order-complied': { meets: ['appeal-order'], starts: [], ends: [] },
  'transfer-in.recorded': { stage: 'plan', meets: [], starts: [['transfer-notify', 'event'], ['review-due', 'carried']], ends: [] },
  'transfer-in.family-told': { meets: ['transfer-notify'], starts: [], ends: [] },
  'transfer-out.recorded': { meets: [], starts: [['transfer-plan', 'carried']], ends: [] },
  'transfer-out.plan-sent': { stage: 'closed', meets: ['transfer-plan'], starts: [], ends: [] },
  'case.allocated': { meets: [], starts: [], ends: [] },
  'case.reallocated': { meets: [], starts: [], ends: [] },
  'views.received': { meets: [], starts: [], ends: [] },
  'young-person.sharing-recorded': { meets: [], starts: [], ends: [] },
  'exception.recorded': { meets: [], starts: [], ends: [], sen2: 'Assessment/Week20' },
  'step.corrected': { meets: [], starts: [], ends: [] },
};

/** Events that, recorded before `type`, start every deadline `type` meets or ends. */
const BEFORE: Record<string, DatedEvent[]> = {
  'request.received': [],
  'assessment.agreed': [{ type: 'request.received', occurredOn: on('2026-01-05') }],
  'advice.requested': [
    { type: 'request.received', occurredOn: on('2026-01-05') },
    { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
  ],
  'advice.received': [
    { type: 'request.received', occurredOn: on('2026-01-05') },
    { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
    { type: 'advice.requested', occurredOn: on('2026-02-03') },
  ],
  'assessment.refused': [{ type: 'request.received', occurredOn: on('2026-01-05') }],
  'request.withdrawn': [
    { type: 'request.received', occurredOn: on('2026-01-05') },
    { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
  ],
  'plan.agreed': [
    { type: 'request.received', occurredOn: on('2026-01-05') },
    { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
  ],
  'plan.refused': [
    { type: 'request.received', occurredOn: on('2026-01-05') },
    { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
  ],
  'draft.issued': [
    { type: 'request.received', occurredOn: on('2026-01-05') },
    { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
  ],
  'plan.issued': [
    { type: 'request.received', occurredOn: on('2026-01-05') },
    { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
    { type: 'draft.issued', occurredOn: on('2026-04-01') },
  ],
  'review.scheduled': [{ type: 'plan.issued', occurredOn: on('2026-03-15') }],
  'review.held': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'review.scheduled', occurredOn: on('2026-12-01') },
  ],
  'review.reported': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'review.scheduled', occurredOn: on('2026-12-01') },
    { type: 'review.held', occurredOn: on('2026-12-01') },
  ],
  'review.decided': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'review.scheduled', occurredOn: on('2026-12-01') },
    { type: 'review.held', occurredOn: on('2026-12-01') },
  ],
  'amendment.proposed': [{ type: 'plan.issued', occurredOn: on('2026-03-15') }],
  'plan.amended': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'reassessment.requested', occurredOn: on('2026-09-01') },
    { type: 'reassessment.agreed', occurredOn: on('2026-09-10') },
    { type: 'amendment.proposed', occurredOn: on('2026-12-01') },
  ],
  'transfer-in.recorded': [],
  'transfer-in.family-told': [{ type: 'transfer-in.recorded', occurredOn: on('2026-11-02') }],
  'transfer-out.recorded': [{ type: 'plan.issued', occurredOn: on('2026-03-15') }],
  'transfer-out.plan-sent': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'transfer-out.recorded', occurredOn: on('2026-11-20') },
  ],
  'amendment.declined': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'amendment.proposed', occurredOn: on('2026-12-01') },
  ],
  'reassessment.requested': [{ type: 'plan.issued', occurredOn: on('2026-03-15') }],
  'reassessment.agreed': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'reassessment.requested', occurredOn: on('2026-12-01') },
  ],
  'reassessment.refused': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'reassessment.requested', occurredOn: on('2026-12-01') },
  ],
  'cease.decided': [{ type: 'plan.issued', occurredOn: on('2026-03-15') }],
  'plan.ceased': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'amendment.proposed', occurredOn: on('2026-11-01') },
    { type: 'reassessment.requested', occurredOn: on('2026-11-02') },
    { type: 'reassessment.agreed', occurredOn: on('2026-11-03') },
    { type: 'cease.decided', occurredOn: on('2026-11-04') },
  ],
  'mediation.requested': [{ type: 'assessment.refused', occurredOn: on('2026-02-02') }],
  'mediation.held': [{ type: 'mediation.requested', occurredOn: on('2026-12-01') }],
  'appeal.registered': [{ type: 'plan.issued', occurredOn: on('2026-03-15') }],
  'appeal.decided': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'appeal.registered', occurredOn: on('2026-06-01') },
  ],
  'appeal.concluded': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'appeal.registered', occurredOn: on('2026-06-01') },
  ],
  'appeal.order-made': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'appeal.registered', occurredOn: on('2026-06-01') },
  ],
  'appeal.order-complied': [
    { type: 'plan.issued', occurredOn: on('2026-03-15') },
    { type: 'appeal.registered', occurredOn: on('2026-06-01') },
    { type: 'appeal.order-made', occurredOn: on('2026-11-01') },
  ],
  'case.allocated': [{ type: 'request.received', occurredOn: on('2026-01-05') }],
  'case.reallocated': [
    { type: 'request.received', occurredOn: on('2026-01-05') },
    { type: 'case.allocated', occurredOn: on('2026-01-06') },
  ],
  'views.received': [{ type: 'plan.issued', occurredOn: on('2026-03-15') }],
  'young-person.sharing-recorded': [{ type: 'plan.issued', occurredOn: on('2026-03-15') }],
  'exception.recorded': [{ type: 'request.received', occurredOn: on('2026-01-05') }],
  'step.corrected': [{ type: 'request.received', occurredOn: on('2026-01-05') }],
};

const EVENT_DAY = on('2026-12-10');

/** Recorded only with their reasons, by whom, on the case's decision page: never on the step form. */
/** Recorded only with their notices, on the pages that change a maintained plan. */
const WITH_THEIR_NOTICES = ['amendment.declined', 'plan.ceased'];

const DECISION_PAGE = ['assessment.agreed', 'assessment.refused', 'request.withdrawn', 'plan.agreed', 'plan.refused'];

describe('the catalogue of case events', () => {
  it('declares exactly the events the table above states, in the order of the process', () => {
    expect(CASE_EVENT_TYPES).toEqual(Object.keys(EXPECTED));
  });

  describe.each(CASE_EVENT_TYPES)('%s', (type) => {
    const declaration: CaseEventDeclaration = CASE_EVENTS[type];
    const expected = EXPECTED[type]!;

    it('declares its stage, deadlines and SEN2 meaning as the law gives them', () => {
      expect(declaration.stage).toBe(expected.stage);
      expect(declaration.meets).toEqual(expected.meets);
      expect(declaration.starts.map((start) => [start.deadline, start.from])).toEqual(expected.starts);
      expect(declaration.ends).toEqual(expected.ends);
      expect(declaration.sen2?.field).toBe(expected.sen2);
      expect(declaration.title).not.toBe('');
      expect(declaration.basis).toMatch(/CFA|Regs|Code|GDPR/);
      if (declaration.stage) expect(CASE_STAGES).toContain(declaration.stage);
    });

    it('has the deadlines it declares derived from it', () => {
      const before = BEFORE[type]!;
      const after = caseDeadlines([...before, { type, occurredOn: EVENT_DAY }]);
      const byId = new Map(after.map((deadline) => [deadline.id, deadline]));
      const earlier = new Map(caseDeadlines(before).map((deadline) => [deadline.id, deadline]));
      for (const id of expected.meets) {
        if (expected.ends.includes(id)) continue;
        // A deadline already met keeps the day it was first met.
        expect(byId.get(id)?.met, `${type} meets ${id}`).toBe(earlier.get(id)?.met ?? EVENT_DAY);
      }
      for (const [id] of expected.starts) {
        expect(byId.get(id), `${type} starts ${id}`).toBeDefined();
        expect(byId.get(id)?.met, `${type} starts ${id} unmet`).toBeUndefined();
        expect(byId.get(id)?.duty).toBe(CASE_DEADLINES[id as keyof typeof CASE_DEADLINES].duty);
      }
      for (const id of expected.ends) expect(byId.has(id), `${type} ends ${id}`).toBe(false);
      // Nothing else changes: every other deadline is as it was before the event.
      const untouched = caseDeadlines(before).filter((deadline) => !expected.meets.includes(deadline.id) && !expected.ends.includes(deadline.id) && !expected.starts.some(([id]) => id === deadline.id));
      for (const deadline of untouched) expect(byId.get(deadline.id), `${type} leaves ${deadline.id}`).toEqual(deadline);
    });
  });

  it('offers on the step form every event that moves a case, except the request and the moves between councils (recorded with their own forms), the decisions and withdrawal (recorded on the decision page), and a plan declined to amend or ceased (recorded with their notices)', () => {
    const ownForms = ['request.received', 'transfer-in.recorded', 'transfer-out.plan-sent'];
    expect(RECORDABLE_STEPS.map((step) => step.value)).toEqual(
      CASE_EVENT_TYPES.filter((type) => EXPECTED[type]!.stage && !ownForms.includes(type) && !DECISION_PAGE.includes(type) && !WITH_THEIR_NOTICES.includes(type)),
    );
    expect(STAGE_AFTER_EVENT['assessment.refused']).toBe('closed');
    expect(STAGE_AFTER_EVENT['case.allocated']).toBeUndefined();
    expect(STAGE_AFTER_EVENT['case.reallocated']).toBeUndefined();
  });

  it('keeps the decisions whether to assess (SEND Regs 2014 reg. 5) and after the assessment (reg. 10), and a withdrawal, to the decision page', () => {
    expect(CASE_EVENT_TYPES.filter(isDecisionPageEvent)).toEqual(DECISION_PAGE);
    expect(CASE_EVENT_TYPES.filter(isDecisionEvent)).toEqual(['assessment.agreed', 'assessment.refused', 'plan.agreed', 'plan.refused']);
    for (const type of DECISION_PAGE) expect(RECORDABLE_STEPS.map((step) => step.value)).not.toContain(type);
    expect(STAGE_AFTER_EVENT['request.withdrawn']).toBe('closed');
    expect(STAGE_AFTER_EVENT['plan.refused']).toBe('closed');
    expect(STAGE_AFTER_EVENT['plan.agreed']).toBeUndefined();
  });

  it('records a change of named officer as an event that moves neither the stage nor a deadline (SEND Code of Practice 2015, 9.23)', () => {
    for (const type of ['case.allocated', 'case.reallocated'] as const) {
      expect(CASE_EVENTS[type].basis).toBe('SEND Code of Practice 2015, 9.23');
      expect((CASE_EVENTS[type] as CaseEventDeclaration).formLabel).toBeUndefined();
      expect((CASE_EVENTS[type] as CaseEventDeclaration).correctable).toBeUndefined();
    }
    expect(eventTitle('case.reallocated')).toBe('Named officer changed');
  });

  it('reads an unknown event type as itself, so nothing in a history is hidden', () => {
    expect(eventTitle('plan.issued')).toBe('Final EHC plan issued');
    expect(eventTitle('something.else')).toBe('something.else');
  });
});

describe('moves between councils (SEND Regs 2014 reg. 15)', () => {
  it('SEND Regs 2014 reg. 15: the plan’s sending carries the day worked out with the bank holidays, and sending it meets it and closes the case', () => {
    const deadlines = caseDeadlines([
      { type: 'plan.issued', occurredOn: on('2026-03-15') },
      { type: 'transfer-out.recorded', occurredOn: on('2026-08-24'), payload: { deadlines: { 'transfer-plan': { due: '2026-09-14', basis: 'reg. 15: 15 working days' } } } },
      { type: 'transfer-out.plan-sent', occurredOn: on('2026-09-10') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'transfer-plan')).toMatchObject({ due: '2026-09-14', met: '2026-09-10', basis: 'reg. 15: 15 working days', duty: 'authority' });
    expect(STAGE_AFTER_EVENT['transfer-out.plan-sent']).toBe('closed');
  });

  it('SEND Regs 2014 reg. 15: a plan received on a move starts the 6 weeks to tell the family and the review on the later of the two periods', () => {
    const deadlines = caseDeadlines([
      { type: 'transfer-in.recorded', occurredOn: on('2026-09-01'), payload: { deadlines: { 'review-due': { due: '2027-03-14', basis: 'reg. 15: the later' } } } },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'transfer-notify')?.due).toBe('2026-10-13');
    expect(deadlines.find((deadline) => deadline.id === 'review-due')).toMatchObject({ due: '2027-03-14', basis: 'reg. 15: the later' });
  });

  it('reads a carried deadline that is not a real date as the event’s own day, never as a broken date', () => {
    const deadlines = caseDeadlines([{ type: 'transfer-out.recorded', occurredOn: on('2026-08-24'), payload: { deadlines: { 'transfer-plan': { due: '2026-02-30', basis: 'x' } } } }]);
    expect(deadlines.find((deadline) => deadline.id === 'transfer-plan')?.due).toBe('2026-08-24');
  });
});

describe('mediation and appeals (CFA 2014 s.51; SEND Regs 2014 regs 36-38 and 44)', () => {
  it('HESC r.21 and SEND Regs 2014 reg. 44: the response carries the tribunal letter’s date; the order carries its Regs 44 day, met when carried out', () => {
    const answered = [
      { type: 'assessment.refused', occurredOn: on('2026-02-02') },
      { type: 'appeal.registered', occurredOn: on('2026-04-01'), payload: { deadlines: { 'appeal-response': { due: '2026-05-13', basis: 'the tribunal’s letter' } } } },
      { type: 'appeal.decided', occurredOn: on('2026-05-01') },
    ];
    expect(caseDeadlines(answered).find((deadline) => deadline.id === 'appeal-response')).toMatchObject({ due: '2026-05-13', met: '2026-05-01', basis: 'the tribunal’s letter' });
    const deadlines = caseDeadlines([
      ...answered,
      { type: 'appeal.concluded', occurredOn: on('2026-09-01') },
      { type: 'appeal.order-made', occurredOn: on('2026-09-01'), payload: { deadlines: { 'appeal-order': { due: '2026-12-08', basis: 'reg. 44: 14 weeks' } } } },
      { type: 'appeal.order-complied', occurredOn: on('2026-11-20') },
    ]);
    // The appeal over, its response is no longer a duty the case carries.
    expect(deadlines.some((deadline) => deadline.id === 'appeal-response')).toBe(false);
    expect(deadlines.find((deadline) => deadline.id === 'appeal-order')).toMatchObject({ due: '2026-12-08', met: '2026-11-20', duty: 'authority' });
  });

  it('SEND Regs 2014 regs 36-38: mediation asked for starts the 30 days to arrange it, met when it is held', () => {
    const deadlines = caseDeadlines([
      { type: 'mediation.requested', occurredOn: on('2026-03-02') },
      { type: 'mediation.held', occurredOn: on('2026-03-25') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'mediation-meeting')).toMatchObject({ due: '2026-04-01', met: '2026-03-25' });
  });
});

describe('deadlines each step must meet or end', () => {
  it('Regs 13(1)(a) and 13(2): the final plan closes the family’s 15-day window on the draft', () => {
    const deadlines = caseDeadlines([
      { type: 'request.received', occurredOn: on('2026-01-05') },
      { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
      { type: 'draft.issued', occurredOn: on('2026-04-01') },
      { type: 'plan.issued', occurredOn: on('2026-05-01') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'draft-comments')?.met).toBe('2026-05-01');
  });

  it('Regs 10(1): a final plan recorded with no draft still answers the 16-week no-plan decision', () => {
    const deadlines = caseDeadlines([
      { type: 'request.received', occurredOn: on('2026-01-05') },
      { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
      { type: 'plan.issued', occurredOn: on('2026-04-20') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'no-plan-decision')?.met).toBe('2026-04-20');
  });

  it('Regs 20(3): the review decision closes the meeting’s invitations and advice with the review', () => {
    const deadlines = caseDeadlines([
      { type: 'plan.issued', occurredOn: on('2026-03-15') },
      { type: 'review.scheduled', occurredOn: on('2027-02-01') },
      { type: 'review.decided', occurredOn: on('2027-02-20') },
    ]);
    expect(deadlines.map((deadline) => deadline.id)).toEqual(['review-due']);
  });

  it('Regs 22(2): the amended plan closes the family’s 15 days to comment on the proposed amendments', () => {
    const deadlines = caseDeadlines([
      { type: 'plan.issued', occurredOn: on('2026-03-15') },
      { type: 'amendment.proposed', occurredOn: on('2027-03-01') },
      { type: 'plan.amended', occurredOn: on('2027-03-10') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'amendment-comments')?.met).toBe('2027-03-10');
  });

  it('Regs 10(1): a decision not to issue a plan meets the 16-week decision and ends the 20 weeks to the final plan', () => {
    const deadlines = caseDeadlines([
      { type: 'request.received', occurredOn: on('2026-01-05') },
      { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
      { type: 'plan.refused', occurredOn: on('2026-04-20') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'no-plan-decision')?.met).toBe('2026-04-20');
    expect(deadlines.some((deadline) => deadline.id === 'final-plan')).toBe(false);
  });

  it('Regs 10(1): a decision to issue a plan answers the week-16 question and leaves the 20 weeks running', () => {
    const deadlines = caseDeadlines([
      { type: 'request.received', occurredOn: on('2026-01-05') },
      { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
      { type: 'plan.agreed', occurredOn: on('2026-04-06') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'no-plan-decision')?.met).toBe('2026-04-06');
    expect(deadlines.find((deadline) => deadline.id === 'final-plan')).toMatchObject({ due: '2026-05-25' });
    expect(deadlines.find((deadline) => deadline.id === 'final-plan')?.met).toBeUndefined();
  });

  it('a withdrawn request ends the duties still running, and the decision to assess stays met (SEN2 W)', () => {
    const deadlines = caseDeadlines([
      { type: 'request.received', occurredOn: on('2026-01-05') },
      { type: 'assessment.agreed', occurredOn: on('2026-02-02') },
      { type: 'request.withdrawn', occurredOn: on('2026-03-02') },
    ]);
    expect(deadlines.map((deadline) => [deadline.id, deadline.met])).toEqual([['decision-to-assess', '2026-02-02']]);
  });

  it('Regs 10(1): the no-plan decision cannot start on a case whose request is not recorded', () => {
    const deadlines = caseDeadlines([{ type: 'assessment.agreed', occurredOn: on('2026-02-02') }]);
    expect(deadlines.map((deadline) => deadline.id)).toEqual([]);
  });
});
