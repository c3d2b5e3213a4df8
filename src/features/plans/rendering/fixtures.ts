// A full EHC plan as its renderings receive it: every section from A to K, with forty items of
// special educational provision in section F. The tests and the bench render it; its names are
// written in Polish and Urdu, with curly apostrophes and pound signs, so that every font and every
// encoding the renderings use is exercised by one document.
import { emptyPlanContent, type PlanContent, type SenNeedType } from '../../../domain/plans/index.ts';
import type { DocumentBlock, RenderedDocument } from './model.ts';

const CHILD = 'Zofia Wójcik';

/** What, who, how often, how long, group size and where: the stuff of a specific, enforceable F. */
const PROVISION: readonly (readonly [string, string, string, string, string, string])[] = [
  ['Direct speech and language therapy targeting expressive vocabulary and narrative', 'Speech and language therapist (HCPC registered)', '1 session of 45 minutes each week', 'Until the annual review in June 2027', '1:1', 'A quiet room at school'],
  ['A language programme written by the speech and language therapist, delivered as written', 'Teaching assistant trained by the therapist', '3 sessions of 20 minutes each week', 'For the whole of the plan', '1:1', 'A quiet room at school'],
  ['Pre-teaching of topic vocabulary before each new science and humanities unit', 'Class teacher with the SENCo’s support', '2 sessions of 15 minutes each week', 'Throughout each school term', 'Group of up to 4', 'Classroom'],
  ['Visual timetable checked with Zofia at the start of each day and after lunch', 'Teaching assistant', 'Twice each school day', 'For the whole of the plan', '1:1', 'Classroom'],
  ['Social communication group using the Talkabout programme', 'SENCo (National Award for SEN Coordination)', '1 session of 40 minutes each week', '2 school terms, then reviewed', 'Group of 5', 'Nurture room'],
  ['Precision teaching of high-frequency words', 'Teaching assistant trained in precision teaching', '5 sessions of 10 minutes each week', 'Until the annual review in June 2027', '1:1', 'A quiet room at school'],
  ['Structured phonics intervention (Read Write Inc. Fresh Start)', 'Teaching assistant trained in Read Write Inc.', '4 sessions of 30 minutes each week', '3 school terms', 'Group of 3', 'Library'],
  ['Adult support in lessons to break tasks into steps and check understanding', 'Teaching assistant', '20 hours each week during lessons', 'For the whole of the plan', '1:1 within the class', 'Classroom'],
  ['Movement breaks planned into the timetable', 'Teaching assistant', '3 breaks of 5 minutes each school day', 'For the whole of the plan', '1:1', 'Sensory room'],
  ['Sensory circuit before registration', 'Teaching assistant trained by the occupational therapist', '15 minutes each school day', 'For the whole of the plan', 'Group of 4', 'School hall'],
  ['Handwriting programme (Speed Up!) set by the occupational therapist', 'Teaching assistant', '3 sessions of 15 minutes each week', '2 school terms', '1:1', 'Classroom'],
  ['Occupational therapy review of sensory and fine motor needs', 'Occupational therapist (HCPC registered)', '1 visit of 1 hour each term', 'For the whole of the plan', '1:1', 'School'],
  ['Emotional literacy support (ELSA) sessions on naming and managing feelings', 'Emotional literacy support assistant (ELSA trained)', '1 session of 30 minutes each week', '12 weeks, then reviewed', '1:1', 'Nurture room'],
  ['A key adult who meets Zofia at the gate and checks in at the end of the day', 'Named teaching assistant', 'Twice each school day', 'For the whole of the plan', '1:1', 'School gate and classroom'],
  ['Transition booklet with photographs before any change of class or staff', 'Class teacher', 'Before each change, at least 2 weeks ahead', 'For the whole of the plan', '1:1', 'Classroom'],
  ['Mathematics intervention using concrete resources (Numicon)', 'Teaching assistant trained in Numicon', '3 sessions of 30 minutes each week', '2 school terms', 'Group of 3', 'Library'],
  ['Pre-taught mathematical vocabulary with visual prompts', 'Class teacher', '1 session of 15 minutes each week', 'Throughout each school term', 'Group of up to 4', 'Classroom'],
  ['Reading comprehension programme (Reciprocal Reading)', 'Teaching assistant', '2 sessions of 30 minutes each week', '3 school terms', 'Group of 4', 'Library'],
  ['Use of a writing frame and word bank in every extended writing task', 'Class teacher', 'In every extended writing task', 'For the whole of the plan', '1:1 within the class', 'Classroom'],
  ['Educational psychologist consultation with staff on Zofia’s progress', 'Educational psychologist (HCPC registered)', '1 consultation of 1 hour each term', 'For the whole of the plan', 'Staff meeting', 'School'],
  ['Staff training on developmental language disorder', 'Speech and language therapist (HCPC registered)', '1 session of 2 hours', 'Once, in the autumn term 2026', 'All staff who teach Zofia', 'School'],
  ['Home–school communication book read and written in each day', 'Class teacher and parents', 'Each school day', 'For the whole of the plan', 'Not applicable', 'Home and school'],
  ['Lunchtime club with structured games', 'Midday supervisor trained by the SENCo', '3 lunchtimes each week', 'For the whole of the plan', 'Group of 6', 'Nurture room'],
  ['Access arrangements for tests: extra time (25%) and a reader', 'SENCo', 'In every test and assessment', 'For the whole of the plan', '1:1', 'A quiet room at school'],
  ['Zones of Regulation lessons', 'Class teacher', '1 lesson of 30 minutes each week', '1 school year', 'Whole class', 'Classroom'],
  ['Individual check-in with a card system to ask for a break', 'Teaching assistant', 'Available in every lesson', 'For the whole of the plan', '1:1', 'Classroom'],
  ['Speech and language therapy review and new targets', 'Speech and language therapist (HCPC registered)', '1 review of 1 hour each term', 'For the whole of the plan', '1:1', 'School'],
  ['Narrative therapy group (Colourful Semantics)', 'Teaching assistant trained by the therapist', '2 sessions of 30 minutes each week', '2 school terms', 'Group of 3', 'A quiet room at school'],
  ['Fine motor skills group (Clever Fingers)', 'Teaching assistant', '2 sessions of 20 minutes each week', '2 school terms', 'Group of 4', 'Classroom'],
  ['Touch-typing programme (Nessy Fingers)', 'Teaching assistant', '3 sessions of 15 minutes each week', '3 school terms', '1:1', 'Computer room'],
  ['A laptop with word prediction software for extended writing', 'SENCo to arrange; teaching assistant to support', 'In every extended writing task', 'For the whole of the plan', '1:1', 'Classroom'],
  ['Planned seat near the teacher, away from the door and window', 'Class teacher', 'Every lesson', 'For the whole of the plan', 'Not applicable', 'Classroom'],
  ['Homework adapted in length and set with a visual checklist', 'Class teacher', 'Each homework set', 'For the whole of the plan', '1:1', 'Home'],
  ['Meeting with parents to review progress against the outcomes', 'SENCo and class teacher', '1 meeting of 45 minutes each term', 'For the whole of the plan', 'Parents and staff', 'School'],
  ['Interpreter for Urdu at every meeting with Zofia’s father', 'Council interpreting service (qualified interpreter)', 'At every meeting', 'For the whole of the plan', 'Not applicable', 'School'],
  ['Enhanced transition to secondary school: 6 extra visits', 'SENCo and secondary school SENCo', '6 visits of 2 hours', 'Summer term 2029', 'Group of 3', 'Secondary school'],
  ['Mentoring on organisation skills with a daily planner', 'Learning mentor', '1 session of 20 minutes each week', '2 school terms', '1:1', 'Learning mentor’s room'],
  ['Swimming lessons with an additional adult in the water', 'Swimming instructor (ASA Level 2) and teaching assistant', '1 lesson of 45 minutes each week', 'Summer term each year', 'Group of 8 with an extra adult', 'Leisure centre pool'],
  ['School trips planned with a risk assessment and a familiar adult', 'Class teacher and teaching assistant', 'Each school trip', 'For the whole of the plan', '1:1', 'Off site'],
  ['Resources for the programmes above, funded from the notional SEN budget (£6,000) and top-up funding (£8,450 a year)', 'SENCo', 'Reviewed each term', 'For the whole of the plan', 'Not applicable', 'School'],
];

