import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { ValidationError } from '../../lib/errors.ts';
import { formBody, formErrors, handleForm } from '../../web/forms.ts';
import { longMoment } from '../../web/long-date.ts';
import type { Actor } from '../auth/index.ts';
import { attachmentDisposition } from '../documents/index.ts';
import type { ImportRefusal } from '../../domain/imports/cases.ts';
import { casesImportPaths } from './paths.ts';
import { countsOf, modeText, progressText, refusalsCsv, refusalsTable, runsTable, stateTag } from './presenters.ts';
import { sizeInWords, UPLOAD_FILES, UPLOAD_KEPT_DAYS } from './upload.ts';
import { importUploadForms } from './upload-form.ts';

const RUNS_TEMPLATE = 'cases-import/templates/imports.njk';
const RUN_TEMPLATE = 'cases-import/templates/run.njk';

export async function casesImportRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const uploads = services.importUploads;
  const readUpload = await importUploadForms(app, uploads);

  const runsContext = async (actor: Actor) => ({
    runsTable: runsTable(await uploads.runs(actor)),
    maxSize: sizeInWords(uploads.maxFileBytes),
    optionalFiles: UPLOAD_FILES.filter((spec) => !spec.required && spec.kind === 'csv'),
  });

  app.get(casesImportPaths.runs, async (request, reply) => reply.page(RUNS_TEMPLATE, { ...(await runsContext(request.actor!)), values: { mode: 'dry-run' } }));

  app.post(casesImportPaths.runs, { preValidation: readUpload }, async (request, reply) => {
    const actor = request.actor!;
    const values = formBody(request.body);
    const upload = request.importUpload ?? { folder: uploads.newFolder(actor).folder, files: [] };
    return handleForm(reply, { mode: values.mode ?? '' }, {
      submit: () => uploads.queue(actor, upload, values.mode),
      redirectTo: (runId) => casesImportPaths.run(runId),
      template: RUNS_TEMPLATE,
      context: () => runsContext(actor),
      conflictField: 'children',
    });
  });

  const runPage = async (reply: FastifyReply, actor: Actor, runId: string, errors?: ReturnType<typeof formErrors>) => {
    const run = await uploads.run(actor, runId);
    const refusals = run.refusals as ImportRefusal[];
    const counts = countsOf(run);
    const total = run.childrenTotal;
    return reply.code(errors ? 400 : 200).page(RUN_TEMPLATE, {
      run,
      errors,
      counts,
      mode: modeText(run.mode),
      started: longMoment(run.startedAt),
      finished: longMoment(run.finishedAt),
      state: stateTag(run.status),
      inProgress: run.status === 'queued' || run.status === 'running',
      progress: { done: run.childrenDone, total, text: progressText(run.childrenDone, total) },
      refusalsTable: refusals.length > 0 ? refusalsTable(refusals) : undefined,
      refusalsShown: refusals.length,
      canApply: run.mode === 'dry-run' && run.status === 'finished' && run.folder !== null && run.filesRemovedAt === null,
      filesRemoved: run.filesRemovedAt ? longMoment(run.filesRemovedAt) : undefined,
      keptUntil: run.finishedAt && run.folder && !run.filesRemovedAt ? longMoment(new Date(run.finishedAt.getTime() + UPLOAD_KEPT_DAYS * 86_400_000)) : undefined,
    });
  };

  app.get<{ Params: { runId: string } }>(casesImportPaths.runRoute, async (request, reply) => runPage(reply, request.actor!, request.params.runId));

  app.get<{ Params: { runId: string } }>(casesImportPaths.progressRoute, async (request, reply) => {
    const progress = await uploads.progress(request.actor!, request.params.runId);
    return reply.send({ ...progress, text: progressText(progress.done, progress.total) });
  });

  app.get<{ Params: { runId: string } }>(casesImportPaths.refusalsRoute, async (request, reply) => {
    const run = await uploads.refusalsToDownload(request.actor!, request.params.runId);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(`refused-rows-${run.startedAt.toISOString().slice(0, 10)}.csv`))
      .header('cache-control', 'no-store')
      .send(refusalsCsv(run.refusals as ImportRefusal[]));
  });

  app.post<{ Params: { runId: string } }>(casesImportPaths.applyRoute, async (request, reply) => {
    const actor = request.actor!;
    try {
      const runId = await uploads.applyDryRun(actor, request.params.runId);
      return reply.redirect(casesImportPaths.run(runId), 303);
    } catch (error) {
      if (error instanceof ValidationError) return runPage(reply, actor, request.params.runId, formErrors(error.problems));
      throw error;
    }
  });
}
