import { REVIEW_DECISION_TITLES, REVIEW_DECISIONS } from '../../domain/clocks/index.ts';
import { fileSize } from '../../web/file-size.ts';
import { escapeHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import { documentsPaths } from '../documents/index.ts';
import { reviewsPaths } from './paths.ts';
import { INVITEE_ROLES, type ReviewStatus, type ReviewView } from './service.ts';

export const STATUS_WORDS: Record<ReviewStatus, string> = {
  arranged: 'Meeting arranged',
  held: 'Meeting held',
  reported: 'Report received',
  decided: 'Decided',
};

const STATUS_CLASSES: Record<ReviewStatus, string> = {
  arranged: 'govuk-tag--blue',
  held: 'govuk-tag--yellow',
  reported: 'govuk-tag--purple',
  decided: 'govuk-tag--green',
};

export const ROLE_ITEMS = Object.entries(INVITEE_ROLES).map(([value, text]) => ({ value, text }));

export const DECISION_ITEMS = REVIEW_DECISIONS.map((value) => ({
  value,
  text: REVIEW_DECISION_TITLES[value],
  hint:
    value === 'maintain'
      ? 'The plan stays as it is; the next review is due within 12 months'
      : value === 'amend'
        ? 'The notice gives the right of appeal; the proposed amendments follow within the same 4 weeks (Regulations 22)'
        : 'The notice gives the right of appeal; the plan is maintained until any appeal ends (CFA 2014 s.45(4))',
}));

type CardRow = { key: { text: string }; value: { text: string } | { html: string } };
const row = (key: string, value: string): CardRow => ({ key: { text: key }, value: { text: value } });

/** A review as its card and its forms show it: what happened, and what can be recorded next. */
export function reviewCard(review: ReviewView) {
  const rows: CardRow[] = [
    row('Meeting', `${longDate(review.meetingOn)}, ${review.meetingPlace}`),
    row('Held by', review.headTeacherHolds ? 'The head teacher (the council requires it)' : 'The council'),
    row('Invited', `${longDate(review.invitedOn)}: the family${review.invitees.length ? `, ${review.invitees.map((invitee) => invitee.name).join(', ')}` : ''}`),
    row('Advice to everyone invited by', longDate(review.adviceBy)),
  ];
  if (review.shortNoticeReason) rows.push(row('Short notice, because', review.shortNoticeReason));
  if (review.childViews) rows.push(row('The child’s views', review.childViews));
  if (review.familyViews) rows.push(row('The family’s views', review.familyViews));
  if (review.heldOn) rows.push(row('Held', longDate(review.heldOn)));
  if (review.reportDueOn && !review.reportReceivedOn) rows.push(row('Report due by', longDate(review.reportDueOn)));
  if (review.reportReceivedOn) rows.push(row('Report received', `${longDate(review.reportReceivedOn)}${review.reportSummary ? `: ${review.reportSummary}` : ''}`));
  const report = review.reportDocument;
  if (report) {
    rows.push({
      key: { text: 'Report document' },
      value: {
        html:
          `<a class="govuk-link" href="${escapeHtml(documentsPaths.download(report.id))}" download><span dir="auto">${escapeHtml(report.title)}</span></a>` +
          `<br><span class="govuk-body-s"><span dir="auto">${escapeHtml(report.filename)}</span>, ${escapeHtml(report.typeName)}, ${escapeHtml(fileSize(report.sizeBytes))}` +
          `${report.sentBy ? `, sent by <span dir="auto">${escapeHtml(report.sentBy)}</span> through the school portal` : ''}</span>`,
      },
    });
  }
  if (review.decisionDueOn && !review.decidedOn) rows.push(row('Decision due by', longDate(review.decisionDueOn)));
  if (review.decidedOn && review.decisionTitle) rows.push(row('Decision', `${review.decisionTitle}, ${longDate(review.decidedOn)}${review.decisionLetterId ? ', notice sent' : ', no one on the record to send the notice to'}`));
  if (review.decisionReasons) rows.push(row('Reasons', review.decisionReasons));
  if (review.lateReason) rows.push(row('Late, because', review.lateReason));
  const open = review.status !== 'decided';
  const actions: { text: string; href: string }[] = [];
  if (open) actions.push({ text: 'Record the child’s and family’s views', href: reviewsPaths.views(review.id) });
  if (review.status === 'arranged') actions.push({ text: 'Record the meeting held', href: reviewsPaths.held(review.id) });
  if (review.status === 'held') actions.push({ text: 'Record the review report', href: reviewsPaths.report(review.id) });
  if (review.status === 'held' || review.status === 'reported') actions.push({ text: 'Record the decision', href: reviewsPaths.decision(review.id) });
  if (review.nextStep) actions.push({ text: review.nextStep.decision === 'amend' ? 'Propose the amendments' : 'Go on to cease the plan', href: review.nextStep.href });
  return { id: review.id, meetingOn: review.meetingOn, statusText: STATUS_WORDS[review.status], statusClass: STATUS_CLASSES[review.status], rows, actions, open, version: review.version };
}
