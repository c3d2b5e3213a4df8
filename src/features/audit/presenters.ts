// The audit trails' tables: each entry of the logs said in words, with the names it mentions linked
// to their own trails. Built as GOV.UK markup in code like the service's other lists.
import { eventTitle } from '../../domain/events/index.ts';
import { escapeHtml, govukTable, withSecondaryLine, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longMoment } from '../../web/long-date.ts';
import { auditPaths } from './paths.ts';
import type { Named, TrailEntry } from './service.ts';

const ACTIONS: Record<string, string> = {
  'child.created': 'Added the child',
  'child.updated': 'Changed the child’s details',
  'request.recorded': 'Recorded a request for an EHC needs assessment',
  'case.step-recorded': 'Recorded a step',
  'case.exception-recorded': 'Recorded an exception to the time limits',
  'case.event-corrected': 'Corrected a step',
  'decision.recorded': 'Recorded a decision',
  'request.withdrawn': 'Recorded that the request was withdrawn',
  'views.asked': 'Asked for views on the request',
  'views.recorded': 'Recorded views on the request',
  'panel.created': 'Arranged a decision-making panel',
  'panel.case-brought': 'Brought the case to a panel',
  'panel.recommendation-recorded': 'Recorded a panel’s recommendation',
  'staff.signed-in': 'Signed in',
  'staff.signed-out': 'Signed out',
  'staff.password-accepted': 'Entered their password (the second factor still owed)',
  'staff.second-factor-set-up': 'Set up their authenticator app',
  'staff.second-factor-wrong': 'Entered a wrong code from an authenticator app',
  'staff.second-factor-reset': 'Reset the second factor of an account',
  'staff.signed-out-everywhere': 'Signed out everywhere',
  'staff.password-changed': 'Changed their own password',
  'staff.password-set': 'Set a new password for an account',
  'staff.created': 'Created an account',
  'staff.role-changed': 'Changed the role of an account',
  'staff.deactivated': 'Deactivated an account',
  'staff.reactivated': 'Reactivated an account',
  'api-token.issued': 'Issued an API token',
  'api-token.revoked': 'Revoked an API token',
  'contact.logged': 'Logged a contact or complaint',
  'contact.responded': 'Recorded the response to a contact',
  'contact.stage-responded': 'Recorded a complaint’s response and outcome',
  'contact.escalated': 'Escalated a complaint to stage 2',
  'contact.ombudsman-referral': 'Recorded the Ombudsman’s referral of a complaint',
  'contact.ombudsman-decision': 'Recorded the Ombudsman’s final decision',
  'contact.remedy-added': 'Recorded a remedy for a complaint',
  'contact.action-done': 'Recorded a complaint’s action as done',
  'contact.closed': 'Closed a complaint',
  'contact.policy-set': 'Set the response times for contacts and complaints',
};

const VIEWS: Record<string, string> = {
  record: 'Viewed the record',
  'api:child': 'Read the record through the API',
  edit: 'Opened the form to change the child’s details',
  'new-request': 'Opened the form to record a request',
  'step-form': 'Opened the form to record a step',
  correction: 'Opened a step to correct it',
  'correction-form': 'Opened the form to correct a step',
  'audit-trail': 'Read the record’s audit trail',
  decisions: 'Opened the case’s decisions',
  'api:decisions': 'Read the case’s decisions through the API',
  'decision-form': 'Opened the form to record a decision',
  'views-form': 'Opened a form about views on the request',
  'withdrawal-form': 'Opened the form to record a withdrawal',
  'bring-to-panel-form': 'Opened the form to bring the case to a panel',
  'outbox-message': 'Read a message about the child in the outbox',
  contact: 'Opened a contact or complaint about the child',
  'api:contact': 'Read a contact or complaint about the child through the API',
  'contact-new': 'Opened the form to log a contact about the child',
  'audit:access-log': 'Read who viewed the record, in the access log',
  'subject-access': 'Exported everything held about the child (subject access request)',
};

const LISTS: Record<string, string> = {
  search: 'Searched',
  'api:search': 'Searched through the API',
  worklist: 'Opened My cases',
  'api:worklist': 'Read My cases through the API',
  'team-deadlines': 'Opened the team’s deadlines',
  team: 'Opened the team’s page',
  unallocated: 'Opened the unallocated queue',
  'audit:staff': 'Read the audit trail of a member of staff',
  panel: 'Opened a panel’s agenda',
  'api:panel': 'Read a panel’s agenda through the API',
  outbox: 'Opened the outbox',
  'outbox-dead-letters': 'Opened the messages that could not be sent',
  contacts: 'Opened the register of contacts and complaints',
  'audit:access-search': 'Looked a child up in the access log',
  'audit:access-staff': 'Read the records a member of staff viewed, in the access log',
  'audit:unusual-access': 'Read the report of unusual access',
};

/** A decision's outcome and a panel's recommendation, in words. */
const OUTCOMES: Record<string, string> = {
  assess: 'Assess',
  'do-not-assess': 'Do not assess',
  'issue-plan': 'Issue an EHC plan',
  'do-not-issue-plan': 'Do not issue an EHC plan',
  defer: 'Defer',
};

const own = (table: Record<string, string>, key: string | null) => (key !== null && Object.hasOwn(table, key) ? table[key] : undefined);

