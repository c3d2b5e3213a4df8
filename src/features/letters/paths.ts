const id = (value: string) => encodeURIComponent(value);

export const lettersPaths = {
  /** Administrators: the types of letter and the council's details. */
  list: '/letters',
  listSaved: (saved: 'council-details') => `/letters?saved=${saved}`,
  councilDetails: '/letters/council-details',
  templateRoute: '/letters/:letterType',
  template: (type: string) => `/letters/${id(type)}`,
  templateSaved: (type: string, version: number) => `/letters/${id(type)}?saved=${version}`,
  /** The edit form holding the service's standard wording, to save as the council's next version. */
  templateFromStandard: (type: string) => `/letters/${id(type)}?start=standard`,
  /** A letter as it was sent on a case, and its PDF. */
  sentRoute: '/letters/sent/:letterId',
  sent: (letterId: string) => `/letters/sent/${id(letterId)}`,
  pdfRoute: '/letters/sent/:letterId/pdf',
  pdf: (letterId: string) => `/letters/sent/${id(letterId)}/pdf`,
  api: {
    caseLettersRoute: '/api/v1/cases/:caseId/letters',
    letterRoute: '/api/v1/letters/:letterId',
    caseLetters: (caseId: string) => `/api/v1/cases/${id(caseId)}/letters`,
    letter: (letterId: string) => `/api/v1/letters/${id(letterId)}`,
  },
} as const;
