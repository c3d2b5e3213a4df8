// What a figure of the service may show the public: no count small enough to point at a child.
// A count of 1 to 4 is shown as "fewer than 5"; a share is shown only when none of the counts
// behind it is 1 to 4 (the cases it is of, those counted, and the rest), because a share of a
// known number of cases gives away each of them. None is a count of no one, and is shown.
// Pure: the figures come from the reporting measures.

/** The smallest count shown as it is (fewer is "fewer than 5"). */
export const SMALLEST_SHOWN = 5;

/** A count of 1 to 4 people: too few to publish. */
export function isSmallCount(count: number): boolean {
  return count > 0 && count < SMALLEST_SHOWN;
}

/** A count as the public may see it: the number, or "fewer than 5". */
export type PublicCount = { kind: 'count'; value: number } | { kind: 'fewer-than-5' };

export function publicCount(count: number): PublicCount {
  return isSmallCount(count) ? { kind: 'fewer-than-5' } : { kind: 'count', value: count };
}

/**
 * A measure's figure as the public may see it:
 * - a count measure: its count, or "fewer than 5";
 * - a share: the share and the cases it is of; or withheld, saying why: 'no-cases' (a share of no
 *   one), 'few-cases' (of 1 to 4 cases), 'few-counted' (1 to 4 of the cases were counted, or 1 to
 *   4 were not, which the share and the cases would give away).
 * A figure over several months shown month by month is also withheld ('small-month') when one
 * of its months is withheld (see overMonths).
 */
export type PublicFigure =
  | PublicCount
  | { kind: 'share'; value: number; of: number }
  | { kind: 'share-withheld'; reason: 'no-cases' | 'few-cases' | 'few-counted' | 'small-month'; of: PublicCount }
  /** A count over months withheld because one of its months is: the total less the months shown would give that month away. */
  | { kind: 'count-withheld' };

export interface Figure {
  unit: 'percent' | 'count';
  /** The share (to one decimal place) or the count; null for a share of no cases. */
  value: number | null;
  /** The cases counted (for a count measure, the count). */
  numerator: number;
  /** The cases a share is of (for a count measure, the count). */
  denominator: number;
}

export function publicFigure(figure: Figure): PublicFigure {
  if (figure.unit === 'count') return publicCount(figure.value ?? figure.denominator);
  const of = publicCount(figure.denominator);
  if (figure.denominator === 0 || figure.value === null) return { kind: 'share-withheld', reason: 'no-cases', of };
  if (isSmallCount(figure.denominator)) return { kind: 'share-withheld', reason: 'few-cases', of };
  if (isSmallCount(figure.numerator) || isSmallCount(figure.denominator - figure.numerator)) return { kind: 'share-withheld', reason: 'few-counted', of };
  return { kind: 'share', value: figure.value, of: figure.denominator };
}

/** The figure's number when it may be shown (for a chart or a comparison with the target), else null. */
export function shownValue(figure: PublicFigure): number | null {
  return figure.kind === 'count' || figure.kind === 'share' ? figure.value : null;
}

/** Whether a figure was withheld for a small number (not merely a share of no one). */
export function withheldAsSmall(figure: PublicFigure): boolean {
  return figure.kind === 'fewer-than-5' || figure.kind === 'count-withheld' || (figure.kind === 'share-withheld' && figure.reason !== 'no-cases');
}

/**
 * A figure over several months whose months are shown too: withheld when one of those months is
 * withheld as small, or the total less the months shown would give that month away (differencing).
 */
export function overMonths(total: PublicFigure, months: readonly PublicFigure[]): PublicFigure {
  if (withheldAsSmall(total) || !months.some(withheldAsSmall)) return total;
  if (total.kind === 'share') return { kind: 'share-withheld', reason: 'small-month', of: { kind: 'count', value: total.of } };
  if (total.kind === 'share-withheld') return { ...total, reason: 'small-month' };
  return { kind: 'count-withheld' };
}
