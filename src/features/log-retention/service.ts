import type { Database } from '../../db/database.ts';
import {
  LOG_RETENTION_RULES,
  longestRetention,
  monthExpiresAt,
  monthOf,
  monthsToDrop,
  monthsToMake,
  nextMaintenanceAt,
  parseRetentionYears,
  PARTITIONED_LOG_NAMES,
  type Month,
  type PartitionedLog,
} from '../../domain/retention/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { requireRole, type Actor } from '../auth/index.ts';
import { enqueueJob } from '../jobs/index.ts';
import * as retentionRepository from './repository.ts';

/** The job that makes the logs' coming months and drops the expired ones, once a month. */
export const LOG_MAINTENANCE_JOB = 'logs.maintain-months';

/** Runs work as the role that owns the tables (DatabaseHandle.asOwner). */
export type AsOwner = <T>(work: (owner: Database) => Promise<T>) => Promise<T>;

export interface LogRetentionView {
  log: PartitionedLog;
  name: string;
  holds: string;
  /** What this council keeps it for, and whether that is the default. */
  years: number;
  isDefault: boolean;
  minimumYears: number;
  defaultYears: number;
  /** What the service keeps it for: the longest of every council's periods. */
  keptYears: number;
  /** The months held so far (this month included), oldest first. */
  monthsHeld: Month[];
  /** The last month made ahead, when there is one beyond this month. */
  readyUntil: Month | undefined;
  /** The oldest month and when it goes; undefined when no month is held. */
  nextToGo: { month: Month; on: Date } | undefined;
}

export interface MaintenanceResult {
  made: string[];
  dropped: string[];
}

const monthOfPartition = (partition: string): Month | undefined => {
  const match = /_(\d{4})_(\d{2})$/.exec(partition);
  return match ? `${match[1]}-${match[2]}` : undefined;
};

export class LogRetentionService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly asOwner: AsOwner;

  constructor(db: Database, clock: Clock, dependencies: { asOwner: AsOwner }) {
    this.db = db;
    this.clock = clock;
    this.asOwner = dependencies.asOwner;
  }

  /** Each log: this council's period, what the service keeps, the months held and the next to go. Administrators only. */
  async settings(actor: Actor): Promise<{ logs: LogRetentionView[]; councils: number }> {
    requireRole(actor, 'admin');
    const [own, every, partitions] = await Promise.all([
      retentionRepository.retentionOf(this.db, actor.authorityId),
      retentionRepository.retentionOfEveryCouncil(this.db),
      retentionRepository.partitions(this.db, PARTITIONED_LOG_NAMES),
    ]);
    const now = this.clock.now();
    const current = monthOf(now);
    const logs = LOG_RETENTION_RULES.map((rule): LogRetentionView => {
      const keptYears = longestRetention(rule, every.councils, every.set.filter((row) => row.log === rule.log).map((row) => row.years));
      const months = partitions
        .filter((row) => row.log === rule.log)
        .map((row) => monthOfPartition(row.partition))
        .filter((month): month is Month => month !== undefined)
        .sort();
      const monthsHeld = months.filter((month) => month <= current);
      const ahead = months.filter((month) => month > current);
      const oldest = monthsHeld[0];
      return {
        log: rule.log,
        name: rule.name,
        holds: rule.holds,
        years: own.get(rule.log) ?? rule.defaultYears,
        isDefault: !own.has(rule.log),
        minimumYears: rule.minimumYears,
        defaultYears: rule.defaultYears,
        keptYears,
        monthsHeld,
        readyUntil: ahead.at(-1),
        nextToGo: oldest ? { month: oldest, on: new Date(monthExpiresAt(oldest, keptYears)) } : undefined,
      };
    });
    return { logs, councils: every.councils };
  }

  /**
   * Sets how many whole years the council keeps each log, each at least the log's floor
   * (src/domain/retention). Fields are named by the log; every problem is reported at once. Audited
   * with each period before and after.
   */
  async setRetention(actor: Actor, values: Readonly<Record<string, string>>): Promise<void> {
    requireRole(actor, 'admin');
    const problems: FieldProblem[] = [];
    const chosen = new Map<PartitionedLog, number>();
    for (const rule of LOG_RETENTION_RULES) {
      const parsed = parseRetentionYears(rule, values[rule.log] ?? '');
      if (parsed.ok) chosen.set(rule.log, parsed.years);
      else problems.push({ field: rule.log, message: parsed.message });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const own = await retentionRepository.retentionOf(tx, actor.authorityId);
      const details: Record<string, { from: number; to: number }> = {};
      for (const rule of LOG_RETENTION_RULES) {
        const from = own.get(rule.log) ?? rule.defaultYears;
        const to = chosen.get(rule.log)!;
        if (from === to && own.has(rule.log)) continue;
        await retentionRepository.saveRetention(tx, { authorityId: actor.authorityId, log: rule.log, years: to, updatedAt: now, updatedBy: actor.id });
        if (from !== to) details[rule.log] = { from, to };
      }
      if (Object.keys(details).length > 0) {
        await recordAudit(tx, this.clock, actor, { action: 'log-retention.changed', entityType: 'authority', entityId: actor.authorityId, details });
      }
    });
  }

  /**
   * The month's work, through the owning role: makes this month's partition and the next ones of
   * each log (moving in any rows that waited in the default partition), then drops each month whose
   * every row is older than the longest period any council keeps that log.
   */
  async maintain(): Promise<MaintenanceResult> {
    const now = this.clock.now();
    const every = await retentionRepository.retentionOfEveryCouncil(this.db);
    return this.asOwner(async (owner) => {
      const result: MaintenanceResult = { made: [], dropped: [] };
      for (const rule of LOG_RETENTION_RULES) {
        for (const month of monthsToMake(now)) {
          if (await retentionRepository.createMonth(owner, rule.log, month)) result.made.push(`${rule.log}_${month.replace('-', '_')}`);
        }
        const keptYears = longestRetention(rule, every.councils, every.set.filter((row) => row.log === rule.log).map((row) => row.years));
        const months = new Map(
          (await retentionRepository.partitions(owner, [rule.log])).flatMap((row) => {
            const month = monthOfPartition(row.partition);
            return month ? [[month, row.partition] as const] : [];
          }),
        );
        for (const month of monthsToDrop([...months.keys()], keptYears, now)) {
          const partition = months.get(month)!;
          await retentionRepository.dropMonth(owner, partition);
          result.dropped.push(partition);
        }
      }
      return result;
    });
  }

  /** The job's handler: the month's work, then the next run queued for the 1st of next month. */
  async runMaintenanceJob(job: { authorityId: string }): Promise<void> {
    await this.maintain();
    await this.db.transaction(async (tx) => {
      await enqueueJob(tx, this.clock, { authorityId: job.authorityId, kind: LOG_MAINTENANCE_JOB, payload: {}, runAfter: new Date(nextMaintenanceAt(this.clock.now())) });
    });
  }

  /**
   * Queues the maintenance job, to run now, unless it is queued or running already (at start: a
   * new install, or one whose job died). Two instances starting at once may both queue it; running
   * it twice does no harm.
   */
  async ensureScheduled(): Promise<boolean> {
    if (await retentionRepository.maintenanceScheduled(this.db, LOG_MAINTENANCE_JOB)) return false;
    const authorityId = await retentionRepository.firstAuthorityId(this.db);
    if (!authorityId) return false;
    await enqueueJob(this.db, this.clock, { authorityId, kind: LOG_MAINTENANCE_JOB, payload: {} });
    return true;
  }
}
