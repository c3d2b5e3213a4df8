// Words and form items for the contacts' pages, in the council's own words, and the report as CSV.
import { stringify } from 'csv-stringify/sync';
import {
  COMPLAINT_OUTCOME_NAMES,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STAGE_NAMES,
  COMPLAINT_THEME_NAMES,
  COMPLAINT_THEMES,
  CONTACT_CHANNEL_NAMES,
  CONTACT_CHANNELS,
  CONTACT_KIND_NAMES,
  CONTACT_KINDS,
  CONTACT_SOURCE_NAMES,
  CONTACT_SOURCES,
  REMEDY_KIND_NAMES,
  REMEDY_KINDS,
} from '../../domain/contacts/contacts.ts';
import type { ContactsReport } from './service.ts';

export const NAMES = {
  kind: CONTACT_KIND_NAMES as Record<string, string>,
  channel: CONTACT_CHANNEL_NAMES as Record<string, string>,
  source: CONTACT_SOURCE_NAMES as Record<string, string>,
  theme: COMPLAINT_THEME_NAMES as Record<string, string>,
  stage: COMPLAINT_STAGE_NAMES as Record<string, string>,
  outcome: COMPLAINT_OUTCOME_NAMES as Record<string, string>,
  remedy: REMEDY_KIND_NAMES as Record<string, string>,
};

type Item = { value: string; text: string; checked?: boolean; selected?: boolean };

const radios = (values: readonly string[], names: Record<string, string>, chosen: string | undefined): Item[] => values.map((value) => ({ value, text: names[value] ?? value, checked: chosen === value }));
const options = (values: readonly string[], names: Record<string, string>, chosen: string | undefined, any = 'Any'): Item[] => [
  { value: '', text: any, selected: !chosen },
  ...values.map((value) => ({ value, text: names[value] ?? value, selected: chosen === value })),
];

export const kindItems = (chosen?: string) => radios(CONTACT_KINDS, NAMES.kind, chosen);
export const channelItems = (chosen?: string) => radios(CONTACT_CHANNELS, NAMES.channel, chosen);
export const sourceItems = (chosen?: string) => radios(CONTACT_SOURCES, NAMES.source, chosen);
export const themeOptions = (chosen?: string, any = 'Choose a theme') => options(COMPLAINT_THEMES, NAMES.theme, chosen, any);
export const outcomeItems = (chosen?: string) => radios(COMPLAINT_OUTCOMES, NAMES.outcome, chosen);
export const remedyItems = (chosen?: string) => radios(REMEDY_KINDS, NAMES.remedy, chosen);
export const kindOptions = (chosen?: string) => options(CONTACT_KINDS, NAMES.kind, chosen);
export const outcomeOptions = (chosen?: string) => options(COMPLAINT_OUTCOMES, NAMES.outcome, chosen);

export function ownerOptions(owners: readonly { id: string; name: string }[], chosen: string | undefined, first: Item | undefined = undefined): Item[] {
  return [...(first ? [first] : []), ...owners.map((owner) => ({ value: owner.id, text: owner.name, selected: chosen === owner.id }))];
}

/** £1,234.50 from pence. */
export function pounds(pence: number | null): string {
  if (pence === null) return '';
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: pence % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 })}`;
}

const CSV_HEADER = ['Month', 'Measure', 'Kind', 'Count'] as const;

/** The report's figures as rows a spreadsheet can pivot: one per month, measure and kind. */
export function reportCsv(report: ContactsReport): string {
  const records: (string | number)[][] = [];
  for (const month of report.months) {
    for (const row of report.volumes.filter((entry) => entry.month === month)) {
      const kind = NAMES.kind[row.kind] ?? row.kind;
      records.push([month, 'Received', kind, row.received], [month, 'Answered', kind, row.answered], [month, 'Answered within the deadline', kind, row.answeredWithinDeadline]);
    }
    for (const outcome of COMPLAINT_OUTCOMES) records.push([month, 'Complaint outcome', NAMES.outcome[outcome]!, report.outcomes.find((entry) => entry.month === month && entry.outcome === outcome)?.total ?? 0]);
    for (const theme of COMPLAINT_THEMES) records.push([month, 'Complaint theme', NAMES.theme[theme]!, report.themes.find((entry) => entry.month === month && entry.theme === theme)?.total ?? 0]);
  }
  return stringify(records, { bom: true, header: true, columns: [...CSV_HEADER], escape_formulas: true, record_delimiter: 'windows' });
}
