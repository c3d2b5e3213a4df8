import { dateFromParts, enteredDate, singleValue } from '../../web/date-input.ts';
import type { TrailQuery } from './paths.ts';

/** The trail's filter as typed, to fill the form again and to carry into the page links. */
export function trailQuery(query: Record<string, unknown>): TrailQuery {
  const entered: TrailQuery = {};
  for (const name of ['from', 'to']) {
    for (const [part, value] of Object.entries(enteredDate(query, name))) entered[`${name}-${part}`] = value;
  }
  return entered;
}

export const filtersOf = (query: Record<string, unknown>) => ({ from: dateFromParts(query, 'from'), to: dateFromParts(query, 'to'), page: Number(singleValue(query, 'page') || 1) });

