// The family portal's pages: each linked child's case, the plan and the letters, and the family's
// comments on a draft plan. Other features link to the case page and the plan page by these paths.
const id = (value: string) => encodeURIComponent(value);

export const portalFamilyPaths = {
  childRoute: '/portal/children/:childId',
  /** The child's case in plain words: the stage, what happens next and by when, the officer, the plan and the letters. */
  child: (childId: string) => `/portal/children/${id(childId)}`,
  planRoute: '/portal/children/:childId/plan',
  /** The plan as issued: the draft sent for comments, or the final plan. */
  plan: (childId: string) => `/portal/children/${id(childId)}/plan`,
  planPdfRoute: '/portal/children/:childId/plan/pdf',
  planPdf: (childId: string) => `/portal/children/${id(childId)}/plan/pdf`,
  planDocxRoute: '/portal/children/:childId/plan/docx',
  planDocx: (childId: string) => `/portal/children/${id(childId)}/plan/docx`,
  commentRoute: '/portal/children/:childId/plan/comment',
  comment: (childId: string, section?: string) => `/portal/children/${id(childId)}/plan/comment${section ? `?section=${id(section)}` : ''}`,
  commentSent: (childId: string, late: boolean) => `/portal/children/${id(childId)}/plan?sent=${late ? 'late' : 'comment'}`,
  schoolRoute: '/portal/children/:childId/plan/school',
  school: (childId: string) => `/portal/children/${id(childId)}/plan/school`,
  schoolSent: (childId: string, late: boolean) => `/portal/children/${id(childId)}/plan?sent=${late ? 'late' : 'school'}`,
  letterRoute: '/portal/children/:childId/letters/:letterId',
  letter: (childId: string, letterId: string) => `/portal/children/${id(childId)}/letters/${id(letterId)}`,
  contactRoute: '/portal/children/:childId/contact',
  /** Ask a question or make a complaint about the child's case. */
  contact: (childId: string) => `/portal/children/${id(childId)}/contact`,
  contactSent: (childId: string, reference: string) => `/portal/children/${id(childId)}?sent=${id(reference)}`,
  viewsRoute: '/portal/children/:childId/views',
  /** The family's views, interests and aspirations for section A of the plan. */
  views: (childId: string) => `/portal/children/${id(childId)}/views`,
  viewsSent: (childId: string) => `/portal/children/${id(childId)}?saved=views#views`,
  documentsRoute: '/portal/children/:childId/documents',
  /** Send a document for the case, and the documents this person sent. */
  documents: (childId: string) => `/portal/children/${id(childId)}/documents`,
  documentSent: (childId: string) => `/portal/children/${id(childId)}/documents?saved=document`,
  sharingRoute: '/portal/children/:childId/sharing',
  sharing: (childId: string) => `/portal/children/${id(childId)}/sharing`,
  sharingSaved: (childId: string) => `/portal/children/${id(childId)}?saved=sharing`,
} as const;
