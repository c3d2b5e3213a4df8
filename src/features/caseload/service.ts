import type { Database } from '../../db/database.ts';
import { daysBetween, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { CASE_STAGES, stageInfo } from '../../domain/children/stages.ts';
import { nextDeadlineStatus } from '../../domain/clocks/status.ts';
import type { Clock } from '../../lib/clock.ts';
import { pageNumber } from '../../lib/page-number.ts';
import { recordListAccess } from '../audit/index.ts';
import { MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import * as caseloadRepository from './repository.ts';

export const UNALLOCATED_PAGE_SIZE = 50;

export class CaseloadService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * The unallocated queue: every open case without an officer, whatever its deadlines, the one
   * waiting longest first, 50 to a page (fewer for the manager's home). The children on the page
   * go to the log of lists shown, under `view`.
   */
  async unallocatedQueue(actor: Actor, options: { page?: number; pageSize?: number } = {}, view = 'unallocated') {
    requireRole(actor, ...MANAGER_ROLES);
    const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? UNALLOCATED_PAGE_SIZE)), UNALLOCATED_PAGE_SIZE);
    const asked = pageNumber(options.page);
    let queue = await caseloadRepository.listUnallocated(this.db, actor.authorityId, pageSize, (asked - 1) * pageSize);
    // A page past the end (cases allocated since the link was made) shows the last page.
    const lastPage = Math.max(1, Math.ceil(queue.total / pageSize));
    if (queue.rows.length === 0 && queue.total > 0 && asked > lastPage) {
      queue = await caseloadRepository.listUnallocated(this.db, actor.authorityId, pageSize, (lastPage - 1) * pageSize);
    }
    if (queue.rows.length > 0) await recordListAccess(this.db, this.clock, actor, view, queue.rows.map((row) => row.childId));
    const today = this.clock.today() as IsoDate;
    return {
      page: Math.min(asked, lastPage),
      pageCount: lastPage,
      total: queue.total,
      oldestSince: queue.oldestSince,
      daysOldestWaited: queue.oldestSince ? daysBetween(queue.oldestSince as IsoDate, today) : undefined,
      cases: queue.rows.map((row) => ({
        caseId: row.caseId,
        reference: row.reference,
        childId: row.childId,
        childName: fullName(row),
        stageName: stageInfo(row.stage)?.name ?? row.stage,
        unallocatedSince: row.unallocatedSince,
        daysWaiting: daysBetween(row.unallocatedSince as IsoDate, today),
        deadline: nextDeadlineStatus(row.nextDeadlineTitle, row.nextDeadlineOn, today),
      })),
    };
  }

  /**
   * The service's figures, with no child in them: open cases by stage, and the unallocated queue's
   * size and age. For managers, and for the improvement board, who see figures, not children.
   */
  async figures(actor: Actor) {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    const [byStage, queue] = await Promise.all([
      caseloadRepository.countOpenCasesByStage(this.db, actor.authorityId),
      caseloadRepository.listUnallocated(this.db, actor.authorityId, 0, 0),
    ]);
    const counted = new Map(byStage.map((row) => [row.stage, row.cases]));
    const stages = CASE_STAGES.filter((stage) => stage !== 'closed').map((stage) => ({ stage, name: stageInfo(stage)!.name, cases: counted.get(stage) ?? 0 }));
    const today = this.clock.today() as IsoDate;
    return {
      openCases: byStage.reduce((total, row) => total + row.cases, 0),
      stages,
      unallocated: queue.total,
      unallocatedOldestSince: queue.oldestSince,
      daysOldestWaited: queue.oldestSince ? daysBetween(queue.oldestSince as IsoDate, today) : undefined,
    };
  }
}
