import { z } from 'zod';
import type { Database, Transaction } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit } from '../audit/index.ts';
import { MANAGER_ROLES, hasRole, requireRole, ROLE_NAMES, type Actor, type StaffRole } from '../auth/index.ts';
import * as teamsRepository from './repository.ts';

const UUID = z.uuid();
const VERSION = z.coerce.number().int().min(1).max(2_147_483_647);
const NAME_MAX = 100;

/** Who may manage a team: a team manager, or a service lead (the head of service) managing one. */
export const TEAM_MANAGER_ROLES: readonly StaffRole[] = ['team_manager', 'service_lead'];

export interface TeamInput {
  name?: string | undefined;
  manager?: string | undefined;
  version?: string | number | undefined;
}

/**
 * The service's teams. Administrators create them, rename them, set their manager and their
 * members; managers read them. A person is in one team at most; a team's manager is an active team
 * manager or service lead of the same council.
 */
export class TeamsService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Only administrators change teams: the forms' pages ask before showing a form. */
  requireAdministrator(actor: Actor): void {
    requireRole(actor, 'admin');
  }

  /** Every team of the council, by name, with its manager and its size. */
  async listTeams(actor: Actor) {
    requireRole(actor, ...MANAGER_ROLES);
    const teams = await teamsRepository.listTeams(this.db, actor.authorityId);
    return { teams, canChange: hasRole(actor, 'admin') };
  }

  /** One team with its members, and who may be a member or its manager (for the forms). */
  async team(actor: Actor, teamId: string) {
    requireRole(actor, ...MANAGER_ROLES);
    const found = UUID.safeParse(teamId).success ? await teamsRepository.findTeam(this.db, actor.authorityId, teamId) : undefined;
    if (!found) throw new NotFoundError('No such team');
    const [staff, teams] = await Promise.all([teamsRepository.listTeamStaff(this.db, actor.authorityId), teamsRepository.listTeams(this.db, actor.authorityId)]);
    const teamNames = new Map(teams.map((entry) => [entry.id, entry.name]));
    const described = staff.map((person) => ({ ...person, roleName: ROLE_NAMES[person.role as StaffRole] ?? person.role, teamName: person.teamId ? teamNames.get(person.teamId) : undefined }));
    return {
      team: found,
      members: described.filter((person) => person.teamId === found.id),
      candidates: described.filter((person) => person.active),
      managers: described.filter((person) => person.active && TEAM_MANAGER_ROLES.includes(person.role as StaffRole)),
      canChange: hasRole(actor, 'admin'),
    };
  }

  /** The active team managers and service leads, for the new team's form. */
  async managerChoices(actor: Actor) {
    requireRole(actor, 'admin');
    const staff = await teamsRepository.listTeamStaff(this.db, actor.authorityId);
    return staff.filter((person) => person.active && TEAM_MANAGER_ROLES.includes(person.role as StaffRole));
  }

  /** A new team, with its name and manager; audited. */
  async createTeam(actor: Actor, input: TeamInput): Promise<{ id: string }> {
    requireRole(actor, 'admin');
    const name = this.checkedName(input.name);
    return this.db.transaction(async (tx) => {
      const manager = await this.checkedManager(tx, actor, input.manager, name.problems);
      if (name.value && (await teamsRepository.teamNameTaken(tx, actor.authorityId, name.value))) name.problems.push({ field: 'name', message: `There is already a team called ${name.value}` });
      if (name.problems.length > 0 || !manager) throw new ValidationError(name.problems);
      const id = uuidv7();
      const at = this.clock.now();
      await teamsRepository.insertTeam(tx, { id, authorityId: actor.authorityId, name: name.value, managerId: manager.id, createdAt: at, updatedAt: at });
      await recordAudit(tx, this.clock, actor, { action: 'team.created', entityType: 'team', entityId: id, details: { name: name.value, managerId: manager.id } });
      return { id };
    });
  }

  /** Renames a team or changes its manager; refused if someone saved it since the form was opened. */
  async changeTeam(actor: Actor, teamId: string, input: TeamInput): Promise<void> {
    requireRole(actor, 'admin');
    const version = VERSION.safeParse(input.version);
    if (!version.success) throw new ConflictError('The form was out of date. Look at the team again and make your change');
    const name = this.checkedName(input.name);
    await this.db.transaction(async (tx) => {
      const current = UUID.safeParse(teamId).success ? await teamsRepository.lockTeam(tx, actor.authorityId, teamId) : undefined;
      if (!current) throw new NotFoundError('No such team');
      const manager = await this.checkedManager(tx, actor, input.manager, name.problems);
      if (name.value && (await teamsRepository.teamNameTaken(tx, actor.authorityId, name.value, teamId))) name.problems.push({ field: 'name', message: `There is already a team called ${name.value}` });
      if (name.problems.length > 0 || !manager) throw new ValidationError(name.problems);
      if (current.version !== version.data) throw this.changedMeanwhile();
      if (current.name === name.value && current.managerId === manager.id) return;
      if (!(await teamsRepository.updateTeam(tx, actor.authorityId, teamId, version.data, { name: name.value, managerId: manager.id, at: this.clock.now() }))) throw this.changedMeanwhile();
      const details: Record<string, { from: string; to: string }> = {};
      if (current.name !== name.value) details.name = { from: current.name, to: name.value };
      if (current.managerId !== manager.id) details.managerId = { from: current.managerId, to: manager.id };
      await recordAudit(tx, this.clock, actor, { action: 'team.changed', entityType: 'team', entityId: teamId, details });
    });
  }

  /**
   * Makes the team's members exactly those chosen: each an active case officer, team manager or
   * service lead of the council. One team a person: someone chosen from another team moves here.
   * Audited with who joined and who left.
   */
  async setMembers(actor: Actor, teamId: string, input: { members: readonly string[]; version?: string | number | undefined }): Promise<{ joined: number; left: number }> {
    requireRole(actor, 'admin');
    const version = VERSION.safeParse(input.version);
    if (!version.success) throw new ConflictError('The form was out of date. Look at the team again and make your change');
    const chosen = [...new Set(input.members)];
    return this.db.transaction(async (tx) => {
      const current = UUID.safeParse(teamId).success ? await teamsRepository.lockTeam(tx, actor.authorityId, teamId) : undefined;
      if (!current) throw new NotFoundError('No such team');
      const staff = await teamsRepository.listTeamStaff(tx, actor.authorityId);
      const byId = new Map(staff.map((person) => [person.id, person]));
      const refused = chosen.filter((memberId) => !byId.get(memberId)?.active);
      if (refused.length > 0) throw new ValidationError([{ field: 'members', message: 'Choose only active officers and managers of the council' }]);
      if (current.version !== version.data) throw this.changedMeanwhile();
      const before = staff.filter((person) => person.teamId === teamId).map((person) => person.id);
      const joined = chosen.filter((memberId) => !before.includes(memberId));
      const left = before.filter((memberId) => !chosen.includes(memberId));
      if (joined.length === 0 && left.length === 0) return { joined: 0, left: 0 };
      await teamsRepository.setMembers(tx, actor.authorityId, teamId, chosen);
      await teamsRepository.bumpTeamVersion(tx, actor.authorityId, teamId, this.clock.now());
      await recordAudit(tx, this.clock, actor, {
        action: 'team.members-changed',
        entityType: 'team',
        entityId: teamId,
        details: { joined, left, movedFrom: Object.fromEntries(joined.filter((memberId) => byId.get(memberId)?.teamId).map((memberId) => [memberId, byId.get(memberId)!.teamId])) },
      });
      return { joined: joined.length, left: left.length };
    });
  }

  private checkedName(raw: string | undefined): { value: string; problems: FieldProblem[] } {
    const value = (raw ?? '').trim().replace(/\s+/g, ' ');
    const problems: FieldProblem[] = [];
    if (!value) problems.push({ field: 'name', message: 'Enter the team’s name' });
    else if (value.length > NAME_MAX) problems.push({ field: 'name', message: `The team’s name must be ${NAME_MAX} characters or fewer` });
    return { value, problems };
  }

  /** The manager chosen, if they may manage a team: an active team manager or service lead of this council. */
  private async checkedManager(tx: Transaction, actor: Actor, raw: string | undefined, problems: FieldProblem[]) {
    if (!raw) {
      problems.push({ field: 'manager', message: 'Choose the team’s manager' });
      return undefined;
    }
    const person = UUID.safeParse(raw).success ? await teamsRepository.findStaff(tx, actor.authorityId, raw) : undefined;
    if (!person || !person.active || !TEAM_MANAGER_ROLES.includes(person.role as StaffRole)) {
      problems.push({ field: 'manager', message: 'Choose an active team manager or service lead of the council as the team’s manager' });
      return undefined;
    }
    return person;
  }

  private changedMeanwhile() {
    return new ConflictError('Someone else changed this team while you were looking at it. Check it as it is now and make your change again');
  }
}
