// Reading the upload form: each file streamed to the run's folder as it arrives, never held whole,
// cut at the size limit. The form's text fields come first (the CSRF token among them): a file is
// written only once the token has been found right, and the fields become the request's body, so
// the app's own CSRF check reads them as it reads any form's.
import multipart from '@fastify/multipart';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../lib/errors.ts';
import { requireRole } from '../auth/index.ts';
import { UPLOAD_FILES, type ImportUploadsService, type StoredUpload } from './upload.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The cases import's upload: its folder and the files stored in it. */
    importUpload?: StoredUpload;
  }
}

const CSRF_FIELD = '_csrf';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readUpload(request: FastifyRequest, reply: FastifyReply, uploads: ImportUploadsService): Promise<void> {
  requireRole(request.actor!, 'admin');
  const { folder, directory } = uploads.newFolder(request.actor!);
  const upload: StoredUpload = { folder, files: [] };
  const fields: Record<string, string> = {};
  let tokenChecked = false;
  let made = false;
  try {
    for await (const part of request.parts({ limits: { fileSize: uploads.maxFileBytes, files: UPLOAD_FILES.length, fields: 10, fieldSize: 10_000, parts: 20, fieldNameSize: 100 } })) {
      if (part.type === 'field') {
        if (!Object.hasOwn(fields, part.fieldname)) fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
        if (part.fieldname === CSRF_FIELD) tokenChecked = sameToken(fields[CSRF_FIELD]!, reply.csrfToken());
        continue;
      }
      // A file before a right token: nothing is written; the CSRF check refuses the form.
      if (!tokenChecked) {
        part.file.resume();
        break;
      }
      const spec = UPLOAD_FILES.find((entry) => entry.field === part.fieldname);
      // An empty file input sends a part with no name and no bytes; a field not of the form, or a second file in one, is passed over.
      if (!spec || !part.filename || upload.files.some((file) => file.field === spec.field)) {
        part.file.resume();
        continue;
      }
      if (!made) {
        await mkdir(directory, { recursive: true });
        made = true;
      }
      let bytes = 0;
      part.file.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      await pipeline(part.file, createWriteStream(join(directory, spec.stored)));
      upload.files.push({ field: spec.field, stored: spec.stored, originalName: part.filename, bytes, truncated: part.file.truncated });
    }
  } catch (error) {
    await uploads.discard(upload);
    if ((error as { code?: string }).code === 'FST_FILES_LIMIT' || (error as { code?: string }).code === 'FST_PARTS_LIMIT') throw new ValidationError([{ field: 'children', message: 'The form has more files than it takes' }]);
    if ((error as { statusCode?: number }).statusCode) throw error;
    throw Object.assign(new Error('The files could not be read: send them again.'), { statusCode: 400 });
  }
  if (!tokenChecked) await uploads.discard(upload);
  else request.importUpload = upload;
  request.body = fields;
}

/** Adds the upload form's reading to the routes registered in the calling plugin: `preValidation: uploadReader(uploads)` on the route. */
export async function importUploadForms(app: FastifyInstance, uploads: ImportUploadsService): Promise<(request: FastifyRequest, reply: FastifyReply) => Promise<void>> {
  await app.register(multipart, { limits: { fileSize: uploads.maxFileBytes }, throwFileSizeLimit: false });
  app.decorateRequest('importUpload', undefined);
  return async (request, reply) => {
    if (request.isMultipart()) await readUpload(request, reply, uploads);
  };
}
