// An improvement plan's measure against its target: where a straight line from the baseline to the
// target says it should be by now, whether it is there, and which way its last months are moving.
// Pure: the figures come from the reporting measures, the days from the caller.
import { daysBetween, type IsoDate } from '../calendar/index.ts';

/** Whether a higher figure is better (a share done in time) or a lower one (a count overdue). */
export type Better = 'higher' | 'lower';

export interface Target {
  baselineValue: number;
  baselineOn: IsoDate;
  targetValue: number;
  targetOn: IsoDate;
  better: Better;
}

/** Where the measure stands against the line from its baseline to its target. */
export type TrajectoryStatus = 'met' | 'on-trajectory' | 'off-trajectory' | 'no-figure';

export interface Trajectory {
  status: TrajectoryStatus;
  /** Where the straight line from the baseline to the target says it should be on the day (to one decimal place). */
  expected: number;
}

/** A target date must be after its baseline's date. */
export function targetDateProblem(baselineOn: IsoDate, targetOn: IsoDate): string | undefined {
  return targetOn <= baselineOn ? 'The target date must be after the baseline date' : undefined;
}

/** The line's value on the day: the baseline before its day, the target on and after its day. */
export function expectedOn(target: Omit<Target, 'better'>, on: IsoDate): number {
  if (on <= target.baselineOn) return target.baselineValue;
  if (on >= target.targetOn) return target.targetValue;
  const share = daysBetween(target.baselineOn, on) / daysBetween(target.baselineOn, target.targetOn);
  return target.baselineValue + (target.targetValue - target.baselineValue) * share;
}

/** At least as good as the other figure, the better way for this measure. */
const atLeastAsGood = (value: number, than: number, better: Better) => (better === 'higher' ? value >= than : value <= than);

/**
 * The measure on the day against its target: 'met' once the target is reached (at least as good as
 * it, the better way), 'on-trajectory' while at least as good as the line says, else
 * 'off-trajectory'; 'no-figure' when there is nothing to measure (a share of no cases).
 */
export function trajectory(target: Target, current: number | null, on: IsoDate): Trajectory {
  const expected = round1(expectedOn(target, on));
  if (current === null) return { status: 'no-figure', expected };
  if (atLeastAsGood(current, target.targetValue, target.better) && target.targetValue !== target.baselineValue) return { status: 'met', expected };
  return { status: atLeastAsGood(current, expected, target.better) ? 'on-trajectory' : 'off-trajectory', expected };
}

/** Which way the target asks the measure to move: towards the target from the baseline, or the better way to hold it. */
export function targetDirection(target: Target): 'up' | 'down' {
  if (target.targetValue > target.baselineValue) return 'up';
  if (target.targetValue < target.baselineValue) return 'down';
  return target.better === 'higher' ? 'up' : 'down';
}

/** How many of the last months the trend reads. */
export const TREND_MONTHS = 3;

export type Trend = 'towards-target' | 'away-from-target' | 'flat' | 'not-enough-months';

/**
 * The trend of the last three months with a figure (oldest first): the slope of the straight line
 * through them (least squares), towards the target or away from it. Fewer than two months with a
 * figure say nothing.
 */
export function trend(target: Target, months: readonly (number | null)[]): Trend {
  const last = months.slice(-TREND_MONTHS);
  const points = last.flatMap((value, index) => (value === null ? [] : [{ x: index, y: value }]));
  if (points.length < 2) return 'not-enough-months';
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  const slope = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0) / points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  if (Math.abs(slope) < 1e-9) return 'flat';
  const up = slope > 0;
  return up === (targetDirection(target) === 'up') ? 'towards-target' : 'away-from-target';
}

/** The statuses an action's owner gives it. */
export const ACTION_STATUSES = ['not-started', 'on-track', 'at-risk', 'off-track', 'complete'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_NAMES: Record<ActionStatus, string> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  complete: 'Complete',
};

/**
 * An action its owner says is on track while a measure it is bound to has moved away from its
 * target over the last three months: flagged to the board.
 */
export function flaggedToBoard(status: ActionStatus, trends: readonly Trend[]): boolean {
  return status === 'on-track' && trends.includes('away-from-target');
}

const round1 = (value: number) => Math.round(value * 10) / 10;
