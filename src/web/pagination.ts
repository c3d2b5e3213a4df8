// Parameters for the GOV.UK pagination component. With many pages it shows the first, the last,
// the current page and its neighbours, with ellipses between, as the design system advises, so
// an officer with 40 pages of cases does not get 40 links.
export interface PaginationParams {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

export function paginationParams(page: number, pageCount: number, hrefFor: (page: number) => string): PaginationParams | undefined {
  if (pageCount <= 1) return undefined;
  const shown = new Set([1, pageCount, page - 1, page, page + 1].filter((number) => number >= 1 && number <= pageCount));
  const numbers = [...shown].sort((a, b) => a - b);
  const items: PaginationParams['items'] = [];
  numbers.forEach((number, index) => {
    const before = numbers[index - 1];
    if (before !== undefined && number - before > 1) items.push(number - before === 2 ? { number: before + 1, href: hrefFor(before + 1), current: false } : { ellipsis: true });
    items.push({ number, href: hrefFor(number), current: number === page });
  });
  return {
    ...(page > 1 ? { previous: { href: hrefFor(page - 1) } } : {}),
    ...(page < pageCount ? { next: { href: hrefFor(page + 1) } } : {}),
    items,
  };
}
