import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { parseIsoDate, type IsoDate } from '../../domain/calendar/index.ts';
import { CHOICE_CHANNELS, isChoiceChannel, type ChoiceChannel } from '../../domain/children/young-person-choice.ts';
import { endOfCompulsorySchoolAge, isYoungPerson } from '../../domain/children/young-person.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { longDate } from '../../web/long-date.ts';
import { recordAccess, recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { recordCaseEvent } from '../cases/index.ts';
import { requireChildAccess } from '../children/index.ts';
import * as repository from './repository.ts';
import type { ChoiceRow, SharingChildRow } from './repository.ts';

/** The choice that holds, as the form shows it. */
export interface ChoiceView {
  shareWithFamily: boolean;
  onPortal: boolean;
  givenHow: string | null;
  givenOn: string;
  recordedOn: string;
}

export const CHANNEL_ITEMS = Object.entries(CHOICE_CHANNELS).map(([value, text]) => ({ value, text: text.charAt(0).toUpperCase() + text.slice(1) }));

/** The day the choice was made: the day the young person told the officer, or the day they chose on the portal. */
function dayOfChoice(row: ChoiceRow): string {
  return row.givenOn ?? londonDateOf(row.recordedAt);
}

function choiceView(row: ChoiceRow | undefined): ChoiceView | null {
  if (!row) return null;
  return {
    shareWithFamily: row.shareWithFamily,
    onPortal: row.givenBy === null,
    givenHow: isChoiceChannel(row.givenBy) ? CHOICE_CHANNELS[row.givenBy] : null,
    givenOn: dayOfChoice(row),
    recordedOn: londonDateOf(row.recordedAt),
  };
}

const firstName = (row: SharingChildRow) => row.preferredName ?? row.forename;

/**
 * What a young person tells an officer (by phone, at a meeting, in writing) about whether their
 * parents and carers may see their case on the family portal, recorded for them. From the end of
 * compulsory school age the decision is the young person's own (CFA 2014 s.67(2) and s.83(2));
 * before it, their parents make it, and nothing is recorded. The choice is the one the young person
 * makes on the portal (the same table), so the family's portal follows it at once. Each choice is
 * a new row, never changed: the latest holds. Audited, with an event on the child's case.
 */
export class YoungPersonSharingService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  private async reach(actor: Actor, childId: string, view: string): Promise<SharingChildRow> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!z.uuid().safeParse(childId).success) throw new NotFoundError('No such child');
    await requireChildAccess(this.db, this.clock, actor, childId, view);
    const row = await repository.findChild(this.db, actor.authorityId, childId);
    if (!row) throw new NotFoundError('No such child');
    return row;
  }

  /** The form: the child, whether the choice is theirs yet, and the choice that holds (a view of the record, logged). */
  async form(actor: Actor, childId: string) {
    const row = await this.reach(actor, childId, 'young-person-choice');
    await recordAccess(this.db, this.clock, actor, childId, 'young-person-choice');
    const today = this.clock.today() as IsoDate;
    return {
      child: { id: row.id, firstName: firstName(row), name: `${firstName(row)} ${row.surname}`, dateOfBirth: row.dateOfBirth },
      youngPerson: isYoungPerson(row.dateOfBirth as IsoDate, today),
      compulsorySchoolAgeEnds: endOfCompulsorySchoolAge(row.dateOfBirth as IsoDate),
      current: choiceView(await repository.latestChoice(this.db, actor.authorityId, childId)),
      channels: CHANNEL_ITEMS,
    };
  }

  /**
   * Records the young person's choice as they gave it to the officer: whether their family may see
   * the case on the portal, how they said so and on which day (not in the future, not before their
   * compulsory school age ended, not before the choice that holds now). Refused, with nothing
   * recorded, for a child still of compulsory school age.
   */
  async record(actor: Actor, childId: string, input: { share: string; givenBy: string; givenOn: string }): Promise<{ choiceId: string; shareWithFamily: boolean }> {
    const row = await this.reach(actor, childId, 'young-person-choice-record');
    const name = firstName(row);
    const today = this.clock.today() as IsoDate;
    const endsOn = endOfCompulsorySchoolAge(row.dateOfBirth as IsoDate);
    if (!isYoungPerson(row.dateOfBirth as IsoDate, today)) {
      throw new ConflictError(
        `${name} is not a young person yet: their compulsory school age ends on ${longDate(endsOn)} (the last Friday in June of the school year they turn 16). ` +
          `Until then their parents decide for them (Children and Families Act 2014 s.83(2)). Nothing was recorded.`,
      );
    }
    const problems: FieldProblem[] = [];
    const share = input.share === 'yes' ? true : input.share === 'no' ? false : undefined;
    if (share === undefined) problems.push({ field: 'share', message: `Select whether ${name}’s parents and carers may see the case on the portal` });
    const givenBy: ChoiceChannel | undefined = isChoiceChannel(input.givenBy) ? input.givenBy : undefined;
    if (!givenBy) problems.push({ field: 'givenBy', message: `Select how ${name} told the council` });
    const givenOn = parseIsoDate(input.givenOn);
    if (!givenOn) problems.push({ field: 'givenOn', message: `Enter the date ${name} told the council as a real date` });
    else if (givenOn > today) problems.push({ field: 'givenOn', message: `The date ${name} told the council must be today or in the past` });
    else if (givenOn <= endsOn) problems.push({ field: 'givenOn', message: `The date must be after ${name}’s compulsory school age ended on ${longDate(endsOn)}: before then the choice was not theirs to make` });
    if (problems.length > 0) throw new ValidationError(problems);

    return this.db.transaction(async (tx) => {
      if (!(await repository.findChild(tx, actor.authorityId, childId, true))) throw new NotFoundError('No such child');
      const holding = await repository.latestChoice(tx, actor.authorityId, childId);
      if (holding && givenOn! < dayOfChoice(holding)) {
        throw new ValidationError([
          { field: 'givenOn', message: `A later choice of ${name}’s is already recorded, made on ${longDate(dayOfChoice(holding))}: a choice told before it cannot replace it` },
        ]);
      }
      const choiceId = uuidv7();
      await repository.insertChoice(tx, { id: choiceId, authorityId: actor.authorityId, childId, shareWithFamily: share!, recordedBy: actor.id, recordedAt: this.clock.now(), givenBy: givenBy!, givenOn: givenOn! });
      const caseId = await repository.caseOfChild(tx, actor.authorityId, childId);
      if (caseId) {
        await recordCaseEvent(tx, this.clock, actor, { caseId, type: 'young-person.sharing-recorded', occurredOn: givenOn!, payload: { choiceId, shareWithFamily: share!, givenBy: givenBy! } });
      }
      await recordAudit(tx, this.clock, actor, {
        action: 'young-person.sharing-recorded',
        entityType: 'child',
        entityId: childId,
        details: { choiceId, shareWithFamily: share!, givenBy: givenBy!, givenOn: givenOn!, caseId: caseId ?? null, replaces: holding?.id ?? null },
      });
      return { choiceId, shareWithFamily: share! };
    });
  }
}
