// Allocation's addresses: the route patterns the routes register and the URLs that link to them.
const id = (value: string) => encodeURIComponent(value);

export const allocationPaths = {
  /** The unallocated queue with a box against each case, and the officer to give them to. */
  allocate: '/team/allocate',
  allocatePage: (page: number) => `/team/allocate?page=${page}`,
  /** Back on the queue after an allocation, with the banner saying what was done. */
  allocated: (count: number, officerId: string, unsent: number) => `/team/allocate?allocated=${count}&to=${id(officerId)}&unsent=${unsent}`,
  /** A case's named officer, who has held it, and (for a manager) the form to change it. */
  caseOfficerRoute: '/cases/:caseId/officer',
  caseOfficer: (caseId: string) => `/cases/${id(caseId)}/officer`,
  caseOfficerSaved: (caseId: string, unsent: boolean) => `/cases/${id(caseId)}/officer?saved=${unsent ? 'unsent' : 'sent'}`,
  api: {
    allocations: '/api/v1/allocations',
    caseload: '/api/v1/caseload',
  },
} as const;
