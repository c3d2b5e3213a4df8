// The service's teams: administrators keep them, managers read them.
const id = (value: string) => encodeURIComponent(value);

export type TeamSaved = 'created' | 'changed' | 'members';

export const teamsPaths = {
  list: '/teams',
  newTeam: '/teams/new',
  teamRoute: '/teams/:teamId',
  editRoute: '/teams/:teamId/edit',
  membersRoute: '/teams/:teamId/members',
  team: (teamId: string) => `/teams/${id(teamId)}`,
  teamSaved: (teamId: string, saved: TeamSaved) => `/teams/${id(teamId)}?saved=${saved}`,
  edit: (teamId: string) => `/teams/${id(teamId)}/edit`,
  members: (teamId: string) => `/teams/${id(teamId)}/members`,
} as const;
