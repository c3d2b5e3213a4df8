import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { addDays, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { STAGE_INFO, stageInfo } from '../../domain/children/stages.ts';
import { deadlineStatus } from '../../domain/clocks/status.ts';
import type { Clock } from '../../lib/clock.ts';
import { pageNumber } from '../../lib/page-number.ts';
import { recordListAccess } from '../audit/index.ts';
import { hasRole, MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { rewriteCaseDeadlines } from '../cases/index.ts';
import * as deadlinesRepository from './repository.ts';

export const TEAM_PAGE_SIZE = 100;
// Built once: a zod schema costs more to make than to run.
const UUID = z.uuid();

export class DeadlinesService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * The team view: every open deadline breached or due in the next 14 days, earliest first,
   * filterable by officer (or the unallocated queue) and stage, 100 to a page (fewer for the
   * manager's home). The children on the page go to the log of lists shown, under `view`.
   */
  async teamDeadlines(actor: Actor, filters: { officer?: string; stage?: string; team?: string | undefined; page?: number; pageSize?: number } = {}, view = 'team-deadlines') {
    requireRole(actor, ...MANAGER_ROLES);
    const today = this.clock.today() as IsoDate;
    const stageFilter = filters.stage && filters.stage in STAGE_INFO ? filters.stage : undefined;
    const page = pageNumber(filters.page);
    const pageSize = Math.min(Math.max(1, Math.trunc(filters.pageSize ?? TEAM_PAGE_SIZE)), TEAM_PAGE_SIZE);
    const dueBy = addDays(today, 14);
    const read = (officerId: string | undefined, teamId: string | undefined) => {
      const repositoryFilters = { officerId, unallocated: filters.officer === 'unallocated', stage: stageFilter, teamId };
      return Promise.all([
        deadlinesRepository.listTeamDeadlines(this.db, actor.authorityId, dueBy, repositoryFilters, pageSize, (page - 1) * pageSize),
        deadlinesRepository.countTeamDeadlines(this.db, actor.authorityId, today, dueBy, repositoryFilters),
      ]);
    };
    // The officers, teams and today's cover are read with the deadlines, in one round, unless a
    // team manager opens the page without choosing a team: then their own team is found first. An
    // officer or team filter must name one of the council's; one that does not (a stale link) is
    // dropped and the deadlines read again without it.
    const askedOfficer = filters.officer && UUID.safeParse(filters.officer).success ? filters.officer : undefined;
    const ownTeamOf = !filters.team && hasRole(actor, 'team_manager') && !hasRole(actor, 'service_lead', 'admin') ? actor.id : null;
    const readContext = () => deadlinesRepository.readTeamViewContext(this.db, actor.authorityId, today, ownTeamOf);
    let context: deadlinesRepository.TeamViewContext;
    let askedTeam = filters.team && UUID.safeParse(filters.team).success ? filters.team : undefined;
    let firstRead: Awaited<ReturnType<typeof read>>;
    if (ownTeamOf) {
      context = await readContext();
      askedTeam = context.ownTeamId ?? undefined;
      firstRead = await read(askedOfficer, askedTeam);
    } else {
      [context, firstRead] = await Promise.all([readContext(), read(askedOfficer, askedTeam)]);
    }
    const teamFilter = askedTeam && context.teams.some((team) => team.id === askedTeam) ? askedTeam : undefined;
    const officers = context.officers.filter((officer) => !teamFilter || officer.teamId === teamFilter);
    const officerFilter = askedOfficer && context.officers.some((officer) => officer.id === askedOfficer) ? askedOfficer : undefined;
    const [rows, counts] = officerFilter === askedOfficer && teamFilter === askedTeam ? firstRead : await read(officerFilter, teamFilter);
    const coverOf = new Map(context.covers.map((cover) => [cover.officerId, cover]));
    if (rows.length > 0) await recordListAccess(this.db, this.clock, actor, view, [...new Set(rows.map((row) => row.childId))]);
    const deadlines = rows.map((row) => {
      const status = deadlineStatus({ due: row.dueOn as IsoDate, today });
      return {
        caseId: row.caseId,
        reference: row.reference,
        childId: row.childId,
        childName: fullName(row),
        stageName: stageInfo(row.stage)?.name ?? row.stage,
        officerId: row.officerId,
        officerName: row.officerName,
        // While an officer is away their deadlines route to the colleague covering them.
        coverName: row.officerId ? coverOf.get(row.officerId)?.coverName : undefined,
        deadlineId: row.deadlineId,
        title: row.title,
        dueOn: row.dueOn,
        status: status.status,
        daysRemaining: status.daysRemaining,
        daysLate: status.daysLate,
      };
    });
    const total = counts.overdue + counts.dueSoon;
    return {
      officers,
      teams: context.teams,
      filters: { officer: filters.officer === 'unallocated' ? 'unallocated' : officerFilter, stage: stageFilter, team: teamFilter, teamName: context.teams.find((team) => team.id === teamFilter)?.name },
      counts,
      page,
      pageCount: Math.max(1, Math.ceil(total / pageSize)),
      deadlines,
    };
  }

  /**
   * How many of the council's statutory deadlines are overdue and how many fall due in the next
   * 14 days: figures only, no child, so also for the improvement board.
   */
  async deadlineCounts(actor: Actor): Promise<{ overdue: number; dueSoon: number }> {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    const today = this.clock.today() as IsoDate;
    return deadlinesRepository.countTeamDeadlines(this.db, actor.authorityId, today, addDays(today, 14), {});
  }

  /**
   * Recomputes every case's deadlines from its events, a batch of cases per transaction: after a
   * change to the rules or a bank-holiday import. The deadline table is a cache of this.
   */
  async rebuildDeadlines(actor: Actor, onProgress?: (cases: number) => void): Promise<number> {
    requireRole(actor, 'admin');
    let rebuilt = 0;
    let after: string | undefined;
    for (;;) {
      const ids = await deadlinesRepository.listCaseIdsAfter(this.db, actor.authorityId, after, 500);
      if (ids.length === 0) break;
      await this.db.transaction(async (tx) => {
        for (const caseId of ids) await rewriteCaseDeadlines(tx, actor.authorityId, caseId);
      });
      rebuilt += ids.length;
      after = ids.at(-1);
      onProgress?.(rebuilt);
    }
    return rebuilt;
  }

  async authorityIds(): Promise<string[]> {
    return deadlinesRepository.listAuthorityIds(this.db);
  }
}
