// Allocation's addresses: the route patterns the routes register and the URLs that link to them.
import { caseloadPaths } from '../caseload/index.ts';

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
  /** A leaving officer's whole caseload, handed over as suggested or as the manager adjusts it. */
  handoverRoute: '/team/caseloads/handover/:officerId',
  handover: caseloadPaths.handover,
  /** The officer's leaving date, set from the hand-over page. */
  leavingRoute: '/team/caseloads/handover/:officerId/leaving',
  leaving: (officerId: string) => `/team/caseloads/handover/${id(officerId)}/leaving`,
  leavingSaved: (officerId: string) => `/team/caseloads/handover/${id(officerId)}?leaving=saved`,
  /** Back on the caseloads page once the hand-over is done, with the banner saying what was done. */
  // Every team: the leaving officer and those who took their cases may be in different teams.
  handedOver: (officerId: string, count: number, unsent: number) => `/team/caseloads?team=all&handedOver=${count}&from=${id(officerId)}&unsent=${unsent}`,
  api: {
    allocations: '/api/v1/allocations',
    /** One case's officer: PUT changes it, from the officer the client saw. */
    caseOfficerRoute: '/api/v1/cases/:caseId/officer',
    caseload: '/api/v1/caseload',
    handovers: '/api/v1/handovers',
    handoverSuggestion: '/api/v1/handovers/:officerId/suggestion',
  },
} as const;
