import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { ETHNICITY_CODES, ETHNICITY_NAMES, UPN_UNKNOWN_CODES } from '../../domain/sen2/codes.ts';
import { DATE_PARTS } from '../../web/date-input.ts';
import { dateFromParts, formBody, handleForm } from '../../web/forms.ts';
import { childrenApiSchemas } from './api-schemas.ts';
import { childrenPaths } from './paths.ts';
import type { ChildDetailsPatch } from './service.ts';
import { govukSummaryList } from '../../web/govuk-markup.ts';
import { caseDeadlinesTable, caseSummaryList, childDetailsList, sen2Rows } from './presenters.ts';

const EDIT_TEMPLATE = 'children/templates/edit-child.njk';

/** The ethnicity codes as the edit page offers them, in the DfE's order. */
const ETHNICITY_CHOICES = ETHNICITY_CODES.map((code) => ({ code, name: ETHNICITY_NAMES[code] }));

const SAVED_MESSAGES: Record<string, string> = {
  request: 'Request recorded. The 6-week and 20-week clocks have started.',
  step: 'Step recorded. The deadlines have been worked out again.',
  exception: 'Exception recorded. No deadline has moved.',
  details: 'Details saved.',
  correction: 'Correction recorded. The stage and deadlines have been worked out again.',
  document: 'Document added.',
  'person-added': 'Parent or carer added.',
  'person-changed': 'Parent or carer’s details saved.',
  'person-removed': 'Removed from the child’s record.',
  'young-person-choice': 'The young person’s choice is recorded. Their family’s access to the portal follows it from now.',
};

export async function childRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Params: { childId: string }; Querystring: { saved?: string } }>(childrenPaths.recordRoute, async (request, reply) => {
    const record = await services.children.childRecord(request.actor!, request.params.childId);
    const saved = request.query.saved;
    return reply.page('children/templates/child.njk', {
      record,
      disputes: record.disputes,
      disputesCaseId: record.openCase?.id ?? record.earlierCases[0]?.id,
      caseSummary: caseSummaryList(record),
      childDetails: childDetailsList(record),
      deadlinesTable: caseDeadlinesTable(record.deadlines),
      earlierCases: record.earlierCases.map((entry) => ({
        ...entry,
        deadlinesTable: entry.deadlines.length ? caseDeadlinesTable(entry.deadlines) : undefined,
        sen2List: entry.sen2 ? govukSummaryList(sen2Rows(entry.sen2)) : undefined,
      })),
      // Own keys only: `?saved=constructor` must not reach Object.prototype.
      saved: saved ? (Object.hasOwn(SAVED_MESSAGES, saved) ? SAVED_MESSAGES[saved] : 'Saved') : undefined,
    });
  });

  app.get<{ Params: { childId: string } }>(childrenPaths.editRoute, async (request, reply) => {
    const record = await services.children.childRecord(request.actor!, request.params.childId, 'edit');
    const [year, month, day] = record.child.dateOfBirth.split('-');
    return reply.page(EDIT_TEMPLATE, {
      childId: record.child.id,
      school: record.school,
      ethnicities: ETHNICITY_CHOICES,
      upnUnknownCodes: UPN_UNKNOWN_CODES,
      values: {
        ...record.child,
        'dateOfBirth-day': String(Number(day)),
        'dateOfBirth-month': String(Number(month)),
        'dateOfBirth-year': year,
        schoolUrn: record.school ? String(record.school.urn) : '',
      },
    });
  });

  app.post<{ Params: { childId: string } }>(childrenPaths.editRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { childId } = request.params;
    return handleForm(reply, values, {
      submit: () =>
        services.children.updateChildDetails(request.actor!, childId, {
          version: Number(values.version),
          forename: values.forename ?? '',
          surname: values.surname ?? '',
          preferredName: values.preferredName,
          upn: values.upn,
          upnUnknown: values.upnUnknown,
          ethnicity: values.ethnicity,
          postcode: values.postcode,
          // A form without the date boxes or the school's (an older page still open) leaves them as they are.
          dateOfBirth: DATE_PARTS.some((part) => Object.hasOwn(values, `dateOfBirth-${part}`)) ? dateFromParts(values, 'dateOfBirth') : undefined,
          sex: (values.sex || undefined) as 'M' | 'F' | 'U' | undefined,
          schoolUrn: values.schoolUrn,
        }),
      redirectTo: () => childrenPaths.recordSaved(childId, 'details'),
      template: EDIT_TEMPLATE,
      context: () => ({ childId, ethnicities: ETHNICITY_CHOICES, upnUnknownCodes: UPN_UNKNOWN_CODES }),
      fieldIds: { dateOfBirth: 'dateOfBirth-day' },
      conflictField: 'forename',
    });
  });

  app.get<{ Params: { childId: string } }>(
    childrenPaths.api.childRoute,
    { schema: childrenApiSchemas.record },
    async (request) => {
      const record = await services.children.childRecord(request.actor!, request.params.childId, 'api:child');
      return {
        child: {
          id: record.child.id,
          forename: record.child.forename,
          surname: record.child.surname,
          preferredName: record.child.preferredName,
          dateOfBirth: record.child.dateOfBirth,
          sex: record.child.sex,
          ethnicity: record.child.ethnicity,
          upn: record.child.upn,
          upnUnknown: record.child.upnUnknown,
          postcode: record.child.postcode,
          version: record.child.version,
        },
        school: record.school ? { urn: record.school.urn, name: record.school.name } : null,
        people: record.people,
        case: record.openCase
          ? { id: record.openCase.id, reference: record.openCase.reference, stage: record.openCase.stage, officer: record.officer?.name ?? null, unallocatedSince: record.openCase.unallocatedSince }
          : null,
        deadlines: record.deadlines.map((deadline) => ({ id: deadline.deadlineId, title: deadline.title, due: deadline.dueOn, basis: deadline.basis, met: deadline.metOn, status: deadline.status })),
        events: record.events.map((event) => ({ id: event.id, type: event.type, occurredOn: event.occurredOn, recordedAt: event.recordedAt, reason: event.reason })),
      };
    },
  );

  app.patch<{ Params: { childId: string }; Body: ChildDetailsPatch }>(childrenPaths.api.childRoute, { schema: childrenApiSchemas.changeDetails }, async (request) =>
    services.children.changeChildDetails(request.actor!, request.params.childId, request.body),
  );
}