const NEEDS = [
  ['need-1', 'Communication and interaction: developmental language disorder', 'Zofia finds it hard to understand long instructions and to find the words she wants. Her standard scores on the CELF-5 are below the 2nd centile for expressive language.', 'Speech, language and communication needs (primary)'],
  ['need-2', 'Cognition and learning: literacy and numeracy', 'Zofia reads at a level about two years below her age and finds it hard to hold numbers in mind while working.', 'Specific learning difficulty'],
  ['need-3', 'Social, emotional and mental health: anxiety at change', 'Zofia becomes anxious and withdrawn when routines change without warning, and has refused to come into school after holidays.', 'Social, emotional and mental health'],
  ['need-4', 'Sensory and physical: fine motor control and sensory seeking', 'Zofia’s handwriting is slow and effortful; she seeks movement and pressure to stay calm.', 'Physical disability'],
] as const;

const OUTCOMES = [
  ['outcome-1', 'By the end of Key Stage 2 Zofia will follow a 3-step instruction in class without an adult repeating it.', 'July 2028', 'need-1'],
  ['outcome-2', 'By the end of Year 5 Zofia will retell a story of 5 events in order using linking words.', 'July 2027', 'need-1'],
  ['outcome-3', 'By the end of Key Stage 2 Zofia will read books at the level expected for Year 5.', 'July 2028', 'need-2'],
  ['outcome-4', 'By the end of Year 5 Zofia will tell a trusted adult when she is worried about a change, and use a plan to manage it.', 'July 2027', 'need-3'],
  ['outcome-5', 'By the end of Year 5 Zofia will write a paragraph of 5 sentences legibly in 15 minutes.', 'July 2027', 'need-4'],
] as const;

