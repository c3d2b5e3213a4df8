import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { parseIsoDate, type IsoDate } from '../../domain/calendar/index.ts';
import { longDate } from '../../web/long-date.ts';
import { coverOverlaps, coverProblems } from '../../domain/caseload/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit } from '../audit/index.ts';
import { MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import * as coverRepository from './repository.ts';

const UUID = z.uuid();
const REASON_MAX = 500;

export interface CoverInput {
  /** The officer away. */
  officer?: string | undefined;
  /** The colleague covering their cases. */
  coverOfficer?: string | undefined;
  /** YYYY-MM-DD, both days included. */
  startsOn?: string | undefined;
  endsOn?: string | undefined;
  reason?: string | undefined;
}

export interface CoverPeriodView {
  id: string;
  officerId: string;
  officerName: string;
  coverOfficerId: string;
  coverOfficerName: string;
  startsOn: string;
  endsOn: string;
  reason: string;
}

/**
 * Cover while an officer is away. Managers (team managers, service leads, administrators) record
 * that a colleague covers an officer's cases from one date to another; the cases stay the
 * officer's. While the period runs (today in England by the app's clock, both ends included) the
 * cover sees those cases in My cases and the team's deadlines name them beside the officer.
 */
export class CoverService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Who may be away and who may cover: the council's active officers and managers, for the form. */
  async coverChoices(actor: Actor) {
    requireRole(actor, ...MANAGER_ROLES);
    return (await coverRepository.listCoverStaff(this.db, actor.authorityId)).filter((person) => person.active);
  }

  /**
   * Each officer's team and the cover running today, by officer, for the API's caseload: the teams
   * and cover are this feature's, the caseload allocation's.
   */
  async teamsAndCover(actor: Actor) {
    requireRole(actor, ...MANAGER_ROLES);
    const rows = await coverRepository.listTeamsAndCover(this.db, actor.authorityId, this.clock.today());
    return new Map(
      rows.map((row) => [
        row.officerId,
        {
          team: row.teamId ? { id: row.teamId, name: row.teamName! } : null,
          cover: row.coverOfficerId ? { officerId: row.coverOfficerId, name: row.coverOfficerName!, startsOn: row.coverStartsOn!, endsOn: row.coverEndsOn! } : null,
        },
      ]),
    );
  }

  /** An officer's cover running today or to come. */
  async coverPeriodsOf(actor: Actor, officerId: string) {
    requireRole(actor, ...MANAGER_ROLES);
    if (!UUID.safeParse(officerId).success) return [];
    return coverRepository.listCoverPeriods(this.db, actor.authorityId, officerId, this.clock.today());
  }

  /**
   * Records a period of cover, all or nothing: the officer away and the cover both active officers
   * or managers of the council and not the same person, real dates, the last not before the first,
   * a reason, and no other period of the officer's sharing a day with it (checked under a lock on
   * the officer's row, so two managers recording at once cannot both succeed). Audited.
   */
  async setCover(actor: Actor, input: CoverInput, options: { idempotencyKey?: string | undefined } = {}): Promise<Written<CoverPeriodView>> {
    requireRole(actor, ...MANAGER_ROLES);
    const problems: FieldProblem[] = [];
    const startsOn = parseIsoDate(input.startsOn ?? '');
    const endsOn = parseIsoDate(input.endsOn ?? '');
    if (!startsOn) problems.push({ field: 'startsOn', message: input.startsOn ? 'The first day of cover must be a real date' : 'Enter the first day of cover' });
    if (!endsOn) problems.push({ field: 'endsOn', message: input.endsOn ? 'The last day of cover must be a real date' : 'Enter the last day of cover' });
    const reason = (input.reason ?? '').trim();
    if (!reason) problems.push({ field: 'reason', message: 'Enter why the officer is away, like annual leave' });
    else if (reason.length > REASON_MAX) problems.push({ field: 'reason', message: `The reason must be ${REASON_MAX} characters or fewer` });
    const officerId = input.officer ?? '';
    const coverOfficerId = input.coverOfficer ?? '';
    if (!officerId) problems.push({ field: 'officer', message: 'Choose the officer who is away' });
    if (!coverOfficerId) problems.push({ field: 'coverOfficer', message: 'Choose the officer who covers their cases' });
    if (startsOn && endsOn) {
      for (const problem of coverProblems({ startsOn, endsOn, officerId, coverOfficerId: officerId && coverOfficerId ? coverOfficerId : `${officerId}-unset` })) {
        if (problem === 'ends-before-it-starts') problems.push({ field: 'endsOn', message: 'The last day of cover must be the same as or after the first day' });
        else problems.push({ field: 'coverOfficer', message: 'Choose someone other than the officer who is away to cover their cases' });
      }
    } else if (officerId && officerId === coverOfficerId) {
      problems.push({ field: 'coverOfficer', message: 'Choose someone other than the officer who is away to cover their cases' });
    }
    const request = { operation: 'cover.set', target: '', input: { officer: officerId, coverOfficer: coverOfficerId, startsOn: input.startsOn ?? '', endsOn: input.endsOn ?? '', reason } };
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, request, async () => {
      if (problems.length > 0) throw new ValidationError(problems);
      return async (tx) => {
        const officer = UUID.safeParse(officerId).success ? await coverRepository.lockStaff(tx, actor.authorityId, officerId) : undefined;
        const cover = UUID.safeParse(coverOfficerId).success ? await coverRepository.lockStaff(tx, actor.authorityId, coverOfficerId) : undefined;
        const refused: FieldProblem[] = [];
        if (!officer || !officer.active || officer.role === 'admin' || officer.role === 'board_member') refused.push({ field: 'officer', message: 'Choose an active officer of the council as the one who is away' });
        if (!cover || !cover.active || cover.role === 'admin' || cover.role === 'board_member') refused.push({ field: 'coverOfficer', message: 'Choose an active officer of the council to cover their cases' });
        if (refused.length > 0) throw new ValidationError(refused);
        const existing = await coverRepository.listCoverPeriods(tx, actor.authorityId, officerId, '0001-01-01');
        const clash = existing.find((period) => coverOverlaps({ startsOn: period.startsOn as IsoDate, endsOn: period.endsOn as IsoDate }, { startsOn: startsOn!, endsOn: endsOn! }));
        if (clash) {
          throw new ValidationError([
            { field: 'startsOn', message: `${officer!.name} already has cover from ${clash.startsOn} to ${clash.endsOn} by ${clash.coverName}: choose days that do not overlap it` },
          ]);
        }
        const id = uuidv7();
        await coverRepository.insertCoverPeriod(tx, {
          id,
          authorityId: actor.authorityId,
          officerId,
          coverOfficerId,
          startsOn: startsOn!,
          endsOn: endsOn!,
          reason,
          recordedBy: actor.id,
          recordedAt: this.clock.now(),
        });
        await recordAudit(tx, this.clock, actor, { action: 'cover.set', entityType: 'staff_user', entityId: officerId, details: { coverPeriodId: id, coverOfficerId, startsOn, endsOn } });
        return { id, officerId, officerName: officer!.name, coverOfficerId, coverOfficerName: cover!.name, startsOn: startsOn!, endsOn: endsOn!, reason };
      };
    });
  }

  /** One period of cover, for the page that ends it early or withdraws it; whether it has begun, and ended. */
  async coverPeriod(actor: Actor, periodId: string): Promise<CoverPeriodView & { started: boolean; ended: boolean }> {
    requireRole(actor, ...MANAGER_ROLES);
    const row = UUID.safeParse(periodId).success ? await coverRepository.findCoverPeriod(this.db, actor.authorityId, periodId) : undefined;
    if (!row) throw new NotFoundError('No such period of cover');
    const today = this.clock.today();
    return { ...viewOf(row), started: row.startsOn <= today, ended: row.endsOn < today };
  }

  /**
   * Ends a period of cover early: a new last day no earlier than its first day, nor than today (a
   * day gone cannot be taken back from the cover), and before its last day as it stands (to extend
   * cover, set a new period). Under the lock on the officer's row, as setting cover is. Audited.
   */
  async endCoverEarly(actor: Actor, periodId: string, input: { endsOn?: string | undefined }, options: { idempotencyKey?: string | undefined } = {}): Promise<Written<CoverPeriodView>> {
    requireRole(actor, ...MANAGER_ROLES);
    const endsOn = parseIsoDate(input.endsOn ?? '');
    const request = { operation: 'cover.end-early', target: periodId, input: { endsOn: input.endsOn ?? '' } };
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, request, async () => {
      if (!endsOn) throw new ValidationError([{ field: 'endsOn', message: input.endsOn ? 'The new last day of cover must be a real date' : 'Enter the new last day of cover' }]);
      const seen = await this.coverPeriod(actor, periodId);
      return async (tx) => {
        await coverRepository.lockStaff(tx, actor.authorityId, seen.officerId);
        const row = await coverRepository.findCoverPeriod(tx, actor.authorityId, periodId);
        if (!row) throw new NotFoundError('No such period of cover');
        const today = this.clock.today();
        if (row.endsOn < today) throw new ConflictError(`This cover ended on ${longDate(row.endsOn)}: it can no longer be changed`);
        if (coverProblems({ startsOn: row.startsOn as IsoDate, endsOn, officerId: row.officerId, coverOfficerId: row.coverOfficerId }).includes('ends-before-it-starts')) {
          throw new ValidationError([{ field: 'endsOn', message: `The last day of cover must be the same as or after the first day, ${longDate(row.startsOn)}` }]);
        }
        if (endsOn < today) throw new ValidationError([{ field: 'endsOn', message: 'The new last day of cover must be today or later: the days gone stay covered' }]);
        if (endsOn >= row.endsOn) {
          throw new ValidationError([{ field: 'endsOn', message: `To end the cover early, choose a day before its last day, ${longDate(row.endsOn)}. To extend it, set a new period of cover` }]);
        }
        await coverRepository.updateCoverEnd(tx, actor.authorityId, periodId, endsOn);
        await recordAudit(tx, this.clock, actor, {
          action: 'cover.ended-early',
          entityType: 'staff_user',
          entityId: row.officerId,
          details: { coverPeriodId: periodId, coverOfficerId: row.coverOfficerId, endsOn: { from: row.endsOn, to: endsOn } },
        });
        return viewOf({ ...row, endsOn });
      };
    });
  }

  /**
   * Withdraws a period of cover that has not begun (today is before its first day), with the
   * manager's reason: the period is removed, and the audit log keeps what it was. A period that
   * has begun is ended early instead, so the days it ran stay on record.
   */
  async withdrawCover(actor: Actor, periodId: string, input: { reason?: string | undefined }, options: { idempotencyKey?: string | undefined } = {}): Promise<Written<CoverPeriodView>> {
    requireRole(actor, ...MANAGER_ROLES);
    const reason = (input.reason ?? '').trim();
    const request = { operation: 'cover.withdraw', target: periodId, input: { reason } };
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, request, async () => {
      if (!reason) throw new ValidationError([{ field: 'withdrawReason', message: 'Say why the cover is withdrawn' }]);
      if (reason.length > REASON_MAX) throw new ValidationError([{ field: 'withdrawReason', message: `The reason must be ${REASON_MAX} characters or fewer` }]);
      const seen = await this.coverPeriod(actor, periodId);
      return async (tx) => {
        await coverRepository.lockStaff(tx, actor.authorityId, seen.officerId);
        const row = await coverRepository.findCoverPeriod(tx, actor.authorityId, periodId);
        if (!row) throw new NotFoundError('No such period of cover');
        if (row.startsOn <= this.clock.today()) {
          throw new ConflictError(`This cover began on ${longDate(row.startsOn)}, so it cannot be withdrawn: end it early instead`);
        }
        await coverRepository.deleteCoverPeriod(tx, actor.authorityId, periodId);
        await recordAudit(tx, this.clock, actor, {
          action: 'cover.withdrawn',
          entityType: 'staff_user',
          entityId: row.officerId,
          details: { coverPeriodId: periodId, coverOfficerId: row.coverOfficerId, startsOn: row.startsOn, endsOn: row.endsOn, reason: row.reason, withdrawnBecause: reason },
        });
        return viewOf(row);
      };
    });
  }
}

function viewOf(row: coverRepository.CoverPeriodDetailRow): CoverPeriodView {
  return {
    id: row.id,
    officerId: row.officerId,
    officerName: row.officerName,
    coverOfficerId: row.coverOfficerId,
    coverOfficerName: row.coverName,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    reason: row.reason,
  };
}
