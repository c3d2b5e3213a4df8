// The addresses of a child's parents and carers: adding one, changing one, removing one from the record.
const id = (value: string) => encodeURIComponent(value);

export const peoplePaths = {
  addRoute: '/children/:childId/people/new',
  editRoute: '/children/:childId/people/:personId/edit',
  removeRoute: '/children/:childId/people/:personId/remove',
  add: (childId: string) => `/children/${id(childId)}/people/new`,
  edit: (childId: string, personId: string) => `/children/${id(childId)}/people/${id(personId)}/edit`,
  remove: (childId: string, personId: string) => `/children/${id(childId)}/people/${id(personId)}/remove`,
  /** The API's: a person added to the child's record, and one changed or removed from it. */
  api: {
    peopleRoute: '/api/v1/children/:childId/people',
    personRoute: '/api/v1/children/:childId/people/:personId',
    person: (childId: string, personId: string) => `/api/v1/children/${id(childId)}/people/${id(personId)}`,
  },
} as const;
