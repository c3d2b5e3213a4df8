// The API's contract for phase transfers (SEND Regs 2014 reg. 18): a September's cohort, its counts
// and a page of its children, filtered as the page filters them.
import { PHASE_MOVE_IDS, TRANSFER_STANDINGS } from '../../domain/transfers/index.ts';
import { badRequest, bearerSecurity, problemResponses, TOKEN_ERRORS } from '../../web/problem.ts';

const uuid = { type: 'string', format: 'uuid' } as const;
const isoDate = { type: 'string', format: 'date' } as const;
const placement = { type: ['object', 'null'], required: ['urn', 'name'], additionalProperties: false, properties: { urn: { type: 'integer' }, name: { type: 'string' } } } as const;
const count = { type: 'integer', minimum: 0 } as const;

const childSchema = {
  type: 'object',
  description: 'One child’s phase transfer.',
  required: [
    'childId', 'caseId', 'reference', 'childName', 'dateOfBirth', 'move', 'moveTitle', 'deadline', 'deadlineBasis', 'currentPlacement', 'nextPlacement',
    'finalisedOn', 'schoolsConsulted', 'consultations', 'standing', 'standingTitle', 'officerName', 'underReview',
  ],
  additionalProperties: false,
  properties: {
    childId: uuid,
    caseId: uuid,
    reference: { type: 'string' },
    childName: { type: 'string' },
    dateOfBirth: isoDate,
    move: { type: 'string', enum: [...PHASE_MOVE_IDS] },
    moveTitle: { type: 'string' },
    deadline: { ...isoDate, description: 'The last day for the amended plan naming the next placement: 14 February (before 15 February), or 30 March (before 31 March) for secondary to post-16 (reg. 18)' },
    deadlineBasis: { type: 'string' },
    currentPlacement: { ...placement, description: 'The school the last plan issued before the process named, or the school on the child’s record' },
    nextPlacement: { ...placement, description: 'A new school named by a final or amended plan issued since 1 September of the year before the move' },
    finalisedOn: { type: ['string', 'null'], format: 'date' },
    schoolsConsulted: { ...count, description: 'Schools consulted since 1 September of the year before the move, withdrawn consultations left out' },
    consultations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'schoolUrn', 'schoolName', 'sentOn', 'dueOn', 'status', 'response'],
        additionalProperties: false,
        properties: {
          id: uuid,
          schoolUrn: { type: 'integer' },
          schoolName: { type: 'string' },
          sentOn: isoDate,
          dueOn: isoDate,
          status: { type: 'string', enum: ['awaiting', 'answered', 'withdrawn'] },
          response: { type: ['string', 'null'], enum: ['can-meet-needs', 'cannot-meet-needs', null] },
        },
      },
    },
    standing: { type: 'string', enum: [...TRANSFER_STANDINGS] },
    standingTitle: { type: 'string' },
    officerName: { type: ['string', 'null'] },
    underReview: { type: 'boolean', description: 'A review or amendment is under way, so the next schools may be consulted' },
  },
} as const;

const exampleChild = {
  childId: '01937a4e-1111-7c3b-a5d2-6f4e2b1c9d80',
  caseId: '01937a4e-8f5c-7c3b-a5d2-6f4e2b1c9d80',
  reference: '999-EHC-2025-00012',
  childName: 'Amira Khan',
  dateOfBirth: '2016-03-14',
  move: 'primary-to-secondary',
  moveTitle: 'Primary to secondary',
  deadline: '2027-02-14',
  deadlineBasis: 'SEND Regulations 2014 reg. 18(1)(b): the plan must be reviewed and amended before 15 February of the calendar year of the transfer (2027, for the transfer on 2027-09-01).',
  currentPlacement: { urn: 140100, name: 'Alderbrook Primary School' },
  nextPlacement: null,
  finalisedOn: null,
  schoolsConsulted: 1,
  consultations: [{ id: '01937a90-2b4c-7d6e-8f10-1a2b3c4d5e6f', schoolUrn: 140200, schoolName: 'Riverside High School', sentOn: '2026-10-05', dueOn: '2026-10-20', status: 'answered', response: 'can-meet-needs' }],
  standing: 'on-track',
  standingTitle: 'On track',
  officerName: 'Daniel Osei',
  underReview: true,
};

const counts = {
  type: 'object',
  required: ['total', ...TRANSFER_STANDINGS],
  additionalProperties: false,
  properties: Object.fromEntries([['total', count], ...TRANSFER_STANDINGS.map((standing) => [standing, count])]),
} as const;

export const phaseTransfersApiSchemas = {
  cohort: {
    summary: 'A September’s phase-transfer cohort',
    description:
      'The children with a plan the council maintains who move to the next phase of education in September of `year` (early years to school, infant to junior, primary to middle, primary to secondary, middle to secondary, secondary to post-16), found from their dates of birth (England’s year groups, the age on 31 August) and the placements their plans name. ' +
      'Each with the deadline for the amended plan naming the next placement (SEND Regs 2014 reg. 18), the schools consulted and where it stands; the counts are the whole cohort’s, before the filters. A year with no children is an empty cohort. ' +
      'The children listed are written to the list access log.',
    tags: ['phase-transfers'],
    security: bearerSecurity,
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        year: { type: 'string', description: 'The year of the move (September), four digits; this autumn’s cohort (next September’s) when not given' },
        move: { type: 'string', enum: [...PHASE_MOVE_IDS] },
        standing: { type: 'string', enum: [...TRANSFER_STANDINGS] },
        page: { type: 'string', pattern: '^[0-9]{1,6}$', description: '50 children a page, worst first' },
      },
    },
    response: {
      200: {
        type: 'object',
        description: 'The cohort',
        required: ['year', 'transferDate', 'processStarts', 'today', 'counts', 'moves', 'filters', 'matching', 'children', 'page', 'pages'],
        additionalProperties: false,
        properties: {
          year: { type: 'integer' },
          transferDate: isoDate,
          processStarts: { ...isoDate, description: '1 September of the year before: plans issued from it count' },
          today: isoDate,
          counts,
          moves: {
            type: 'array',
            items: {
              type: 'object',
              required: ['move', 'title', 'deadline', 'count'],
              additionalProperties: false,
              properties: { move: { type: 'string', enum: [...PHASE_MOVE_IDS] }, title: { type: 'string' }, deadline: isoDate, count },
            },
          },
          filters: {
            type: 'object',
            required: ['move', 'standing'],
            additionalProperties: false,
            properties: { move: { type: ['string', 'null'], enum: [...PHASE_MOVE_IDS, null] }, standing: { type: ['string', 'null'], enum: [...TRANSFER_STANDINGS, null] } },
          },
          matching: count,
          children: { type: 'array', items: childSchema },
          page: { type: 'integer', minimum: 1 },
          pages: { type: 'integer', minimum: 1 },
        },
        examples: [
          {
            year: 2027,
            transferDate: '2027-09-01',
            processStarts: '2026-09-01',
            today: '2026-11-23',
            counts: { total: 1, finalised: 0, 'finalised-late': 0, late: 0, 'at-risk': 0, 'on-track': 1 },
            moves: [{ move: 'primary-to-secondary', title: 'Primary to secondary', deadline: '2027-02-14', count: 1 }],
            filters: { move: null, standing: null },
            matching: 1,
            children: [exampleChild],
            page: 1,
            pages: 1,
          },
        ],
      },
      ...problemResponses([400, ...TOKEN_ERRORS, 403], { 400: badRequest([{ field: 'year', message: 'Enter the year of the transfer as four digits, from 2015 to 2031, like 2027' }]) }),
    },
  },
} as const;
