// Reading a multipart form (a page's "Add a document" form, or the API's upload): the text fields
// become the request's body, as a urlencoded form's would (so the CSRF check reads `_csrf` from
// it as from any form), and the one file is held aside, read up to the limit and no further.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../../lib/errors.ts';
import { MAX_DOCUMENT_BYTES } from './content.ts';
import type { UploadedFile } from './service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The file of a multipart form, with the name of the field it came in. */
    upload?: UploadedFile & { field: string };
  }
  interface FastifyContextConfig {
    /** The route takes multipart/form-data (an upload) rather than JSON on the API. */
    multipart?: boolean;
  }
}

const LIMITS = { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10, fieldSize: 10_000, parts: 12, fieldNameSize: 100 };

/** Busboy's and the plugin's refusals, said for a person. */
const REFUSALS: Record<string, { field: string; message: string }> = {
  FST_FILES_LIMIT: { field: 'file', message: 'Select one file at a time' },
  FST_PARTS_LIMIT: { field: 'file', message: 'The form has more parts than it takes' },
  FST_FIELDS_LIMIT: { field: 'file', message: 'The form has more fields than it takes' },
};

async function readForm(request: FastifyRequest, limits: typeof LIMITS): Promise<void> {
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits })) {
      if (part.type === 'file') {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        request.upload = { field: part.fieldname, filename: part.filename ?? '', bytes: Buffer.concat(chunks), truncated: part.file.truncated };
      } else if (!Object.hasOwn(fields, part.fieldname)) {
        // A field cut at the limit would be kept shorter than it was written: refused instead.
        if (part.valueTruncated) throw new ValidationError([{ field: part.fieldname, message: 'This is longer than the form takes' }]);
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    const refusal = code ? REFUSALS[code] : undefined;
    if (refusal) throw new ValidationError([refusal]);
    if ((error as { statusCode?: number }).statusCode) throw error;
    throw Object.assign(new Error('The form could not be read: send it again.'), { statusCode: 400 });
  }
  // The file's field holds its name, so a schema sees every field the form sent.
  if (request.upload && !Object.hasOwn(fields, request.upload.field)) fields[request.upload.field] = request.upload.filename;
  request.body = fields;
}

/**
 * Adds multipart forms to the routes registered in the calling plugin (and nowhere else), read
 * before validation and before the CSRF check. `fieldSize` (bytes) for a form with a long text field.
 */
export async function multipartForms(app: FastifyInstance, options: { fieldSize?: number } = {}): Promise<void> {
  const limits = { ...LIMITS, ...(options.fieldSize ? { fieldSize: options.fieldSize } : {}) };
  await app.register(multipart, { limits, throwFileSizeLimit: false });
  app.decorateRequest('upload', undefined);
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) await readForm(request, limits);
  });
}
