import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { ValidationError } from '../../lib/errors.ts';
import { enteredDate, isoFromEntered } from '../../web/date-input.ts';
import { formErrors } from '../../web/forms.ts';
import { attachmentDisposition } from '../documents/index.ts';
import { childrenPaths } from '../children/index.ts';
import { sen2Paths } from './paths.ts';
import { countRows, sen2Filename } from './presenters.ts';

type Query = { Querystring: Record<string, unknown> };
const TEMPLATE = 'sen2/templates/sen2.njk';

const typed = (query: Record<string, unknown>) => {
  const entered = enteredDate(query, 'censusDate');
  return { 'censusDate-day': entered.day, 'censusDate-month': entered.month, 'censusDate-year': entered.year };
};
const asked = (query: Record<string, unknown>) => Object.values(typed(query)).some((value) => value !== '');

export async function sen2Routes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<Query>(sen2Paths.page, async (request, reply) => {
    const values = typed(request.query);
    if (!asked(request.query)) {
      services.sen2.checkAccess(request.actor!);
      return reply.page(TEMPLATE, { values });
    }
    let result;
    try {
      result = await services.sen2.report(request.actor!, isoFromEntered(enteredDate(request.query, 'censusDate')));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).page(TEMPLATE, { values, errors: formErrors(error.problems, { censusDate: 'censusDate-day' }) });
    }
    return reply.page(TEMPLATE, {
      values,
      result,
      counts: countRows(result.counts),
      groups: result.groups.map((group) => ({ ...group, entries: group.entries.map((entry) => ({ ...entry, href: childrenPaths.record(entry.childId) })) })),
      downloadHref: sen2Paths.file(result.period.censusDate),
    });
  });

  app.get<Query>(sen2Paths.download, async (request, reply) => {
    const censusDate = isoFromEntered(enteredDate(request.query, 'censusDate'));
    try {
      services.sen2.checkAccess(request.actor!);
      services.sen2.checkCensusDate(censusDate);
    } catch (error) {
      // The page says what is wrong with the date.
      if (error instanceof ValidationError) return reply.redirect(`${sen2Paths.page}?${new URLSearchParams(typed(request.query) as Record<string, string>).toString()}`, 303);
      throw error;
    }
    const authority = await services.sen2.authorityOf(request.actor!);
    const body = new PassThrough();
    // Written as it is read: a failure part-way ends the download broken, never a file that looks whole.
    services.sen2.export(request.actor!, censusDate, body).then(
      () => body.end(),
      (error: unknown) => {
        request.log.error({ err: error }, 'the SEN2 return could not be made');
        body.destroy(error as Error);
      },
    );
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', attachmentDisposition(sen2Filename(authority.laCode, censusDate)))
      .header('cache-control', 'no-store')
      .send(body);
  });
}

