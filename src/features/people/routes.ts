import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { RELATIONSHIPS } from '../../domain/children/relationships.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { formBody, handleForm } from '../../web/forms.ts';
import type { Actor } from '../auth/index.ts';
import { childrenPaths } from '../children/index.ts';
import { IdempotencyMismatchError } from '../requests/index.ts';
import { sendProblem, STATUS_TITLES } from '../../web/problem.ts';
import { peopleApiSchemas } from './api-schemas.ts';
import { peoplePaths } from './paths.ts';
import type { PersonDetails } from './schemas.ts';
import type { PersonPatch } from './service.ts';

const PERSON_TEMPLATE = 'people/templates/person.njk';
const REMOVE_TEMPLATE = 'people/templates/remove-person.njk';
const RELATIONSHIP_ITEMS = Object.entries(RELATIONSHIPS).map(([value, text]) => ({ value, text }));

type ChildParams = { Params: { childId: string } };
type PersonParams = { Params: { childId: string; personId: string } };

/** Yes or no as a form sends it; anything else is no answer, for the service to ask for. */
const yesNo = (value: string | undefined) => (value === 'yes' ? true : value === 'no' ? false : undefined);

/** The person as the form sends them. */
function personFrom(values: Record<string, string>): PersonDetails {
  return {
    forename: values.forename ?? '',
    surname: values.surname ?? '',
    relationship: values.relationship as PersonDetails['relationship'],
    parentalResponsibility: yesNo(values.parentalResponsibility) as boolean,
    mainContact: values.mainContact === 'yes',
    phone: values.phone,
    email: values.email,
    address: values.address,
    postcode: values.postcode,
    doNotDiscloseAddress: values.doNotDiscloseAddress === 'yes',
  };
}

export async function peopleRoutes(app: FastifyInstance, { services }: { services: Services }) {
  // The forms show the child, and a person's details as the record shows them (a withheld address
  // never): opening one is a view of the record, logged as such.
  const childOf = async (actor: Actor, childId: string) => (await services.children.childRecord(actor, childId, 'people-form')).child;
  const personOf = async (actor: Actor, childId: string, personId: string) => {
    const record = await services.children.childRecord(actor, childId, 'people-form');
    const person = record.people.find((entry) => entry.id === personId);
    if (!person) throw new NotFoundError('No such person on this child’s record');
    return { child: record.child, person };
  };

  app.get<ChildParams>(peoplePaths.addRoute, async (request, reply) => {
    const child = await childOf(request.actor!, request.params.childId);
    return reply.page(PERSON_TEMPLATE, { child, relationships: RELATIONSHIP_ITEMS, values: {} });
  });

  app.post<ChildParams>(peoplePaths.addRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { childId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.people.addPerson(request.actor!, childId, personFrom(values)),
      redirectTo: () => childrenPaths.recordSaved(childId, 'person-added'),
      template: PERSON_TEMPLATE,
      context: async () => ({ child: await childOf(request.actor!, childId), relationships: RELATIONSHIP_ITEMS }),
      conflictField: 'forename',
    });
  });

  app.get<PersonParams>(peoplePaths.editRoute, async (request, reply) => {
    const { child, person } = await personOf(request.actor!, request.params.childId, request.params.personId);
    return reply.page(PERSON_TEMPLATE, {
      child,
      person,
      relationships: RELATIONSHIP_ITEMS,
      values: {
        version: String(person.version),
        forename: person.forename,
        surname: person.surname,
        relationship: person.relationship,
        parentalResponsibility: person.parentalResponsibility ? 'yes' : 'no',
        mainContact: person.mainContact ? 'yes' : '',
        phone: person.phone ?? '',
        email: person.email ?? '',
        // Withheld: never on the page, so the boxes start empty (and empty keeps what is held).
        address: person.address ?? '',
        postcode: person.postcode ?? '',
        doNotDiscloseAddress: person.doNotDiscloseAddress ? 'yes' : '',
      },
    });
  });

  app.post<PersonParams>(peoplePaths.editRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { childId, personId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.people.updatePerson(request.actor!, childId, personId, { ...personFrom(values), version: Number(values.version) }),
      redirectTo: () => childrenPaths.recordSaved(childId, 'person-changed'),
      template: PERSON_TEMPLATE,
      context: async () => ({ ...(await personOf(request.actor!, childId, personId)), relationships: RELATIONSHIP_ITEMS }),
      conflictField: 'forename',
    });
  });

  app.get<PersonParams>(peoplePaths.removeRoute, async (request, reply) => {
    const { child, person } = await personOf(request.actor!, request.params.childId, request.params.personId);
    return reply.page(REMOVE_TEMPLATE, { child, person, values: {} });
  });

  app.post<PersonParams>(peoplePaths.removeRoute, async (request, reply) => {
    const values = formBody(request.body);
    const { childId, personId } = request.params;
    return handleForm(reply, values, {
      submit: () => services.people.unlinkPerson(request.actor!, childId, personId),
      redirectTo: () => childrenPaths.recordSaved(childId, 'person-removed'),
      template: REMOVE_TEMPLATE,
      context: async () => personOf(request.actor!, childId, personId),
      conflictField: 'remove',
    });
  });

  // The same changes through the API, by the same service calls: the same rules, access checks and audit.
  app.post<ChildParams & { Body: PersonDetails }>(peoplePaths.api.peopleRoute, { schema: peopleApiSchemas.add }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    try {
      const { person, replayed } = await services.people.addPerson(request.actor!, request.params.childId, request.body, typeof key === 'string' ? { idempotencyKey: key } : {});
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('location', peoplePaths.api.person(request.params.childId, person.id)).send(person);
    } catch (error) {
      if (!(error instanceof IdempotencyMismatchError)) throw error;
      return sendProblem(reply, { status: 422, title: STATUS_TITLES[422]!, detail: error.message, field: 'Idempotency-Key', errors: [{ field: 'Idempotency-Key', message: error.message }] });
    }
  });

  app.patch<PersonParams & { Body: PersonPatch }>(peoplePaths.api.personRoute, { schema: peopleApiSchemas.change }, async (request) =>
    services.people.changePerson(request.actor!, request.params.childId, request.params.personId, request.body),
  );

  app.delete<PersonParams>(peoplePaths.api.personRoute, { schema: peopleApiSchemas.remove }, async (request, reply) => {
    await services.people.unlinkPerson(request.actor!, request.params.childId, request.params.personId);
    return reply.code(204).send();
  });
}
