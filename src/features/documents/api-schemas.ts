// The API's contract for documents: the upload (multipart/form-data) and the download, their
// errors and examples, as the OpenAPI document shows them.
import { badRequest, bearerSecurity, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';
import { ACCEPTED_TYPES } from './content.ts';

const uuid = { type: 'string', format: 'uuid' } as const;

export const TOO_LARGE = 'The selected file must be smaller than 20 MB.';
export const NOT_MULTIPART = 'Send the document as multipart/form-data, the file in the field “file” and what it is in the field “title”.';

const documentExample = {
  id: '01937a70-2c4d-7e5f-8a9b-0c1d2e3f4a5b',
  caseId: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80',
  title: 'Educational psychologist’s advice',
  filename: 'EP advice.pdf',
  mediaType: 'application/pdf',
  typeName: 'PDF',
  sizeBytes: 48213,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  scan: { verdict: 'not-scanned', engine: 'none' },
  uploadedBy: '01937a40-0000-7000-8000-000000000001',
  sentBy: null,
  uploadedAt: '2026-11-23T10:00:00.000Z',
  uploadedOn: '2026-11-23',
};

const documentSchema = {
  type: 'object',
  description: 'A document attached to a case. Its bytes are read at its Location.',
  required: ['id', 'caseId', 'title', 'filename', 'mediaType', 'typeName', 'sizeBytes', 'sha256', 'scan', 'uploadedBy', 'sentBy', 'uploadedAt', 'uploadedOn'],
  additionalProperties: false,
  properties: {
    id: uuid,
    caseId: uuid,
    title: { type: 'string', description: 'What the document is, as the officer said' },
    filename: { type: 'string', description: 'The name it came with, made safe, ending with the extension of its content' },
    mediaType: { type: 'string', enum: Object.keys(ACCEPTED_TYPES), description: 'Sniffed from the content, never taken from the name' },
    typeName: { type: 'string', description: 'The type as people name it' },
    sizeBytes: { type: 'integer', minimum: 1 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the bytes, in hex' },
    scan: {
      type: 'object',
      description: 'What the malware scan said: clean, or not-scanned where the service has no scanner configured',
      required: ['verdict', 'engine'],
      additionalProperties: false,
      properties: { verdict: { type: 'string', enum: ['clean', 'not-scanned'] }, engine: { type: 'string' } },
    },
    uploadedBy: { type: 'string', description: 'The id of the user (and token) who added it' },
    sentBy: { type: ['string', 'null'], description: 'Who sent it through the portal (the school or organisation, and the person); null for what the council added' },
    uploadedAt: { type: 'string', format: 'date-time' },
    uploadedOn: { type: 'string', format: 'date', description: 'The day it was added, in England' },
  },
} as const;

const notFound = (what: string) => ({ status: 404, title: 'Not found', detail: `No such ${what}` });

export const documentsApiSchemas = {
  upload: {
    summary: 'Add a document to a case',
    description:
      'A PDF, DOCX, JPEG or PNG of at most 20 MB, judged by its content, not its name: anything else is refused, and so is a file whose name says one type while its content is another. ' +
      'Every upload passes the malware scan first; an infected file is refused. A refused upload keeps nothing. The upload is written to the audit log.',
    tags: ['cases'],
    security: bearerSecurity,
    consumes: ['multipart/form-data'],
    params: { type: 'object', required: ['caseId'], properties: { caseId: { ...uuid, description: 'The case’s id' } } },
    body: {
      type: 'object',
      required: ['title', 'file'],
      additionalProperties: false,
      properties: {
        title: { type: 'string', description: 'What the document is (200 characters or fewer)' },
        file: { type: 'string', format: 'binary', description: 'The file, with its name' },
      },
      examples: [{ title: 'Educational psychologist’s advice', file: '%PDF-1.7 …' }],
    },
    response: {
      201: { ...documentSchema, description: 'The document, kept', headers: { location: { type: 'string', description: 'Where its bytes are read' } }, examples: [documentExample] },
      ...problemResponses([400, 413, 415, ...TOKEN_ERRORS, 403, 404], {
        400: badRequest([{ field: 'file', message: 'The selected file is not a real PDF: its content is not a PDF, DOCX, JPEG or PNG' }]),
        404: notFound('case'),
        413: { status: 413, title: 'Request too large', detail: TOO_LARGE },
        415: { status: 415, title: 'Unsupported media type', detail: NOT_MULTIPART },
      }),
    },
  },
  download: {
    summary: 'A document’s bytes',
    description:
      'The file as it was added, with its media type, as an attachment under its safe name. Only to those who may see the case’s child: a restricted child’s document answers 404 to anyone else, as one that does not exist. ' +
      'Each download is written to the access log.',
    tags: ['cases'],
    security: bearerSecurity,
    params: { type: 'object', required: ['documentId'], properties: { documentId: { ...uuid, description: 'The document’s id' } } },
    response: {
      200: {
        description: 'The document’s bytes',
        headers: {
          'content-disposition': { type: 'string', description: 'attachment, with the document’s safe name' },
          'x-content-type-options': { type: 'string', description: 'nosniff' },
        },
        content: Object.fromEntries(Object.keys(ACCEPTED_TYPES).map((type) => [type, { schema: { type: 'string', format: 'binary' }, example: '(the file’s bytes)' }])),
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFound('document') }),
    },
  },
};
