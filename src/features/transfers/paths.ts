const id = (value: string) => encodeURIComponent(value);

/** What a page says was saved, on the case's moves page. */
export type TransferSaved = 'out' | 'sent' | 'in' | 'told';

export const transfersPaths = {
  caseTransfersRoute: '/cases/:caseId/transfers',
  caseTransfers: (caseId: string) => `/cases/${id(caseId)}/transfers`,
  caseTransfersSaved: (caseId: string, saved: TransferSaved) => `/cases/${id(caseId)}/transfers?saved=${saved}`,
  transferOutRoute: '/cases/:caseId/transfers/out',
  transferOut: (caseId: string) => `/cases/${id(caseId)}/transfers/out`,
  transferInRoute: '/children/:childId/transfer-in',
  transferIn: (childId: string) => `/children/${id(childId)}/transfer-in`,
  planSentRoute: '/transfers/:transferId/plan-sent',
  planSent: (transferId: string) => `/transfers/${id(transferId)}/plan-sent`,
  familyToldRoute: '/transfers/:transferId/family-told',
  familyTold: (transferId: string) => `/transfers/${id(transferId)}/family-told`,
  /** The API's. */
  api: {
    caseTransfersRoute: '/api/v1/cases/:caseId/transfers',
    caseTransfers: (caseId: string) => `/api/v1/cases/${id(caseId)}/transfers`,
    transferOutRoute: '/api/v1/cases/:caseId/transfers/out',
    transferInRoute: '/api/v1/children/:childId/transfers/in',
    planSentRoute: '/api/v1/transfers/:transferId/plan-sent',
  },
} as const;
