// The audit log's pages for administrators: route patterns and typed URL builders.
const id = (value: string) => encodeURIComponent(value);

/** A trail's filters as the form sends them: each date as its three boxes. */
export type TrailQuery = Record<string, string>;

const withQuery = (path: string, query: TrailQuery, page?: number) => {
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ''));
  if (page !== undefined) search.set('page', String(page));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

export const auditPaths = {
  home: '/audit',
  /** The form on the audit log's page that picks a member of staff. */
  staffChoice: '/audit/staff',
  staffRoute: '/audit/staff/:userId',
  childRoute: '/audit/children/:childId',
  staff: (userId: string) => `/audit/staff/${id(userId)}`,
  child: (childId: string) => `/audit/children/${id(childId)}`,
  staffPage: (userId: string, query: TrailQuery, page: number) => withQuery(`/audit/staff/${id(userId)}`, query, page),
  childPage: (childId: string, query: TrailQuery, page: number) => withQuery(`/audit/children/${id(childId)}`, query, page),
  /** The access log: who viewed a child, what a member of staff viewed. */
  access: '/audit/access',
  /** The access log's form that finds a child by name, UPN or case reference. */
  accessFind: '/audit/access/find',
  accessStaffChoice: '/audit/access/staff',
  accessChildRoute: '/audit/access/children/:childId',
  accessStaffRoute: '/audit/access/staff/:userId',
  accessChild: (childId: string, query: TrailQuery = {}) => withQuery(`/audit/access/children/${id(childId)}`, query),
  accessStaff: (userId: string, query: TrailQuery = {}) => withQuery(`/audit/access/staff/${id(userId)}`, query),
  accessChildPage: (childId: string, query: TrailQuery, page: number) => withQuery(`/audit/access/children/${id(childId)}`, query, page),
  accessStaffPage: (userId: string, query: TrailQuery, page: number) => withQuery(`/audit/access/staff/${id(userId)}`, query, page),
  /** The report of unusual access over a period. */
  unusual: '/audit/unusual',
} as const;
