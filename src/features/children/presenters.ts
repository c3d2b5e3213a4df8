// The child's record's lists and tables, built as GOV.UK markup in code (ADR 0006).
import type { DeadlineStatusResult } from '../../domain/clocks/status.ts';
import { sen2OutcomeText, type Sen2RequestFacts } from '../../domain/events/index.ts';
import { ETHNICITY_NAMES, type EthnicityCode } from '../../domain/sen2/codes.ts';
import { deadlineTagHtml } from '../../web/deadline-tag.ts';
import { escapeHtml, govukSummaryList, govukTable, govukTagHtml, withSecondaryLine, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate, withLongDates } from '../../web/long-date.ts';
import { childrenPaths } from './paths.ts';

/** A link to a child's record, their name as its text: for every list of children. */
export const childLink = (childId: string, childName: string) => `<a class="govuk-link" dir="auto" href="${escapeHtml(childrenPaths.record(childId))}">${escapeHtml(childName)}</a>`;

export interface CaseDeadlineEntry extends DeadlineStatusResult {
  title: string;
  basis: string;
  dueOn: string;
  duty: string;
}

/**
 * A case's statutory deadlines. The family's own windows (to comment, to appeal) are not the
 * council's to meet, so they show as open or closed rather than as met, late or overdue.
 */
export function caseDeadlinesTable(deadlines: readonly CaseDeadlineEntry[]): TrustedHtml {
  return govukTable({
    caption: 'Deadlines on this case',
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'Deadline' }, { text: 'Due' }, { text: 'Status' }],
    rows: deadlines.map((deadline): TableCell[] => [
      withSecondaryLine(escapeHtml(deadline.title), withLongDates(deadline.basis)),
      { text: longDate(deadline.dueOn) },
      {
        html:
          deadline.duty === 'family'
            ? govukTagHtml({ text: deadline.daysRemaining !== null && deadline.daysRemaining >= 0 ? 'Family’s window open' : 'Family’s window closed', classes: 'govuk-tag--grey' })
            : deadlineTagHtml(deadline),
      },
    ]),
  });
}

export interface ChildRecordSummary {
  child: { dateOfBirth: string; sex?: string; ethnicity?: string | null; preferredName: string | null; upn: string | null; upnUnknown?: string | null; postcode: string | null };
  school?: { name: string; urn: number } | undefined;
  openCase?: { stageName: string; nextAction?: string | undefined; unallocatedSince: string | null; openedOn: string; weight?: { explanation: string } | undefined } | undefined;
  officer?: { name: string } | undefined;
  /** The SEN2 return's outcomes of the open case's request, derived from its history. */
  sen2?: Sen2RequestFacts | undefined;
}

/** The child's record: the open case at a glance. Undefined when no case is open. */
export function caseSummaryList(record: ChildRecordSummary): TrustedHtml | undefined {
  const openCase = record.openCase;
  if (!openCase) return undefined;
  return govukSummaryList([
    { key: 'Stage', value: { text: openCase.stageName } },
    { key: 'Next action', value: { text: openCase.nextAction ?? '' } },
    { key: 'Named officer', value: { text: record.officer ? record.officer.name : `Unallocated since ${longDate(openCase.unallocatedSince)}` } },
    { key: 'Opened', value: { text: longDate(openCase.openedOn) } },
    ...(openCase.weight ? [{ key: 'Caseload weight', value: { text: openCase.weight.explanation } }] : []),
    ...sen2Rows(record.sen2),
  ]);
}

/** The SEN2 return's outcomes of a case's request (RequestOutcome, and AssessmentOutcome once assessed), as the record shows them. */
export function sen2Rows(sen2: Sen2RequestFacts | undefined): { key: string; value: { text: string } }[] {
  if (!sen2) return [];
  return [
    { key: 'SEN2 request outcome', value: { text: withLongDates(sen2OutcomeText(sen2.requestOutcome)) } },
    ...(sen2.assessmentOutcome ? [{ key: 'SEN2 assessment outcome', value: { text: withLongDates(sen2OutcomeText(sen2.assessmentOutcome)) } }] : []),
  ];
}

const SEX_NAMES: Record<string, string> = { F: 'Female', M: 'Male', U: 'Not known' };

/** The child's record: their details. */
export function childDetailsList(record: ChildRecordSummary): TrustedHtml {
  const child = record.child;
  return govukSummaryList([
    { key: 'Date of birth', value: { text: longDate(child.dateOfBirth) } },
    ...(child.sex ? [{ key: 'Sex', value: { text: SEX_NAMES[child.sex] ?? child.sex } }] : []),
    { key: 'Preferred name', value: { text: child.preferredName || 'None given' } },
    { key: 'Ethnicity', value: { text: child.ethnicity ? (ETHNICITY_NAMES[child.ethnicity as EthnicityCode] ?? child.ethnicity) : 'Not recorded' } },
    { key: 'UPN', value: { text: child.upn || (child.upnUnknown ? `Not known (${child.upnUnknown})` : 'Not known') } },
    { key: 'Postcode', value: { text: child.postcode || 'Not known' } },
    { key: 'School or setting', value: { text: record.school ? `${record.school.name} (URN ${record.school.urn})` : 'Not recorded' } },
  ]);
}
