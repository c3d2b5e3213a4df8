// What each notice of a change to a plan says, in the fields the letters' templates take: dates
// as the letter reads them, the changes section by section. Pure: the service resolves the
// recipient and queues the letter in the change's own transaction.
import type { IsoDate } from '../../domain/calendar/index.ts';
import { CEASE_REASONS, type CeaseReason } from '../../domain/clocks/index.ts';
import type { SectionDifference } from '../../domain/plans/index.ts';
import { longDate } from '../../web/long-date.ts';

const CHANGE_WORDS = { added: 'added', removed: 'removed', changed: 'changed' } as const;

/** The changes as a letter's list: "- Section F (Special educational provision), F1: changed (How often)". */
export function changesList(sections: readonly SectionDifference[]): string {
  return sections
    .flatMap((section) =>
      section.items.map((item) => {
        const fields = item.change === 'changed' && item.fields.length > 0 ? ` (${item.fields.map((field) => field.label).join(', ')})` : '';
        return `- ${section.heading}, ${item.reference}: ${CHANGE_WORDS[item.change]}${fields}`;
      }),
    )
    .join('\n');
}

export function amendmentNoticeFields(facts: { noticeOn: IsoDate; sections: readonly SectionDifference[]; commentsBy: IsoDate; amendedPlanBy: IsoDate }): Record<string, string> {
  return { noticeOn: longDate(facts.noticeOn), proposedChanges: changesList(facts.sections), commentsBy: longDate(facts.commentsBy), amendedPlanBy: longDate(facts.amendedPlanBy) };
}

export function amendedPlanFields(facts: { issuedOn: IsoDate; sections: readonly SectionDifference[]; appealBy: IsoDate; mediationBy: IsoDate }): Record<string, string> {
  return { issuedOn: longDate(facts.issuedOn), changes: changesList(facts.sections), appealBy: longDate(facts.appealBy), mediationBy: longDate(facts.mediationBy) };
}

/** A refusal with its reasons and the right of appeal: not to amend, not to re-assess. */
export function refusalFields(facts: { decidedOn: IsoDate; reasons: string; appealBy: IsoDate; mediationBy: IsoDate }): Record<string, string> {
  return { decisionDate: longDate(facts.decidedOn), reasons: facts.reasons, appealBy: longDate(facts.appealBy), mediationBy: longDate(facts.mediationBy) };
}

export function ceaseDecisionFields(facts: { decidedOn: IsoDate; reasonCode: CeaseReason; reasons: string; appealBy: IsoDate; mediationBy: IsoDate; ceasesOn: IsoDate }): Record<string, string> {
  return {
    decisionDate: longDate(facts.decidedOn),
    ceaseReason: CEASE_REASONS[facts.reasonCode].replace(/\.$/, ''),
    reasons: facts.reasons,
    appealBy: longDate(facts.appealBy),
    mediationBy: longDate(facts.mediationBy),
    ceasesOn: longDate(facts.ceasesOn),
  };
}

export function reassessmentAgreedFields(facts: { decidedOn: IsoDate; finalPlanBy: IsoDate }): Record<string, string> {
  return { decisionDate: longDate(facts.decidedOn), finalPlanBy: longDate(facts.finalPlanBy) };
}
