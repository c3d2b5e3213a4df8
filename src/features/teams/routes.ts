import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { teamsPaths, type TeamSaved } from './paths.ts';
import { membersTable, teamsTable } from './presenters.ts';

const SAVED_MESSAGES: Record<TeamSaved, string> = {
  created: 'Team added. Choose its members next.',
  changed: 'Team changed.',
  members: 'Members saved.',
};

type TeamParams = { Params: { teamId: string } };

const chosenOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : []);

const managerItems = (managers: readonly { id: string; name: string; roleName?: string }[], chosen: string | undefined) => [
  { value: '', text: 'Choose a manager' },
  ...managers.map((person) => ({ value: person.id, text: person.name, selected: person.id === chosen })),
];

export async function teamsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get(teamsPaths.list, async (request, reply) => {
    const list = await services.teams.listTeams(request.actor!);
    return reply.page('teams/templates/teams.njk', { list, teamsTable: teamsTable(list.teams) });
  });

  const newTeamContext = async (actor: Actor, chosen: string | undefined) => ({ managerItems: managerItems(await services.teams.managerChoices(actor), chosen) });

  app.get(teamsPaths.newTeam, async (request, reply) => {
    return reply.page('teams/templates/new-team.njk', { values: {}, ...(await newTeamContext(request.actor!, undefined)) });
  });

  app.post(teamsPaths.newTeam, async (request, reply) => {
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => services.teams.createTeam(request.actor!, { name: values.name, manager: values.manager }),
      redirectTo: (created) => teamsPaths.teamSaved(created.id, 'created'),
      template: 'teams/templates/new-team.njk',
      context: () => newTeamContext(request.actor!, values.manager),
      conflictField: 'name',
    });
  });

  app.get<TeamParams & { Querystring: { saved?: string } }>(teamsPaths.teamRoute, async (request, reply) => {
    const found = await services.teams.team(request.actor!, request.params.teamId);
    const saved = request.query.saved;
    return reply.page('teams/templates/team.njk', {
      ...found,
      membersTable: membersTable(found.members),
      saved: saved && Object.hasOwn(SAVED_MESSAGES, saved) ? SAVED_MESSAGES[saved as TeamSaved] : undefined,
    });
  });

  const editContext = async (actor: Actor, teamId: string, chosen?: string) => {
    const found = await services.teams.team(actor, teamId);
    return { ...found, managerItems: managerItems(found.managers, chosen ?? found.team.managerId) };
  };

  app.get<TeamParams>(teamsPaths.editRoute, async (request, reply) => {
    services.teams.requireAdministrator(request.actor!);
    const context = await editContext(request.actor!, request.params.teamId);
    return reply.page('teams/templates/edit-team.njk', { ...context, values: { name: context.team.name, version: String(context.team.version) } });
  });

  app.post<TeamParams>(teamsPaths.editRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { teamId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.teams.changeTeam(request.actor!, teamId, { name: values.name, manager: values.manager, version: values.version }),
      redirectTo: () => teamsPaths.teamSaved(teamId, 'changed'),
      template: 'teams/templates/edit-team.njk',
      context: () => editContext(request.actor!, teamId, values.manager),
      conflictField: 'name',
    });
  });

  const membersContext = async (actor: Actor, teamId: string, chosen?: readonly string[]) => {
    const found = await services.teams.team(actor, teamId);
    const ticked = new Set(chosen ?? found.members.map((member) => member.id));
    return {
      ...found,
      memberItems: found.candidates.map((person) => ({
        value: person.id,
        text: person.name,
        hint: { text: `${person.roleName}${person.teamName && person.teamId !== found.team.id ? `; now in ${person.teamName}: ticking moves them here` : ''}` },
        checked: ticked.has(person.id),
        attributes: { dir: 'auto' },
      })),
    };
  };

  app.get<TeamParams>(teamsPaths.membersRoute, async (request, reply) => {
    services.teams.requireAdministrator(request.actor!);
    const context = await membersContext(request.actor!, request.params.teamId);
    return reply.page('teams/templates/members.njk', { ...context, values: { version: String(context.team.version) } });
  });

  app.post<TeamParams>(teamsPaths.membersRoute, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = formBody(body);
    const chosen = chosenOf(body.members);
    const { teamId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.teams.setMembers(request.actor!, teamId, { members: chosen, version: values.version }),
      redirectTo: () => teamsPaths.teamSaved(teamId, 'members'),
      template: 'teams/templates/members.njk',
      context: () => membersContext(request.actor!, teamId, chosen),
      conflictField: 'members',
    });
  });
}
