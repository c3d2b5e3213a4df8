// The API's contract for a case's letters, as the OpenAPI document shows it.
import { LETTER_TYPES } from '../../domain/letters/letter-types.ts';
import { bearerSecurity, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';

const uuid = { type: 'string', format: 'uuid' } as const;

const letterSummaryProperties = {
  id: uuid,
  caseId: uuid,
  caseReference: { type: 'string' },
  type: { type: 'string', enum: [...LETTER_TYPES], description: 'The type of letter' },
  typeName: { type: 'string', description: 'The type as the council names it' },
  templateVersion: { type: ['integer', 'null'], description: 'The council’s template version it was written with; null for the service’s standard wording' },
  recipient: {
    type: 'object',
    required: ['name', 'channel', 'addressWithheld'],
    additionalProperties: false,
    properties: {
      name: { type: 'string' },
      channel: { type: 'string', enum: ['letter', 'email'] },
      address: { type: 'string', description: 'The postal address (one line per line) or e-mail address; left out when it must not be disclosed to the token’s user' },
      addressWithheld: { type: 'boolean', description: 'The address must not be disclosed: given to the SEND team only' },
    },
  },
  subject: { type: 'string' },
  sentBy: { type: ['string', 'null'], description: 'The name of the member of staff who sent it; null for the service' },
  createdAt: { type: 'string', format: 'date-time' },
  sentOn: { type: 'string', format: 'date', description: 'The day it was sent, in England' },
  status: { type: 'string', enum: ['queued', 'failed', 'dead', 'sent', 'held'], description: 'Its message’s state in the outbox: held means kept for printing, not sent' },
  pdfDocumentId: { type: ['string', 'null'], format: 'uuid', description: 'The letter’s tagged PDF, read at /api/v1/documents/{documentId}; null while it is being made, or when it shows an address the token’s user may not see' },
} as const;

const SUMMARY_REQUIRED = ['id', 'caseId', 'caseReference', 'type', 'typeName', 'templateVersion', 'recipient', 'subject', 'sentBy', 'createdAt', 'sentOn', 'status', 'pdfDocumentId'];

const letterSummarySchema = { type: 'object', required: SUMMARY_REQUIRED, additionalProperties: false, properties: letterSummaryProperties } as const;

const letterSchema = {
  type: 'object',
  required: [...SUMMARY_REQUIRED, 'text', 'html'],
  additionalProperties: false,
  properties: {
    ...letterSummaryProperties,
    text: { type: 'string', description: 'The letter’s words as sent: paragraphs apart by a blank line, a heading’s line starting "# ", each item of a list "- "' },
    html: { type: 'string', description: 'The same words as HTML, every value escaped' },
  },
} as const;

const summaryExample = {
  id: '01937a90-2c4d-7e5f-8a9b-0c1d2e3f4a5b',
  caseId: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80',
  caseReference: '999-EHC-2026-00012',
  type: 'views-request',
  typeName: 'Request for views',
  templateVersion: null,
  recipient: { name: 'Sarah Nowak', channel: 'letter', address: '12 Canal Street\nDemo City\nDC1 2AB', addressWithheld: false },
  subject: 'We would like your views about Łucja Nowak (999-EHC-2026-00012)',
  sentBy: 'Amira Khan',
  createdAt: '2026-11-23T10:00:00.000Z',
  sentOn: '2026-11-23',
  status: 'held',
  pdfDocumentId: '01937a91-0000-7000-8000-000000000001',
};

const letterExample = {
  ...summaryExample,
  text: 'Dear Sarah Nowak,\n\nWe have received a request for an education, health and care (EHC) needs assessment for Łucja Nowak.',
  html: '<p class="govuk-body" dir="auto">Dear Sarah Nowak,</p>\n<p class="govuk-body" dir="auto">We have received a request for an education, health and care (EHC) needs assessment for Łucja Nowak.</p>',
};

const notFound = (what: string) => ({ status: 404, title: 'Not found', detail: `No such ${what}` });

export const lettersApiSchemas = {
  caseLetters: {
    summary: 'The letters sent on a case',
    description:
      'Every letter sent on the case, newest first, each with its message’s state in the outbox and its PDF once made. Only to those who may see the case’s child: a restricted child’s case answers 404 to anyone else. ' +
      'An address that must not be disclosed is given to the SEND team only. Each read is written to the access log.',
    tags: ['cases'],
    security: bearerSecurity,
    params: { type: 'object', required: ['caseId'], properties: { caseId: { ...uuid, description: 'The case’s id' } } },
    response: {
      200: {
        type: 'object',
        description: 'The case’s letters',
        required: ['letters'],
        additionalProperties: false,
        properties: { letters: { type: 'array', items: letterSummarySchema } },
        examples: [{ letters: [summaryExample] }],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFound('case') }),
    },
  },
  letter: {
    summary: 'A letter as it was sent',
    description:
      'The letter’s words as text and HTML, whom it went to, its state in the outbox, and its tagged PDF once made. Only to those who may see the case’s child (404 to anyone else); ' +
      'an address that must not be disclosed is given to the SEND team only. Each read is written to the access log.',
    tags: ['cases'],
    security: bearerSecurity,
    params: { type: 'object', required: ['letterId'], properties: { letterId: { ...uuid, description: 'The letter’s id' } } },
    response: {
      200: { ...letterSchema, description: 'The letter', examples: [letterExample] },
      ...problemResponses([400, ...TOKEN_ERRORS, 403, 404], { 404: notFound('letter') }),
    },
  },
};
