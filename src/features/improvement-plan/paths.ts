// The improvement plan: route patterns and URL builders.

const base = '/improvement-plan';
const enc = encodeURIComponent;

export const improvementPlanPaths = {
  plan: base,
  newAreaRoute: `${base}/areas/new`,
  areaRoute: `${base}/areas/:areaId`,
  editAreaRoute: `${base}/areas/:areaId/edit`,
  newActionRoute: `${base}/areas/:areaId/actions/new`,
  bindAreaMeasureRoute: `${base}/areas/:areaId/measures/new`,
  actionRoute: `${base}/actions/:actionId`,
  statusRoute: `${base}/actions/:actionId/status`,
  ownerRoute: `${base}/actions/:actionId/owner`,
  milestoneRoute: `${base}/actions/:actionId/milestones/new`,
  milestoneDoneRoute: `${base}/actions/:actionId/milestones/:milestoneId/done`,
  evidenceRoute: `${base}/actions/:actionId/evidence/new`,
  evidenceDocumentRoute: `${base}/actions/:actionId/evidence/documents/new`,
  /** A document kept as evidence, downloaded. */
  evidenceDownloadRoute: `${base}/evidence/:evidenceId`,
  bindActionMeasureRoute: `${base}/actions/:actionId/measures/new`,
  targetRoute: `${base}/measures/:bindingId/target`,
  meetings: `${base}/meetings`,
  newMeetingRoute: `${base}/meetings/new`,
  meetingRoute: `${base}/meetings/:meetingId`,
  correctMeetingRoute: `${base}/meetings/:meetingId/correct`,
  changes: `${base}/changes`,
  /** The manager's choices for the public page; the page itself is at publicPageAddress(laCode). */
  publicPageSettings: `${base}/public-page`,
  publicPageRoute: '/our-improvement-plan/:laCode',
  boardPack: `${base}/board-pack`,
  boardPackView: `${base}/board-pack/as-at`,
  boardPackPdf: `${base}/board-pack.pdf`,
  boardPackMeasureRoute: `${base}/board-pack/measures/:bindingId`,

  area: (areaId: string) => `${base}/areas/${enc(areaId)}`,
  editArea: (areaId: string) => `${base}/areas/${enc(areaId)}/edit`,
  newAction: (areaId: string) => `${base}/areas/${enc(areaId)}/actions/new`,
  bindAreaMeasure: (areaId: string) => `${base}/areas/${enc(areaId)}/measures/new`,
  action: (actionId: string) => `${base}/actions/${enc(actionId)}`,
  status: (actionId: string) => `${base}/actions/${enc(actionId)}/status`,
  owner: (actionId: string) => `${base}/actions/${enc(actionId)}/owner`,
  milestone: (actionId: string) => `${base}/actions/${enc(actionId)}/milestones/new`,
  milestoneDone: (actionId: string, milestoneId: string) => `${base}/actions/${enc(actionId)}/milestones/${enc(milestoneId)}/done`,
  evidence: (actionId: string) => `${base}/actions/${enc(actionId)}/evidence/new`,
  evidenceDocument: (actionId: string) => `${base}/actions/${enc(actionId)}/evidence/documents/new`,
  evidenceDownload: (evidenceId: string) => `${base}/evidence/${enc(evidenceId)}`,
  bindActionMeasure: (actionId: string) => `${base}/actions/${enc(actionId)}/measures/new`,
  target: (bindingId: string) => `${base}/measures/${enc(bindingId)}/target`,
  meeting: (meetingId: string) => `${base}/meetings/${enc(meetingId)}`,
  correctMeeting: (meetingId: string) => `${base}/meetings/${enc(meetingId)}/correct`,
  boardPackMeasure: (bindingId: string) => `${base}/board-pack/measures/${enc(bindingId)}`,
  /** A page after a change, saying what was saved. */
  saved: (path: string, what: string) => `${path}?saved=${enc(what)}`,
};
