// What the changes' pages show: the plan's state in words, each change's clocks as rows, the
// parties and the CeaseReason codes as form items.
import { CEASE_REASONS } from '../../domain/clocks/index.ts';
import type { Deadline } from '../../domain/clocks/index.ts';
import { longDate, withLongDates } from '../../web/long-date.ts';
import { APPEAL_OUTCOMES, KIND_NAMES, PARTIES, PARTY_NAMES, REQUESTED_BY, REQUESTED_BY_NAMES, type ChangeView, type Party } from './service.ts';

export const STATE_NAMES = { 'being-made': 'Being made: the final plan is not issued yet', maintained: 'Maintained', ceased: 'Ceased' } as const;

const APPEAL_OUTCOME_NAMES = { upheld: 'The decision to cease was upheld (or the appeal withdrawn): the plan ceases the next day', 'plan-kept': 'The tribunal ordered the plan to be kept' } as const;

export function deadlineRows(deadlines: readonly Deadline[], today: string) {
  return deadlines.map((deadline) => ({
    key: { text: deadline.title },
    value: { html: `<strong>${longDate(deadline.due)}</strong>${deadline.due < today ? ' (passed)' : ''}<br><span class="govuk-body-s">${escapeHtml(withLongDates(deadline.basis))}</span>` },
  }));
}

export function partyItems(chosen: string | undefined, parties: readonly Party[] = PARTIES) {
  return parties.map((party) => ({ value: party, text: PARTY_NAMES[party], checked: chosen === party }));
}

export function ceaseReasonItems(chosen: string | undefined) {
  return Object.entries(CEASE_REASONS).map(([code, text]) => ({ value: code, text: `${code}: ${text}`, checked: chosen === code }));
}

export function requestedByItems(chosen: string | undefined) {
  return REQUESTED_BY.map((value) => ({ value, text: REQUESTED_BY_NAMES[value], checked: chosen === value }));
}

export function appealOutcomeItems(chosen: string | undefined) {
  return APPEAL_OUTCOMES.map((value) => ({ value, text: APPEAL_OUTCOME_NAMES[value], checked: chosen === value }));
}

export function changeTitle(view: Pick<ChangeView, 'kind'>): string {
  return KIND_NAMES[view.kind];
}

export const partyName = (party: string) => PARTY_NAMES[party as Party] ?? party;

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
