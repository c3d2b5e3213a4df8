import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import { multipartForms } from '../documents/index.ts';
import { signedIn } from '../portal-auth/index.ts';
import { portalSchoolPaths } from './paths.ts';

const T = (name: string) => `portal-school/templates/${name}.njk`;
/** Pages for a signed-in person of a school: never before sign-in. */
const SIGNED_IN = { config: { portal: true } } as const;
/** What the review report's file field offers to choose: a PDF or Word document. */
const REPORT_ACCEPT = '.pdf,.docx';

type SchoolParams = { Params: { schoolId: string }; Querystring: { added?: string; removed?: string } };
type RemoveParams = { Params: { schoolId: string; accountId: string } };

/**
 * The school and college portal: thin routes over PortalSchoolService, which decides what the
 * person may see and do. A school account that still owes its second factor is sent to it first.
 */
export async function portalSchoolRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const school = services.portalSchool;
  // The review report's form carries its file: a report of up to 5,000 characters, each up to 4 bytes in UTF-8.
  await multipartForms(app, { fieldSize: 20_000 });


  app.get(portalSchoolPaths.home, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('home'), { schools: await school.schools(actor) });
  });

  app.get<SchoolParams>(portalSchoolPaths.staffPattern, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const { added, removed } = request.query;
    return reply.page(T('staff'), { ...(await school.staff(actor, request.params.schoolId)), added: added === '1', removed: removed === '1' });
  });

  app.get<SchoolParams>(portalSchoolPaths.addStaffPattern, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const { school: found } = await school.staff(actor, request.params.schoolId);
    if (!found.mayManageStaff) return reply.code(403).page(T('not-administrator'), { school: found });
    return reply.page(T('add-staff'), { school: found, values: { role: 'school-staff' } });
  });

  app.post<SchoolParams>(portalSchoolPaths.addStaffPattern, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const { schoolId } = request.params;
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => school.addStaff(actor, schoolId, { name: values.name ?? '', email: values.email ?? '', role: values.role ?? '' }),
      redirectTo: () => `${portalSchoolPaths.staff(schoolId)}?added=1`,
      template: T('add-staff'),
      context: async () => ({ school: (await school.staff(actor, schoolId)).school }),
      conflictField: 'email',
    });
  });

  app.post<RemoveParams>(portalSchoolPaths.removeStaffPattern, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const { schoolId, accountId } = request.params;
    return handleForm(reply, formBody(request.body), {
      submit: () => school.removeStaff(actor, schoolId, accountId),
      redirectTo: () => `${portalSchoolPaths.staff(schoolId)}?removed=1`,
      template: T('staff'),
      context: () => school.staff(actor, schoolId),
      conflictField: 'staff',
    });
  });

  app.get(portalSchoolPaths.pupils, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('pupils'), { pupils: await school.pupils(actor) });
  });

  app.get<{ Params: { childId: string } }>(portalSchoolPaths.pupilPattern, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('pupil'), await school.pupil(actor, request.params.childId));
  });

  app.get(portalSchoolPaths.consultations, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('consultations'), { consultations: await school.consultations(actor) });
  });

  app.get<{ Params: { consultationId: string }; Querystring: { answered?: string } }>(portalSchoolPaths.consultationPattern, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('consultation'), { consultation: await school.consultation(actor, request.params.consultationId), values: {}, answered: request.query.answered === '1' });
  });

  app.post<{ Params: { consultationId: string } }>(portalSchoolPaths.consultationPattern, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const { consultationId } = request.params;
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => school.answerConsultation(actor, consultationId, { response: values.response ?? '', reasons: values.reasons ?? '', version: values.version ?? '' }),
      redirectTo: () => `${portalSchoolPaths.consultation(consultationId)}?answered=1`,
      template: T('consultation'),
      context: async () => ({ consultation: await school.consultation(actor, consultationId) }),
      conflictField: 'response',
    });
  });

  app.get(portalSchoolPaths.reviews, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('reviews'), { reviews: await school.reviews(actor) });
  });

  app.get<{ Params: { reviewId: string }; Querystring: { sent?: string } }>(portalSchoolPaths.reviewPattern, SIGNED_IN, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    return reply.page(T('review'), { review: await school.review(actor, request.params.reviewId), accept: REPORT_ACCEPT, values: {}, sent: request.query.sent === '1' });
  });

  // Only the review in the address is written to: any other field naming a child, a case or a review is ignored.
  app.post<{ Params: { reviewId: string } }>(portalSchoolPaths.reviewPattern, { config: { portal: true, multipart: true } }, async (request, reply) => {
    const actor = signedIn(request, reply);
    if (!actor) return reply;
    const { reviewId } = request.params;
    const values = formBody(request.body);
    return handleForm(reply, values, {
      submit: () => school.submitReport(actor, reviewId, { report: values.report ?? '', version: values.version ?? '', file: request.upload?.field === 'file' ? request.upload : undefined }),
      redirectTo: () => `${portalSchoolPaths.review(reviewId)}?sent=1`,
      template: T('review'),
      context: async () => ({ review: await school.review(actor, reviewId), accept: REPORT_ACCEPT }),
      conflictField: 'report',
    });
  });
}
