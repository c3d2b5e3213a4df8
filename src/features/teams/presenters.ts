// The teams pages' tables, as GOV.UK markup built in code like the service's other lists.
import { escapeHtml, govukTable, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { teamsPaths } from './paths.ts';

const name = (text: string) => `<span dir="auto">${escapeHtml(text)}</span>`;

/** The council's teams: one row a team, with its manager and how many are in it. */
export function teamsTable(teams: readonly { id: string; name: string; managerName: string; members: number }[]): TrustedHtml {
  return govukTable({
    caption: 'Teams',
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'Team' }, { text: 'Manager' }, { text: 'Members', classes: 'govuk-table__header--numeric' }],
    rows:
      teams.length === 0
        ? [[{ text: 'No teams yet.', colspan: 3 }]]
        : teams.map((team): TableCell[] => [
            { html: `<a class="govuk-link" dir="auto" href="${escapeHtml(teamsPaths.team(team.id))}">${escapeHtml(team.name)}</a>` },
            { html: name(team.managerName) },
            { text: String(team.members), classes: 'govuk-table__cell--numeric' },
          ]),
  });
}

/** A team's members. */
export function membersTable(members: readonly { name: string; roleName: string; active: boolean }[]): TrustedHtml {
  return govukTable({
    caption: 'Members',
    captionClasses: 'govuk-table__caption--m',
    head: [{ text: 'Name' }, { text: 'Role' }],
    rows:
      members.length === 0
        ? [[{ text: 'No one is in this team yet.', colspan: 2 }]]
        : members.map((member): TableCell[] => [{ html: `${name(member.name)}${member.active ? '' : ' (deactivated)'}` }, { text: member.roleName }]),
  });
}