/** What happened, in words. */
export function describeEntry(entry: TrailEntry): string {
  if (entry.kind === 'change') return own(ACTIONS, entry.action) ?? entry.action ?? 'A change';
  if (entry.kind === 'view') {
    if (entry.view?.startsWith('refused:')) return 'Was refused the record: it is restricted';
    if (entry.view?.startsWith('document:')) return 'Downloaded a document';
    if (entry.view?.startsWith('subject-access:')) return 'Exported a document in a subject access request';
    return own(VIEWS, entry.view) ?? `Opened the record (${entry.view ?? 'view'})`;
  }
  const list = own(LISTS, entry.view) ?? `Was shown a list (${entry.view ?? 'list'})`;
  const shown = entry.childCount === null ? '' : `: shown ${entry.childCount === 1 ? '1 child' : `${entry.childCount} children`}`;
  const searched = entry.query !== null && entry.view !== 'audit:staff' && entry.view !== 'audit:access-staff' ? ` for “${entry.query}”` : '';
  return `${list}${searched}${shown}`;
}

const FIELD_NAMES: Record<string, string> = {
  forename: 'first name',
  surname: 'last name',
  preferredName: 'preferred name',
  upn: 'UPN',
  postcode: 'postcode',
  role: 'role',
  active: 'active',
  revokedAt: 'revoked',
};

const valueText = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return 'none';
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return typeof value === 'string' ? value : JSON.stringify(value);
};

const isChange = (value: unknown): value is { from: unknown; to: unknown } => typeof value === 'object' && value !== null && 'from' in value && 'to' in value;

/** The details the log keeps for a change, in words: each change from what to what, and the step's name. */
export function describeDetails(entry: TrailEntry): string {
  const details = entry.details ?? {};
  const parts: string[] = [];
  if (typeof details.type === 'string') parts.push(eventTitle(details.type));
  if (typeof details.outcome === 'string') parts.push(own(OUTCOMES, details.outcome) ?? details.outcome);
  if (typeof details.recommendation === 'string') parts.push(own(OUTCOMES, details.recommendation) ?? details.recommendation);
  const changes = typeof details.changes === 'object' && details.changes !== null ? (details.changes as Record<string, unknown>) : details;
  for (const [field, value] of Object.entries(changes)) {
    if (isChange(value)) parts.push(`${FIELD_NAMES[field] ?? field}: ${valueText(value.from)} → ${valueText(value.to)}`);
  }
  if (typeof details.sessionsEnded === 'number' && details.sessionsEnded > 0) parts.push(`${details.sessionsEnded} session${details.sessionsEnded === 1 ? '' : 's'} ended`);
  if (Array.isArray(details.tokensRevoked) && details.tokensRevoked.length > 0) parts.push(`${details.tokensRevoked.length} API token${details.tokensRevoked.length === 1 ? '' : 's'} revoked`);
  return parts.join('; ');
}

const staffLink = (staff: Named) => `<a class="govuk-link" href="${escapeHtml(auditPaths.staff(staff.id))}">${escapeHtml(staff.name)}</a>`;
const childTrailLink = (child: Named) => `<a class="govuk-link" href="${escapeHtml(auditPaths.child(child.id))}">${escapeHtml(child.name)}</a>`;

/** Who acted: a member of staff (and the token they used), or the service itself. */
function whoHtml(entry: TrailEntry): string {
  const { staff, token, system } = entry.actor;
  if (staff) return `${staffLink(staff)}${token ? `<br><span class="govuk-body-s app-secondary">through the API token “${escapeHtml(token.name)}”</span>` : ''}`;
  return escapeHtml(system === 'seed' ? 'The service (demo data)' : system === 'cli' ? 'The command line' : `The service (${system ?? 'unknown'})`);
}

/** What an entry was about: a child (linked to their trail), a member of staff, or a token. */
function subjectHtml(entry: TrailEntry): string {
  if (entry.child) return entry.child.reference ? `${childTrailLink(entry.child)}<br><span class="govuk-body-s app-secondary">${escapeHtml(entry.child.reference)}</span>` : childTrailLink(entry.child);
  if (entry.staff) return staffLink(entry.staff);
  if (entry.token) return `API token “${escapeHtml(entry.token.name)}”`;
  return '';
}

const whatCell = (entry: TrailEntry): TableCell => {
  const details = describeDetails(entry);
  return details ? withSecondaryLine(escapeHtml(describeEntry(entry)), details) : { text: describeEntry(entry) };
};

const whenCell = (entry: TrailEntry): TableCell => ({ text: longMoment(entry.at) });

const empty = (columns: number): TableCell[][] => [[{ text: 'Nothing in these dates.', colspan: columns }]];

/** What one member of staff did: when, what, and to or about what. */
export function staffTrailTable(caption: string, entries: readonly TrailEntry[]): TrustedHtml {
  return govukTable({
    caption,
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'When' }, { text: 'What' }, { text: 'About' }],
    rows: entries.length === 0 ? empty(3) : entries.map((entry): TableCell[] => [whenCell(entry), whatCell(entry), { html: `${subjectHtml(entry)}${entry.actor.token ? `<br><span class="govuk-body-s app-secondary">through the API token “${escapeHtml(entry.actor.token.name)}”</span>` : ''}` }]),
  });
}

/** Who viewed or changed a child's record: when, who, and what. */
export function childTrailTable(caption: string, entries: readonly TrailEntry[]): TrustedHtml {
  return govukTable({
    caption,
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'When' }, { text: 'Who' }, { text: 'What' }],
    rows: entries.length === 0 ? empty(3) : entries.map((entry): TableCell[] => [whenCell(entry), { html: whoHtml(entry) }, whatCell(entry)]),
  });
}