const fRow = (index: number): string[] => {
  const [what, who, often, long, group, where] = PROVISION[index]!;
  const need = NEEDS[index % NEEDS.length]!;
  const outcome = OUTCOMES.find((candidate) => candidate[3] === need[0]) ?? OUTCOMES[0];
  return [what, who, often, long, group, where, `Need ${NEEDS.indexOf(need) + 1}\nOutcome ${OUTCOMES.indexOf(outcome) + 1}`];
};

const blocksB: DocumentBlock[] = NEEDS.flatMap(([id, title, text, type]): DocumentBlock[] => [
  { kind: 'subheading', text: title, id },
  { kind: 'paragraph', text },
  { kind: 'facts', items: [{ label: 'SEN2 need type', value: type }] },
]);

const blocksE: DocumentBlock[] = OUTCOMES.flatMap(([id, text, by, need], index): DocumentBlock[] => [
  { kind: 'subheading', text: `Outcome ${index + 1}`, id },
  { kind: 'paragraph', text },
  {
    kind: 'facts',
    items: [
      { label: 'To be achieved by', value: by },
      { label: 'Answers', value: `Need ${NEEDS.findIndex((candidate) => candidate[0] === need) + 1}` },
    ],
  },
]);

export const FULL_PLAN: RenderedDocument = {
  title: `Education, health and care plan for ${CHILD}`,
  language: 'en-GB',
  status: 'Final, version 3, issued 1 December 2026',
  facts: [
    { label: 'Name', value: CHILD },
    { label: 'Date of birth', value: '4 March 2017' },
    { label: 'Reference', value: 'EHC-2026-00417' },
    { label: 'Parents', value: 'Agnieszka Wójcik and Imran Qureshi (عمران قریشی)' },
    { label: 'Home languages', value: 'Polish, Urdu and English' },
    { label: 'Case officer', value: 'Siobhán O’Connor' },
  ],
  sections: [
    {
      id: 'section-a',
      heading: 'Section A: Views, interests and aspirations',
      blocks: [
        { kind: 'subheading', text: 'Zofia’s views, in her own words' },
        { kind: 'paragraph', text: '“I like drawing horses and playing football with my cousin Łukasz. I don’t like it when it’s noisy in the hall. When I grow up I want to look after animals.”' },
        { kind: 'subheading', text: 'What Zofia is good at and enjoys' },
        { kind: 'list', items: ['Drawing, especially animals', 'Football and swimming', 'Helping younger children in the playground', 'Polish dancing on Saturdays'] },
        { kind: 'subheading', text: 'Her parents’ views' },
        {
          kind: 'paragraph',
          text: 'Agnieszka and Imran say Zofia is kind and determined. They want her to make friends, to be able to explain what she needs, and to go to the same secondary school as her cousin. They ask that meetings with Imran have an Urdu interpreter.',
        },
        { kind: 'paragraph', text: 'Imran’s words, as he wrote them: ہم چاہتے ہیں کہ زوفیہ خوش رہے' },
        { kind: 'subheading', text: 'Aspirations' },
        { kind: 'paragraph', text: 'To communicate confidently, to read for pleasure, and in time to work with animals.' },
      ],
    },
    { id: 'section-b', heading: 'Section B: Special educational needs', blocks: blocksB },
    {
      id: 'section-c',
      heading: 'Section C: Health needs related to special educational needs',
      blocks: [
        { kind: 'paragraph', text: 'Zofia has mild asthma, managed with an inhaler she keeps in class. The community paediatrician (Dr Małgorzata Nowak) is assessing her attention; no diagnosis has been made.' },
      ],
    },
    {
      id: 'section-d',
      heading: 'Section D: Social care needs related to special educational needs or disability',
      blocks: [{ kind: 'paragraph', text: 'Zofia needs support to join activities outside school: her parents say she will not go to clubs without a familiar adult.' }],
    },
    { id: 'section-e', heading: 'Section E: Outcomes', blocks: blocksE },
    {
      id: 'section-f',
      heading: 'Section F: Special educational provision',
      blocks: [
        { kind: 'paragraph', text: 'Each item of provision below is specified and quantified, and says which needs and outcomes it answers.' },
        {
          kind: 'table',
          caption: 'Special educational provision',
          columns: ['What', 'Who delivers it', 'How often', 'For how long', 'Group size', 'Where', 'Needs and outcomes'],
          rows: PROVISION.map((_, index) => fRow(index)),
          rowIds: PROVISION.map((_, index) => `provision-${index + 1}`),
        },
      ],
    },
    {
      id: 'section-g',
      heading: 'Section G: Health provision',
      blocks: [
        {
          kind: 'table',
          caption: 'Health provision',
          columns: ['What', 'Who delivers it', 'How often', 'For how long'],
          rows: [
            ['Asthma care plan reviewed', 'School nurse', 'Once a year', 'For the whole of the plan'],
            ['Paediatric review of attention', 'Community paediatrician', '1 appointment', 'By March 2027'],
          ],
        },
      ],
    },
    {
      id: 'section-h1',
      heading: 'Section H1: Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970',
      blocks: [{ kind: 'paragraph', text: 'None: Zofia’s needs do not call for provision under section 2 of the 1970 Act.' }],
    },
    {
      id: 'section-h2',
      heading: 'Section H2: Other social care provision',
      blocks: [{ kind: 'list', items: ['Short break: a place at the Saturday inclusive sports club, 3 hours each week, with a support worker', 'Family support worker: 6 visits to plan activities outside school'] }],
    },
    {
      id: 'section-i',
      heading: 'Section I: Placement',
      blocks: [
        {
          kind: 'facts',
          items: [
            { label: 'School', value: 'St Mary’s Church of England Primary School' },
            { label: 'URN', value: '100001' },
            { label: 'Type of setting', value: 'Mainstream primary school' },
          ],
        },
      ],
    },
    {
      id: 'section-j',
      heading: 'Section J: Personal budget',
      blocks: [
        {
          kind: 'facts',
          items: [
            { label: 'Amount', value: '£1,250.00 a year' },
            { label: 'What it covers', value: 'The support worker at the Saturday sports club (section H2)' },
            { label: 'How it is paid', value: 'Direct payment to Zofia’s parents, monthly' },
          ],
        },
      ],
    },
    {
      id: 'section-k',
      heading: 'Section K: Advice and information',
      blocks: [
        {
          kind: 'table',
          caption: 'Advice and information gathered during the assessment',
          columns: ['Advice', 'From', 'Received'],
          rows: [
            ['Parents’ advice', 'Agnieszka Wójcik and Imran Qureshi', '2 September 2026'],
            ['Educational advice', 'Head teacher, St Mary’s Church of England Primary School', '10 September 2026'],
            ['Psychological advice', 'Dr Ewa Kowalczyk, educational psychologist', '24 September 2026'],
            ['Health advice', 'Dr Małgorzata Nowak, community paediatrician', '30 September 2026'],
            ['Speech and language therapy advice', 'Chloë Brontë, speech and language therapist', '1 October 2026'],
            ['Social care advice', 'Children’s disability team', '5 October 2026'],
          ],
        },
      ],
    },
  ],
};

