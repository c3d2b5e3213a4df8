// The users pages' tables and lists, as GOV.UK markup built in code like the service's other lists.
import { escapeHtml, govukSummaryList, govukTable, govukTagHtml, withSecondaryLine, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate, longMoment } from '../../web/long-date.ts';
import { usersPaths } from './paths.ts';
import type { TokenSummary, UserSummary } from './service.ts';

const statusTag = (user: Pick<UserSummary, 'active'>) => (user.active ? govukTagHtml({ text: 'Active', classes: 'govuk-tag--green' }) : govukTagHtml({ text: 'Deactivated', classes: 'govuk-tag--grey' }));

const userLink = (user: Pick<UserSummary, 'id' | 'name'>) => `<a class="govuk-link" href="${escapeHtml(usersPaths.user(user.id))}">${escapeHtml(user.name)}</a>`;

/** The council's staff: one row a person. */
export function usersTable(users: readonly UserSummary[], caption: string): TrustedHtml {
  return govukTable({
    caption,
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'Name' }, { text: 'Role' }, { text: 'Status' }, { text: 'Last signed in' }],
    rows: users.map((user): TableCell[] => [
      withSecondaryLine(userLink(user), user.email),
      { text: user.roleName },
      { html: statusTag(user) },
      { text: user.lastSignedInAt ? longMoment(user.lastSignedInAt) : 'Never' },
    ]),
  });
}

/** Who the person is and the state of their account. */
export function userDetailsList(user: UserSummary, openCases: number): TrustedHtml {
  return govukSummaryList([
    { key: 'Name', value: { text: user.name } },
    { key: 'E-mail address', value: { text: user.email } },
    { key: 'Role', value: { text: user.roleName } },
    { key: 'Status', value: { html: `${statusTag(user)}${user.deactivatedAt ? ` since ${escapeHtml(longMoment(user.deactivatedAt))}` : ''}` } },
    { key: 'Signs in with', value: { text: user.signsInWithPassword ? 'A password kept by this service' : 'The council’s own sign-in' } },
    ...(user.signsInWithPassword
      ? [{ key: 'Authenticator app', value: { text: user.secondFactorSetUpAt ? `Set up ${longMoment(user.secondFactorSetUpAt)}` : 'Not set up: at their next sign-in' } }]
      : []),
    { key: 'Last signed in', value: { text: user.lastSignedInAt ? longMoment(user.lastSignedInAt) : 'Never' } },
    { key: 'Account created', value: { text: longMoment(user.createdAt) } },
    { key: 'Open cases held', value: { text: String(openCases) } },
    { key: 'Full-time equivalent', value: { text: user.fte } },
    { key: 'Joined the service', value: { text: longDate(user.startedOn) } },
  ]);
}

/** A person's API tokens, newest first, each live one with its way to be revoked. */
export function tokensTable(user: Pick<UserSummary, 'id' | 'name'>, tokens: readonly TokenSummary[]): TrustedHtml {
  return govukTable({
    caption: `API tokens of ${user.name}`,
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'Token' }, { text: 'Issued' }, { text: 'Status' }],
    rows: tokens.map((token): TableCell[] => [
      withSecondaryLine(escapeHtml(token.name), `Starts ${token.prefix}`),
      { text: longMoment(token.createdAt) },
      {
        html: token.revokedAt
          ? `${govukTagHtml({ text: 'Revoked', classes: 'govuk-tag--grey' })}<br><span class="govuk-body-s app-secondary">${escapeHtml(longMoment(token.revokedAt))}</span>`
          : `${govukTagHtml({ text: 'Live', classes: 'govuk-tag--green' })}<br><a class="govuk-link" href="${escapeHtml(usersPaths.revokeToken(user.id, token.id))}">Revoke<span class="govuk-visually-hidden"> ${escapeHtml(token.name)}</span></a>`,
      },
    ]),
  });
}
