const id = (value: string) => encodeURIComponent(value);

/** What a contact's page says was done. */
export type ContactSaved = 'logged' | 'responded' | 'escalated' | 'referred' | 'remedy' | 'action-done' | 'closed';

/** The register's filter, as its query string (and the report's links to it). */
export interface RegisterLink {
  kind?: string;
  status?: string;
  owner?: string;
  overdue?: string;
  month?: string;
  theme?: string;
  outcome?: string;
  answered?: string;
  child?: string;
  page?: number;
}

const REGISTER_KEYS = ['kind', 'status', 'owner', 'overdue', 'month', 'theme', 'outcome', 'answered', 'child', 'page'] as const;

function register(filter: RegisterLink = {}): string {
  const query = new URLSearchParams();
  for (const key of REGISTER_KEYS) {
    const value = filter[key];
    if (value !== undefined && value !== '' && !(key === 'page' && value === 1)) query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `/contacts?${text}` : '/contacts';
}

export const contactsPaths = {
  /** The register of contacts, complaints and information requests. */
  register,
  registerRoute: '/contacts',
  newContactRoute: '/contacts/new',
  newContact: (childId?: string) => (childId ? `/contacts/new?childId=${id(childId)}` : '/contacts/new'),
  policyRoute: '/contacts/policy',
  policy: '/contacts/policy',
  reportRoute: '/contacts/report',
  report: (year?: number) => (year ? `/contacts/report?year=${year}` : '/contacts/report'),
  reportCsvRoute: '/contacts/report.csv',
  reportCsv: (year: number) => `/contacts/report.csv?year=${year}`,
  contactRoute: '/contacts/:contactId',
  contact: (contactId: string) => `/contacts/${id(contactId)}`,
  contactSaved: (contactId: string, saved: ContactSaved) => `/contacts/${id(contactId)}?saved=${saved}`,
  respondRoute: '/contacts/:contactId/response',
  respond: (contactId: string) => `/contacts/${id(contactId)}/response`,
  escalateRoute: '/contacts/:contactId/escalation',
  escalate: (contactId: string) => `/contacts/${id(contactId)}/escalation`,
  remedyRoute: '/contacts/:contactId/remedies',
  remedy: (contactId: string) => `/contacts/${id(contactId)}/remedies`,
  remedyDoneRoute: '/contacts/:contactId/remedies/:remedyId/done',
  remedyDone: (contactId: string, remedyId: string) => `/contacts/${id(contactId)}/remedies/${id(remedyId)}/done`,
  closeRoute: '/contacts/:contactId/close',
  close: (contactId: string) => `/contacts/${id(contactId)}/close`,
  api: {
    contactsRoute: '/api/v1/contacts',
    contact: (contactId: string) => `/api/v1/contacts/${id(contactId)}`,
  },
} as const;
