// The team's pages, for managers, and the service's figures: route patterns and URL builders.
export const caseloadPaths = {
  /** A manager's home: the team's deadlines and the unallocated queue at a glance. */
  team: '/team',
  unallocated: '/team/unallocated',
  unallocatedPage: (page: number) => `/team/unallocated?page=${page}`,
  /** The improvement board's home: figures only. */
  figures: '/figures',
} as const;
