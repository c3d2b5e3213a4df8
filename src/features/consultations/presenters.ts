// How consultations and the family's response read on the pages: where each consultation stands
// as a GOV.UK tag, and the choices of the forms.
import {
  CONSULTATION_BASES,
  CONSULTATION_BASIS_INFO,
  PLAN_SECTIONS,
  PLAN_SECTION_TITLES,
  REPRESENTATION_KINDS,
  REPRESENTATION_KIND_INFO,
  type ConsultationStanding,
  type PlanSection,
} from '../../domain/clocks/index.ts';
import { londonDateOf } from '../../lib/clock.ts';
import type { ConsultationView, RepresentationView } from './service.ts';

const days = (count: number) => `${count} ${count === 1 ? 'day' : 'days'}`;

/** Where a consultation stands, as a GOV.UK tag. */
export function standingTag(standing: ConsultationStanding, response?: string | null): { text: string; classes: string } {
  switch (standing.state) {
    case 'overdue':
      return { text: `Overdue by ${days(standing.daysOverdue)}`, classes: 'govuk-tag--red' };
    case 'awaiting':
      return standing.daysRemaining === 0 ? { text: 'Due today', classes: 'govuk-tag--orange' } : { text: 'Awaiting', classes: 'govuk-tag--blue' };
    case 'answered':
      return response === 'cannot-meet-needs' ? { text: 'Cannot meet needs', classes: 'govuk-tag--orange' } : { text: 'Can meet needs', classes: 'govuk-tag--green' };
    case 'withdrawn':
      return { text: 'Withdrawn', classes: 'govuk-tag--grey' };
  }
}

/** A consultation as the case's page shows it. */
export function consultationCard(consultation: ConsultationView) {
  return {
    ...consultation,
    tag: standingTag(consultation.standing, consultation.response),
    awaiting: consultation.status === 'awaiting',
    daysOverdue: consultation.standing.state === 'overdue' ? consultation.standing.daysOverdue : 0,
    answeredLate: consultation.standing.state === 'answered' ? consultation.standing.daysLate : 0,
    lastChasedOn: consultation.lastChasedAt ? londonDateOf(new Date(consultation.lastChasedAt)) : null,
  };
}

/** The family's response, grouped: comments by section (in the plan's order), school preferences, meeting requests. */
export function familyResponse(representations: readonly RepresentationView[]) {
  const comments = PLAN_SECTIONS.map((section: PlanSection) => ({
    section,
    title: PLAN_SECTION_TITLES[section],
    entries: representations.filter((entry) => entry.kind === 'comment' && entry.section === section),
  })).filter((group) => group.entries.length > 0);
  return {
    total: representations.length,
    comments,
    preferences: representations.filter((entry) => entry.kind === 'school-preference'),
    meetings: representations.filter((entry) => entry.kind === 'meeting-request'),
  };
}

export const BASIS_ITEMS = CONSULTATION_BASES.map((basis) => ({ value: basis, text: CONSULTATION_BASIS_INFO[basis].title, hint: CONSULTATION_BASIS_INFO[basis].citation }));

export const KIND_ITEMS = REPRESENTATION_KINDS.map((kind) => ({ value: kind, text: REPRESENTATION_KIND_INFO[kind].title, hint: REPRESENTATION_KIND_INFO[kind].citation }));

export const SECTION_ITEMS = PLAN_SECTIONS.map((section) => ({ value: section, text: PLAN_SECTION_TITLES[section] }));
