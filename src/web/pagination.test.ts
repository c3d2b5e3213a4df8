import { describe, expect, it } from 'vitest';
import { paginationParams } from './pagination.ts';

const href = (page: number) => `/cases?page=${page}`;
const labels = (page: number, count: number) => paginationParams(page, count, href)!.items.map((item) => ('ellipsis' in item ? '…' : item.current ? `[${item.number}]` : String(item.number)));

describe('pagination', () => {
  it('is absent for a single page', () => {
    expect(paginationParams(1, 1, href)).toBeUndefined();
  });

  it('lists every page when there are few', () => {
    expect(labels(1, 3)).toEqual(['[1]', '2', '3']);
    expect(labels(3, 5)).toEqual(['1', '2', '[3]', '4', '5']);
  });

  it('shows the first, last, current and neighbours, with ellipses between', () => {
    expect(labels(1, 40)).toEqual(['[1]', '2', '…', '40']);
    expect(labels(20, 40)).toEqual(['1', '…', '19', '[20]', '21', '…', '40']);
    expect(labels(40, 40)).toEqual(['1', '…', '39', '[40]']);
  });

  it('fills a gap of one page with the page rather than an ellipsis', () => {
    expect(labels(4, 7)).toEqual(['1', '2', '3', '[4]', '5', '6', '7']);
  });

  it('links previous and next only where they exist', () => {
    expect(paginationParams(1, 3, href)).toMatchObject({ next: { href: '/cases?page=2' } });
    expect(paginationParams(1, 3, href)?.previous).toBeUndefined();
    expect(paginationParams(3, 3, href)).toMatchObject({ previous: { href: '/cases?page=2' } });
    expect(paginationParams(3, 3, href)?.next).toBeUndefined();
  });
});