const NEED_CODES: Record<string, SenNeedType> = {
  'Specific learning difficulty': 'SPLD',
  'Physical disability': 'PD',
};

/**
 * The same full plan as content, as a version of a plan stores it: four needs, five outcomes and
 * forty items of provision in section F. The bench seeds plans with it at council scale.
 */
export const FULL_PLAN_CONTENT: PlanContent = {
  ...emptyPlanContent(),
  a: {
    childViews: 'I like drawing horses and playing with my cousins. I do not like it when it is noisy and everyone talks at once.',
    parentViews: 'We want Zofia to be understood, to have friends and to be happy to go to school.',
    interests: 'Drawing, horses, swimming',
    aspirations: 'To work with animals, perhaps as a vet.',
  },
  b: NEEDS.map(([id, title, text, type], index) => ({
    id,
    type: NEED_CODES[type] ?? (type.startsWith('Social') ? 'SEMH' : 'SLCN'),
    primary: index === 0,
    description: `${title}. ${text}`,
  })),
  e: OUTCOMES.map(([id, text, by, need]) => ({ id, description: text, needIds: [need], achieveBy: by })),
  f: PROVISION.map(([what, who, often, long, group, where], index) => {
    const need = NEEDS[index % NEEDS.length]![0];
    const outcome = (OUTCOMES.find((candidate) => candidate[3] === need) ?? OUTCOMES[0])[0];
    return { id: `f-${index + 1}`, what, needIds: [need], outcomeIds: [outcome], providerRole: who, providerQualification: '', frequency: often, duration: long, groupSize: group, location: where };
  }),
  k: [
    { id: 'k-1', description: 'Educational advice and information', from: 'Class teacher and SENCo', receivedOn: '2026-09-20', adviceRequestId: null },
    { id: 'k-2', description: 'Psychological advice and information', from: 'Educational psychologist', receivedOn: '2026-10-02', adviceRequestId: null },
    { id: 'k-3', description: 'Medical advice and information', from: 'Community paediatrician', receivedOn: '2026-10-05', adviceRequestId: null },
  ],
};
