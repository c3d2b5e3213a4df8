import { PHASE_MOVE_IDS, PHASE_MOVES, TRANSFER_STANDINGS } from '../../domain/transfers/index.ts';
import { phaseTransfersPaths } from './paths.ts';
import { STANDING_TITLES, type CohortView } from './service.ts';

/** The filter links above the list: each move and each standing with its count, the chosen one marked. */
export function cohortFilters(cohort: CohortView) {
  const { year, filters } = cohort;
  return {
    moves: [
      { text: 'All moves', count: cohort.counts.total, href: phaseTransfersPaths.cohort({ year, standing: filters.standing }), current: filters.move === null },
      ...cohort.moves.map((entry) => ({ text: entry.title, count: entry.count, href: phaseTransfersPaths.cohort({ year, move: entry.move, standing: filters.standing }), current: filters.move === entry.move })),
    ],
    standings: [
      { text: 'Every standing', count: cohort.counts.total, href: phaseTransfersPaths.cohort({ year, move: filters.move }), current: filters.standing === null },
      ...TRANSFER_STANDINGS.map((standing) => ({
        text: STANDING_TITLES[standing],
        count: cohort.counts[standing],
        href: phaseTransfersPaths.cohort({ year, move: filters.move, standing }),
        current: filters.standing === standing,
      })),
    ],
    years: [year - 1, year, year + 1].map((entry) => ({ text: `September ${entry}`, href: phaseTransfersPaths.cohort({ year: entry }), current: entry === year })),
    moveTitle: filters.move ? PHASE_MOVES[filters.move].title : null,
    knownMoves: PHASE_MOVE_IDS.length,
  };
}

/** The previous and next pages, when there are more than one. */
export function cohortPagination(cohort: CohortView) {
  if (cohort.pages <= 1) return null;
  const link = (page: number) => phaseTransfersPaths.cohort({ year: cohort.year, move: cohort.filters.move, standing: cohort.filters.standing, page });
  return {
    previous: cohort.page > 1 ? link(cohort.page - 1) : null,
    next: cohort.page < cohort.pages ? link(cohort.page + 1) : null,
    text: `Page ${cohort.page} of ${cohort.pages}`,
  };
}
