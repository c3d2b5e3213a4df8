const id = (value: string) => encodeURIComponent(value);

export const documentsPaths = {
  newDocumentRoute: '/children/:childId/documents/new',
  newDocument: (childId: string) => `/children/${id(childId)}/documents/new`,
  downloadRoute: '/documents/:documentId',
  download: (documentId: string) => `/documents/${id(documentId)}`,
  /** The API's: where a case's documents are posted, and where each one is read. */
  api: {
    caseDocumentsRoute: '/api/v1/cases/:caseId/documents',
    documentRoute: '/api/v1/documents/:documentId',
    caseDocuments: (caseId: string) => `/api/v1/cases/${id(caseId)}/documents`,
    document: (documentId: string) => `/api/v1/documents/${id(documentId)}`,
  },
} as const;
