// What the decision page, the agenda and the forms show: the decision file and the agenda in the
// shape the templates take, and the choices each form offers.
import { sen2OutcomeText, type Sen2Outcome } from '../../domain/events/index.ts';
import { longDate, withLongDates } from '../../web/long-date.ts';
import type { DecisionFile } from './decisions-service.ts';
import type { Agenda, PanelSummary } from './panels-service.ts';
import {
  ASKED_PARTIES,
  OUTCOME_NAMES,
  OUTCOMES,
  PARTY_NAMES,
  QUESTION_NAMES,
  RECOMMENDATION_NAMES,
  RECOMMENDATIONS_FOR,
  VIEWS_PARTIES,
  WITHDRAWN_BY,
  WITHDRAWN_BY_NAMES,
  type Question,
  type Recommendation,
} from './terms.ts';

interface RadioItem {
  value: string;
  text: string;
  checked: boolean;
  hint?: { text: string };
}

const WAITING_FOR: Record<Question, string> = {
  assess: 'The decision whether to assess',
  'issue-plan': 'The decision after the assessment: whether to issue an EHC plan',
};

/** A SEN2 outcome as the page says it: "Y (yes), 5 October 2026". */
export function sen2Text(outcome: Sen2Outcome | null): string {
  return withLongDates(sen2OutcomeText(outcome));
}

export function recommendationText(recommendation: Recommendation | null): string {
  return recommendation ? RECOMMENDATION_NAMES[recommendation] : 'Not yet recorded';
}

/** The decision page: the file, each decision with its words, and which of the next steps are open to this viewer. */
export function decisionPage(file: DecisionFile) {
  const open = file.closedOn === null;
  const decisionOf = (question: Question) => file.decisions.filter((decision) => decision.question === question && decision.standing).at(-1);
  const withText = (decision: DecisionFile['decisions'][number] | undefined) =>
    decision && {
      ...decision,
      outcomeText: OUTCOME_NAMES[decision.outcome],
      recommendationText: decision.panel ? `${recommendationText(decision.panel.recommendation)} (${decision.panel.title}, ${longDate(decision.panel.heldOn)})` : undefined,
    };
  const recommendation = file.waitingOn ? file.panels.filter((panel) => panel.question === file.waitingOn && panel.recommendation).at(-1) : undefined;
  return {
    file,
    assessDecision: withText(decisionOf('assess')),
    planDecision: withText(decisionOf('issue-plan')),
    /** Decisions a correction has withdrawn as recorded in error: kept, struck through. */
    withdrawnDecisions: file.decisions.filter((decision) => !decision.standing).map((decision) => ({ ...decision, outcomeText: OUTCOME_NAMES[decision.outcome] })),
    panels: file.panels.map((panel) => ({ ...panel, questionText: QUESTION_NAMES[panel.question], recommendationText: recommendationText(panel.recommendation) })),
    views: {
      asked: file.viewsAsked.map((entry) => ({ ...entry, partyText: PARTY_NAMES[entry.party] })),
      received: file.viewsReceived.map((entry) => ({ ...entry, partyText: PARTY_NAMES[entry.party] })),
    },
    sen2: {
      requestOutcome: sen2Text(file.sen2.requestOutcome),
      assessmentOutcome: sen2Text(file.sen2.assessmentOutcome),
    },
    waitingText: file.waitingOn ? WAITING_FOR[file.waitingOn] : undefined,
    withdrawnByText: file.withdrawal ? WITHDRAWN_BY_NAMES[file.withdrawal.withdrawnBy] : undefined,
    latestRecommendation: recommendation ? { ...recommendation, text: recommendationText(recommendation.recommendation) } : undefined,
    /** No one on the record a notice could be sent to. */
    noRecipient: !file.parents.some((parent) => parent.reachable),
    next: {
      bringToPanel: open && file.waitingOn !== null,
      askForViews: open,
      recordViews: open,
      decideWhetherToAssess: file.waitingOn === 'assess' && file.mayDecide,
      decideAfterAssessment: file.waitingOn === 'issue-plan' && file.mayDecide,
      withdraw: open && file.waitingOn !== null,
    },
  };
}

/** The agenda's entries with what each shows: the child (or that the record is restricted), the question, the recommendation. */
export function agendaEntries(agenda: Agenda) {
  return agenda.entries.map((entry) => ({
    ...entry,
    questionText: QUESTION_NAMES[entry.question],
    recommendationText: entry.recommendation ? RECOMMENDATION_NAMES[entry.recommendation] : undefined,
    decisionText: entry.decision ? `${entry.decision.outcome === 'agree' ? OUTCOME_NAMES[OUTCOMES[entry.question][0]] : OUTCOME_NAMES[OUTCOMES[entry.question][1]]}, ${longDate(entry.decision.decidedOn)}` : undefined,
    /** The panel has met and not yet recommended on this case: the form is shown. */
    awaitingRecommendation: agenda.met && entry.recommendation === null,
    recommendations: RECOMMENDATIONS_FOR[entry.question].map((value) => ({ value, text: RECOMMENDATION_NAMES[value] })),
  }));
}

/** The panels a case can be brought to, as radios: the day and the name. */
export function panelChoices(panels: readonly PanelSummary[], chosen: string | undefined): RadioItem[] {
  return panels.map((panel) => ({
    value: panel.id,
    text: `${longDate(panel.heldOn)}: ${panel.title}`,
    hint: { text: `${panel.cases === 1 ? '1 case' : `${panel.cases} cases`} on the agenda` },
    checked: chosen === panel.id,
  }));
}

/** Whose views: to ask for (the parent or the school, by letter) or to record (the young person's too). */
export function partyItems(purpose: 'ask' | 'record', chosen: string | undefined, file: Pick<DecisionFile, 'school' | 'parents'>): RadioItem[] {
  const parties = purpose === 'ask' ? ASKED_PARTIES : VIEWS_PARTIES;
  const mainContact = file.parents[0];
  return parties.map((party) => {
    const hint = party === 'school' ? (file.school ?? 'No school or setting is recorded for the child') : party === 'parent' ? (mainContact ? `${mainContact.name}, the main contact` : 'No parent or carer is on the record') : undefined;
    return { value: party, text: PARTY_NAMES[party], checked: chosen === party, ...(hint ? { hint: { text: hint } } : {}) };
  });
}

/** A decision's two outcomes, as radios, in the question's words. */
export function outcomeItems(question: Question, chosen: string | undefined): RadioItem[] {
  const hints: Record<string, string> = {
    assess: 'The case moves to the assessment. The family are sent the notice of the decision.',
    'do-not-assess': 'The case closes. The family are sent the notice with their right of appeal and its time limits, mediation, and where to get advice.',
    'issue-plan': 'A draft plan follows. The family are told the plan will be drafted.',
    'do-not-issue-plan': 'The case closes. The family are sent the notice with their right of appeal and its time limits.',
  };
  return OUTCOMES[question].map((value) => ({ value, text: OUTCOME_NAMES[value], checked: chosen === value, hint: { text: hints[value]! } }));
}

export function withdrawnByItems(chosen: string | undefined): RadioItem[] {
  return WITHDRAWN_BY.map((value) => ({ value, text: WITHDRAWN_BY_NAMES[value], checked: chosen === value }));
}
