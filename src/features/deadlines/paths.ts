export const deadlinesPaths = {
  team: '/team/deadlines',
  /** A page of the team view, keeping its filters. */
  teamPage: (filters: { team?: string | undefined; officer?: string | undefined; stage?: string | undefined }, page: number) => {
    const query = new URLSearchParams({
      ...(filters.team ? { team: filters.team } : {}),
      ...(filters.officer ? { officer: filters.officer } : {}),
      ...(filters.stage ? { stage: filters.stage } : {}),
    }).toString();
    return `/team/deadlines?${query ? `${query}&` : ''}page=${page}`;
  },
} as const;
