// The advice givers' pages of the portal: their awaited requests for advice and where they send it.
const id = (value: string) => encodeURIComponent(value);

export const portalProfessionalPaths = {
  requests: '/portal/advice',
  /** The list after advice was sent: the request is closed, so it says so without naming the child. */
  requestsAfterSending: '/portal/advice?sent=1',
  requestPattern: '/portal/advice/:requestId',
  request: (requestId: string) => `/portal/advice/${id(requestId)}`,
} as const;
