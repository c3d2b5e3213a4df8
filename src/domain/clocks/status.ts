import { daysBetween, type IsoDate } from '../calendar/dates.ts';

export const DUE_SOON_DAYS = 7;

export type DeadlineStatus = 'overdue' | 'due-soon' | 'on-track' | 'met-on-time' | 'met-late';

export interface DeadlineStatusResult {
  readonly status: DeadlineStatus;
  /**
   * Days from today to the due date while the deadline is open (0 on the day, negative once
   * overdue); null once met.
   */
  readonly daysRemaining: number | null;
  /** Days after the due date it was met; 0 when met on time, null while open. */
  readonly daysLate: number | null;
}

/**
 * @param today the date in Europe/London, from the injected clock (never computed here).
 */
export function deadlineStatus(input: {
  readonly due: IsoDate;
  readonly met?: IsoDate | undefined;
  readonly today: IsoDate;
}): DeadlineStatusResult {
  if (input.met !== undefined) {
    const late = daysBetween(input.due, input.met);
    return late > 0
      ? { status: 'met-late', daysRemaining: null, daysLate: late }
      : { status: 'met-on-time', daysRemaining: null, daysLate: 0 };
  }
  const remaining = daysBetween(input.today, input.due);
  if (remaining < 0) return { status: 'overdue', daysRemaining: remaining, daysLate: null };
  if (remaining <= DUE_SOON_DAYS) {
    return { status: 'due-soon', daysRemaining: remaining, daysLate: null };
  }
  return { status: 'on-track', daysRemaining: remaining, daysLate: null };
}

/**
 * A case's next open deadline as a list shows it, with its status today; undefined when no
 * deadline is running (My cases, the unallocated queue).
 */
export function nextDeadlineStatus(
  title: string | null,
  dueOn: string | null,
  today: IsoDate,
): ({ title: string; dueOn: string } & DeadlineStatusResult) | undefined {
  if (!dueOn) return undefined;
  const status = deadlineStatus({ due: dueOn as IsoDate, today });
  return { title: title ?? '', dueOn, status: status.status, daysRemaining: status.daysRemaining, daysLate: status.daysLate };
}
