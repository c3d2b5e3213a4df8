import { ValidationError } from './errors.ts';

/** The furthest page any list may be asked for: beyond it an offset would overflow the database's integers. */
export const MAX_PAGE = 100_000;

/**
 * A page number from a link: anything that is not a whole number from 1 reads as the first page
 * (a mistyped link still lands somewhere useful); a number past MAX_PAGE is refused, since no list
 * runs that far and its offset would not fit the database's integers.
 */
export function pageNumber(page: unknown): number {
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) return 1;
  if (page > MAX_PAGE) throw new ValidationError([{ field: 'page', message: `There is no page ${page}: a list has at most ${MAX_PAGE.toLocaleString('en-GB')} pages` }]);
  return page;
}
