import { randomBytes } from 'node:crypto'
import type { JSONContent } from '@tiptap/core'
import type { Prisma, PrismaClient } from '~/generated/prisma/client'
import type { RichTextDoc } from '~/rich-text/document'
import type { SectionContent } from '~/self-assessment/sections'
import type { AssessmentStatus } from '~/self-assessment/status'
import { DEFAULT_TEMPLATE, THEMES, activeEnablers, activeSections, type Rating, type ThemeKey } from '~/self-assessment/template'
import { seeded } from './seeded'
import { currentCycleYear } from '~/self-assessment/cycle'

// Demo self-assessments for London and the North East, so the self-assessment pages,
// search and a benchmark show real content on first start. Synthetic text, written the
// way a director of children's services would; deterministic (the same on every
// install) apart from timestamps, which sit a few weeks before the moment of seeding.
//
// Reserved for automated tests, and never given a current-cycle assessment here: barnet,
// bexley, brent, bromley, islington. Nothing for later cycles.

/** The demo is always about the cycle running when it is seeded, and the one before. */
export const DEMO_CURRENT_YEAR = currentCycleYear()
export const DEMO_RESERVED_COUNCILS = ['barnet', 'bexley', 'brent', 'bromley', 'islington'] as const

type Place = 'borough' | 'city' | 'town'
type Plan = {
  slug: string
  year: number
  status: AssessmentStatus
  scope?: 'region' | 'all'
  journey: Rating
  challenges: [ThemeKey, ThemeKey, ThemeKey]
  strengths: ThemeKey[]
  place?: Place
  /** Days before seeding that it was shared, signed off or last worked on. */
  days: number
  /** How far a draft has got. */
  partial?: 'early' | 'mid'
  /** Camden: revision 1 is shared and revision 2 is a draft being edited after sign-off. */
  revised?: boolean
  /** Who started it: the director (default) or Camden's officer. */
  by?: 'officer'
}

const PLANS: Plan[] = [
  // London, current cycle
  { slug: 'camden', year: DEMO_CURRENT_YEAR, status: 'shared', scope: 'region', journey: 'good', challenges: ['placements', 'child_exploitation', 'workforce'], strengths: ['voice_of_the_child', 'early_help', 'care_leavers'], days: 41, revised: true, by: 'officer' },
  { slug: 'hackney', year: DEMO_CURRENT_YEAR, status: 'shared', scope: 'region', journey: 'fair', challenges: ['front_door', 'workforce', 'child_exploitation'], strengths: ['partnerships', 'youth_justice'], days: 34 },
  { slug: 'southwark', year: DEMO_CURRENT_YEAR, status: 'shared', scope: 'all', journey: 'good', challenges: ['send', 'placements', 'care_leavers'], strengths: ['front_door', 'quality_assurance', 'child_exploitation'], days: 27 },
  { slug: 'lambeth', year: DEMO_CURRENT_YEAR, status: 'shared', scope: 'region', journey: 'fair', challenges: ['children_in_care', 'workforce', 'early_help'], strengths: ['voice_of_the_child', 'youth_justice'], days: 22 },
  { slug: 'tower-hamlets', year: DEMO_CURRENT_YEAR, status: 'shared', scope: 'region', journey: 'fair', challenges: ['send', 'front_door', 'education'], strengths: ['early_help', 'partnerships'], days: 16 },
  { slug: 'waltham-forest', year: DEMO_CURRENT_YEAR, status: 'shared', scope: 'region', journey: 'good', challenges: ['placements', 'finance', 'child_protection'], strengths: ['child_exploitation', 'workforce'], days: 12 },
  { slug: 'lewisham', year: DEMO_CURRENT_YEAR, status: 'ready_for_sign_off', journey: 'fair', challenges: ['placements', 'send', 'youth_justice'], strengths: ['care_leavers', 'early_help'], days: 5 },
  { slug: 'croydon', year: DEMO_CURRENT_YEAR, status: 'draft', partial: 'early', journey: 'poor', challenges: ['workforce', 'quality_assurance', 'placements'], strengths: ['partnerships'], days: 3 },
  // North East, current cycle
  { slug: 'newcastle-upon-tyne', year: DEMO_CURRENT_YEAR, status: 'shared', scope: 'region', place: 'city', journey: 'good', challenges: ['placements', 'child_exploitation', 'send'], strengths: ['early_help', 'workforce', 'voice_of_the_child'], days: 38 },
  { slug: 'gateshead', year: DEMO_CURRENT_YEAR, status: 'shared', scope: 'region', journey: 'good', challenges: ['placements', 'education', 'care_leavers'], strengths: ['front_door', 'child_protection'], days: 30 },
  { slug: 'sunderland', year: DEMO_CURRENT_YEAR, status: 'shared', scope: 'region', place: 'city', journey: 'great', challenges: ['send', 'finance', 'child_exploitation'], strengths: ['workforce', 'quality_assurance', 'children_in_care'], days: 25 },
  { slug: 'hartlepool', year: DEMO_CURRENT_YEAR, status: 'shared', scope: 'region', place: 'town', journey: 'fair', challenges: ['workforce', 'early_help', 'placements'], strengths: ['partnerships', 'youth_justice'], days: 19 },
  { slug: 'north-tyneside', year: DEMO_CURRENT_YEAR, status: 'signed_off', journey: 'good', challenges: ['send', 'front_door', 'care_leavers'], strengths: ['early_help', 'quality_assurance'], days: 8 },
  { slug: 'middlesbrough', year: DEMO_CURRENT_YEAR, status: 'draft', partial: 'mid', place: 'town', journey: 'fair', challenges: ['child_protection', 'workforce', 'child_exploitation'], strengths: ['youth_justice'], days: 2 },
  // The previous cycle, for history
  { slug: 'camden', year: DEMO_CURRENT_YEAR - 1, status: 'shared', scope: 'region', journey: 'fair', challenges: ['placements', 'workforce', 'send'], strengths: ['voice_of_the_child', 'early_help'], days: 390 },
  { slug: 'hackney', year: DEMO_CURRENT_YEAR - 1, status: 'signed_off', journey: 'fair', challenges: ['front_door', 'workforce', 'children_in_care'], strengths: ['partnerships', 'youth_justice'], days: 372 },
  { slug: 'gateshead', year: DEMO_CURRENT_YEAR - 1, status: 'shared', scope: 'region', journey: 'fair', challenges: ['placements', 'workforce', 'education'], strengths: ['front_door', 'child_protection'], days: 360 },
]

/**
 * The themes a demo council's assessment names, for the demo pairing: only where it is
 * shared with the region (as the region lead running the pairing would read them).
 */
export function demoThemes(slug: string, year: number): { challenges: ThemeKey[]; strengths: ThemeKey[] } | null {
  const plan = PLANS.find((p) => p.slug === slug && p.year === year)
  return plan?.status === 'shared' ? { challenges: [...plan.challenges], strengths: plan.strengths } : null
}

// ---------------------------------------------------------------------------------------
// Building Tiptap documents

type Mark = { type: 'bold' | 'italic' }
type TextNode = { type: 'text'; text: string; marks?: Mark[] }
type Block = JSONContent
type Inline = string | TextNode

const text = (value: string): TextNode => ({ type: 'text', text: value })
const bold = (value: string): TextNode => ({ type: 'text', text: value, marks: [{ type: 'bold' }] })
const para = (...parts: Inline[]): Block => ({ type: 'paragraph', content: parts.map((x) => (typeof x === 'string' ? text(x) : x)) })
const heading = (value: string): Block => ({ type: 'heading', attrs: { level: 3 }, content: [text(value)] })
const bullets = (items: (Inline | Inline[])[]): Block => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [para(...(Array.isArray(item) ? item : [item]))] })),
})
const doc = (...blocks: Block[]): RichTextDoc => ({ type: 'doc', content: blocks }) as RichTextDoc

// ---------------------------------------------------------------------------------------
// The facts a council's text is written from


const lowerFirst = (value: string) => value.charAt(0).toLowerCase() + value.slice(1)
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

type Facts = ReturnType<typeof factsFor>

function factsFor(council: { name: string; slug: string }, regionSlug: string, plan: Plan, index: number, figures: Map<string, number>) {
  const r = seeded(`${council.slug}:${plan.year}`)
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))
  const children = figures.get('child_population') ?? int(40_000, 90_000)
  const cla = figures.get('children_in_care_rate') ?? int(50, 110)
  const cin = figures.get('cin_rate') ?? int(280, 450)
  const agency = int(6, 24)
  return {
    name: council.name,
    london: regionSlug === 'london',
    place: plan.place ?? 'borough',
    year: plan.year,
    cycle: `${plan.year} to ${plan.year + 1}`,
    journey: plan.journey,
    /** Picks a variant: neighbouring councils in the plan list read differently. */
    pick<T>(bank: readonly T[], offset = 0): T {
      return bank[(index + offset) % bank.length]
    },
    int,
    children,
    cla,
    cin,
    claCount: Math.round((children * cla) / 10_000),
    poverty: int(24, 44),
    fsm: int(18, 38),
    contacts: int(9, 26) * 1000 + int(0, 999),
    contactsChange: int(-6, 14),
    conversion: int(18, 36),
    reReferrals: int(14, 24),
    cpRate: int(32, 58),
    secondPlan: int(14, 26),
    uasc: int(6, 18),
    distant: int(12, 34),
    ehcpGrowth: int(28, 64),
    ehcpTimely: int(32, 86),
    careLeaversEet: int(48, 68),
    careLeaversHome: int(82, 96),
    teenagers: int(42, 61),
    audits: int(160, 420),
    feedback: int(300, 1200),
    auditGood: int(58, 82),
    caseload: int(14, 21),
    timely: int(78, 94),
    oversight: int(74, 95),
    agency,
    agencyBefore: agency + int(6, 14),
    stability: int(62, 76),
    positive: int(71, 89),
    overspend: int(3, 11),
    investment: int(4, 12),
    costRise: int(25, 60),
    staffValued: int(68, 88),
    speakUp: int(70, 91),
    knowPriorities: int(64, 86),
    newlyQualified: int(18, 46),
    vacancies: int(14, 24),
    turnover: int(16, 24),
    indicators: int(48, 90),
    fosterGrowth: int(12, 34),
    strategy: ['Brighter Futures', 'Every Child Thriving', 'Growing Up Well', 'Our Children, Our Future', 'Safe, Well and Ambitious', 'Better Together'][int(0, 5)],
  }
}

const high = (rating: Rating) => rating === 'good' || rating === 'great'

function enablerRatings(f: Facts): Record<string, Rating> {
  const base = ['poor', 'fair', 'good', 'great'].indexOf(f.journey)
  const r = seeded(`${f.name}:${f.year}:enablers`)
  return Object.fromEntries(
    activeEnablers(DEFAULT_TEMPLATE).map((e) => {
      const step = r()
      const n = Math.max(0, Math.min(3, base + (step < 0.2 ? -1 : step > 0.82 ? 1 : 0)))
      return [e.key, (['poor', 'fair', 'good', 'great'] as const)[n]]
    }),
  )
}

// ---------------------------------------------------------------------------------------
// Section 1: context and headline data

function context(f: Facts): RichTextDoc {
  const intro = f.london
    ? [
        `${f.name} is a diverse and densely populated London ${f.place}. Affluence and deep poverty sit side by side, often within the same ward, and more than ${f.int(9, 14) * 10} languages are spoken in our schools. Our population is young and mobile: around one in ${['five', 'six', 'seven', 'eight'][f.int(0, 3)]} pupils joins or leaves a school part way through the year, which shapes how we organise early help and how we keep track of children who move across borough boundaries.`,
        `${f.name} is a London ${f.place} of contrasts. Some of the most expensive housing in the country is a short walk from estates where overcrowding, temporary accommodation and in-work poverty are the everyday reality for families. Our children and young people are our greatest asset: they are ambitious, articulate and, as our youth council reminds us often, clear about what they expect from the adults who make decisions about their lives.`,
        `${f.name} is a growing, outward-looking London ${f.place}. Regeneration has brought new homes and new families, and with them new demand for school places, health visiting and family support. The cost of housing means that many families on low incomes live in temporary accommodation, sometimes outside the ${f.place}, and a significant share of our work is with children whose lives cross several local authority boundaries.`,
      ]
    : [
        `${f.name} is a proud North East ${f.place} with strong communities, a rich industrial heritage and a growing reputation for its schools and colleges. The legacy of industrial decline is still felt: long-term worklessness is concentrated in a number of neighbourhoods, and the link between poverty and demand for children’s social care is visible in our data and in the lives of the families we work with.`,
        `${f.name} combines a busy centre with outlying communities that can feel a long way from services, particularly for families without a car. Our population is less diverse than the national average but becoming more so, and the number of children arriving as unaccompanied asylum seekers through the National Transfer Scheme has grown steadily.`,
        `${f.name} is a close-knit North East ${f.place} where many families have lived for generations. Community and voluntary organisations are strong and trusted, and they are central to our early help offer. At the same time child poverty is well above the England average and has risen over the past five years, and the cost of living has put many working families under pressure for the first time.`,
      ]
  const claView =
    f.cla > 80
      ? 'above the England average, and a rate we want to understand rather than simply reduce'
      : 'below the England average, which we attribute in part to our investment in edge-of-care support'
  const demand = [
    `Demand has changed in character more than in volume. Contacts have stayed broadly level, but the children we see are older and their needs more complex: adolescents at risk of exploitation, young people in mental health crisis and children with disabilities whose families are exhausted. ${f.teenagers}% of the children who came into care last year were aged 13 or over, and their placements are the hardest to find and the most expensive.`,
    `Demand has grown steadily for three years, driven above all by domestic abuse, parental mental health and the pressure that the cost of living and insecure housing place on families. We have held the rate of children in care broadly steady through this period, but the number of children on child protection plans has risen, and practitioners and managers feel that pressure every day.`,
    `The most striking change is in the needs of children with special educational needs and disabilities. Requests for education, health and care needs assessments have risen sharply, and the overlap between SEND, children’s social care and exclusion from school is where we see the greatest risk of children falling between services and of families having to fight for help.`,
  ]
  const beyond = [
    `The figures do not tell the story of the families behind them. When we audit the journeys of children who come back to the front door, the common thread is not the quality of any single intervention but whether the help offered fitted the family’s circumstances and whether it lasted long enough. This is why our strategy puts relationships before processes, and why continuity of worker matters so much to us.`,
    `What the figures do not show is the quality of practice behind them, and we do not rely on them alone. Our quality assurance framework brings together case audit, practice observation, feedback from children and families and the views of partners, and the headline judgement in this self-assessment draws on all four.`,
    `Our data tells us what is happening but not always why. Over the past year we have added the voices of children, parents and practitioners to our monthly performance report, so that a change in a figure prompts a conversation with the people closest to it rather than a new target.`,
  ]
  const inspection = [
    `Our most recent inspection and focused visit findings are reflected throughout this self-assessment. We have acted on every recommendation, and our improvement plan tracks each one to completion with evidence of impact rather than of activity. We have also learned from the inspections of our neighbours, and several of the lines of enquiry we offer our challengers come from that learning.`,
    `We treat inspection as one source of external challenge among several. Alongside inspection findings we use peer review, the annual engagement meeting with Ofsted and the scrutiny of our safeguarding partnership to test our own view of practice. Where those sources see things differently from us, we say so in this document.`,
    `Since our last inspection we have commissioned two external practice reviews, one of the front door and one of our work with children in care, to test whether improvement has been sustained. Both confirmed the direction of travel and identified areas where practice is not yet consistent, and we have built their findings into our plan.`,
  ]
  const voices = [
    `When we ask children and young people in ${f.name} what matters to them, the answers are consistent: a worker who stays, adults who listen and explain, somewhere safe to live near their friends, and help that arrives before things reach crisis point. Our children in care council and youth council tell us that they want to be involved in decisions about services, not only consulted once those decisions have been made, and we have changed how we work as a result.`,
    `Parents tell us that the help they value most is practical, respectful and consistent. In our annual survey of families who have received support, the most common praise is for individual workers who “did what they said they would do”, and the most common complaint is having to repeat their story to different professionals. Both shape our priorities for the coming year.`,
    `Young people have been clear with us about what needs to change. Through our young inspectors, our youth voice forums and the feedback we collect at the end of every intervention, they have told us that meetings about them are too often held without them, and that plans are written in language they do not understand. We have acted on both points and report progress to the children in care council.`,
  ]
  const money = f.london
    ? [
        `Like every London borough, we are managing significant pressure on the high needs block and on placement costs, and the children’s services budget overspent by ${f.overspend}% last year. We have a credible medium-term plan, agreed with the chief executive and the section 151 officer, which invests in prevention and in-house fostering to reduce our reliance on high-cost placements.`,
        `Our financial position is challenging but stable. Children’s services is protected within the council’s medium-term financial strategy, and an invest-to-save programme of £${f.investment} million over three years is funding edge-of-care support, a small children’s home in the ${f.place} and the recruitment of more foster carers.`,
      ]
    : [
        `Funding has not kept pace with need. The cost of external residential placements has risen by more than ${f.costRise}% in three years, and the council has had to make difficult choices elsewhere to protect children’s services. We are working with the other North East councils on a regional approach to sufficiency and on the cost of agency social workers.`,
        `The council has protected children’s services through a difficult decade for local government finance, and members have agreed further investment in prevention. We manage the budget tightly through a joint placements and finance panel, and we can show where spending has shifted from crisis response to earlier support.`,
      ]
  return doc(
    heading(`Our ${f.place}`),
    para(f.pick(intro)),
    para(
      `Around ${thousands(f.children)} children and young people aged 0 to 17 live in ${f.name}. About ${f.poverty}% of them live in low-income households after housing costs, and ${f.fsm}% of pupils are eligible for free school meals. The rate of children in need is ${f.cin} per 10,000 children, and the rate of children in care is ${f.cla} per 10,000: ${claView}.`,
    ),
    heading('What the headline data tells us'),
    bullets([
      [bold('Front door: '), `${thousands(f.contacts)} contacts in the last year, ${f.contactsChange >= 0 ? `up ${f.contactsChange}%` : `down ${-f.contactsChange}%`} on the year before, with ${f.conversion}% leading to a referral.`],
      [bold('Re-referrals: '), `${f.reReferrals}% of referrals were for children referred in the previous twelve months.`],
      [bold('Child protection: '), `${f.cpRate} children per 10,000 on a child protection plan, ${f.secondPlan}% of them for a second or subsequent time.`],
      [bold('Children in care: '), `${thousands(f.claCount)} at the year end, ${f.uasc}% of them unaccompanied asylum-seeking children, and ${f.distant}% living more than 20 miles from home.`],
      [bold('SEND: '), `${f.ehcpGrowth}% more education, health and care plans than three years ago, with ${f.ehcpTimely}% of new plans issued within 20 weeks.`],
      [bold('Care leavers: '), `${f.careLeaversEet}% of 19 to 21 year olds in education, employment or training, and ${f.careLeaversHome}% in suitable accommodation.`],
    ]),
    para(f.pick(demand, 1)),
    para(f.pick(beyond, 2)),
    heading('Our children and families'),
    para(f.pick(demand, 2)),
    para(f.pick(voices)),
    heading('Inspection, learning and resources'),
    para(f.pick(inspection)),
    para(f.pick(money)),
  )
}

// ---------------------------------------------------------------------------------------
// Section 2: the improvement journey

const JOURNEY_OPENING: Record<Rating, ((f: Facts) => string)[]> = {
  poor: [
    () =>
      'We judge that we are at the start of our improvement journey. Too many children wait too long for the help they need, practice is inconsistent across teams, and our leadership team is not yet confident that we know ourselves well in every part of the service. We have a clear plan, the backing of the council and our partners, and early signs of progress, but we have not yet earned a higher rating.',
    () =>
      'We rate ourselves as poor because the experience of too many children is not yet good enough. Our own audits show that the quality of assessment and planning varies too much between teams, and turnover has made it hard to sustain improvement. We are being honest about this so that our challengers can help us focus on what will make the most difference.',
  ],
  fair: [
    () =>
      'We judge that we are fair: improving, with solid foundations, but not yet consistently good. Most children receive a good service most of the time, and our audits show steady improvement in the quality of assessment and planning. The variation that remains, between teams and at points of transition, is what stops us rating ourselves higher.',
    () =>
      'We rate ourselves as fair. We have made real progress since our last self-assessment: the front door is more timely, caseloads are lower and children’s plans are more focused. But progress has been faster in some parts of the service than in others, and we cannot yet show that the gains are embedded and sustained.',
  ],
  good: [
    (f) =>
      `We judge that we are good. Children in ${f.name} receive help that is timely and well matched to their needs, practice is consistently strong across most of the service, and leaders know where the weaker areas are and are acting on them. This is a judgement we have tested with our partners and with young people, and it is supported by our audit and performance evidence.`,
    () =>
      'We rate ourselves as good, and improving. The improvements we described in last year’s self-assessment have been sustained for more than a year, our workforce is stable, and what we hear from children and families is increasingly positive. We are clear about the areas that are not yet good, and they are reflected in our top three challenges.',
  ],
  great: [
    () =>
      'We judge that we are great: practice is strong and consistent, children’s experiences and outcomes are improving year on year, and our learning culture means that we find and fix problems before they affect children. We do not take this for granted. Sustaining excellence through rising demand and tight finances is our biggest test.',
    (f) =>
      `We rate ourselves as great. This is not a claim that everything is perfect: it reflects a service that knows itself well, improves continuously and contributes to improvement beyond ${f.name}. External challenge over several years has confirmed our own view, and our staff and partners recognise it.`,
  ],
}

const JOURNEY_NEXT: Record<Rating, string> = {
  poor: 'To move to fair we need to show that the basics are in place everywhere: timely visits, up-to-date plans and supervision that makes a difference to children. We expect this to take at least a year, and our improvement plan is built around it, with milestones that our improvement board checks every six weeks.',
  fair: 'To move to good we need consistency. The gap between our strongest and our weakest teams must close, and we need to show that the improvement in our front door and assessment work is sustained through a period of high demand. We will know we are there when our audits, our data and what children tell us all say the same thing.',
  good: 'To move to great we need to show the same strength in our work with adolescents and with children with disabilities that we see elsewhere, and to show that our outcomes, not only our practice, compare with the best. We also want to play a bigger part in improvement across the region.',
  great: 'Our task is to stay here. We will keep testing ourselves through external challenge, invest in the next generation of managers and practice leaders, and share what works with others in the region, including through the peer challenge programme.',
}

function journey(f: Facts): { rating: Rating; doc: RichTextDoc } {
  const why = [
    `Our judgement draws on ${f.audits} case audits completed over the year, practice observations in every team, feedback from more than ${f.feedback} children and families, and our performance scorecard. We asked our safeguarding partners and our practitioners to rate us independently before we agreed our own rating, and we have reflected their views where they differed from ours.`,
    'We reached this judgement through a series of workshops with managers, practitioners, partners and members of our children in care council. Each group looked at the same evidence: audit findings, performance data, complaints and compliments, and what children have told us. The rating is the one on which there was the greatest agreement, and we have recorded where views differed.',
    'This rating is the product of our annual “know ourselves” cycle: a quarter of dip-sampling and thematic audit, a practice week in which senior leaders join teams on visits, and a review by our improvement board. It is also informed by the challenge we received last year and by what we have learned from our neighbours.',
  ]
  const evidence = [
    `${f.auditGood}% of audited cases rated good or better, up from ${f.auditGood - f.int(4, 12)}% a year ago.`,
    `Caseloads averaging ${f.caseload} children per social worker in our assessment and safeguarding teams.`,
    `${f.timely}% of assessments completed within timescale, with management oversight evident in ${f.oversight}% of audited cases.`,
    `Agency social workers down to ${f.agency}% of the workforce, from ${f.agencyBefore}% two years ago.`,
    `${f.stability}% of children who have been in care for two and a half years or more have lived in the same home for at least two years.`,
    `Feedback from children and families positive in ${f.positive}% of responses to our “tell us” survey.`,
    `Re-referrals within twelve months at ${f.reReferrals}%, in line with our statistical neighbours.`,
    'Every child in care of school age has a personal education plan reviewed each term.',
  ]
  const changed = [
    `Over the past year we have restructured our front door, launched a practice academy and moved our early help teams into family hubs. Each change was planned with staff and partners and has been evaluated: the front door now makes ${f.timely}% of decisions within one working day, and the proportion of families stepping up from early help to social care has fallen. The academy has helped reduce agency use, although not yet in every team.`,
    'The most important change over the past year has been in management grip. Team managers now review every child’s plan at least monthly, supervision records show clearer direction, and the number of children without an up-to-date plan has fallen to a handful, each known to the head of service. This has given us the stable base we needed to focus on the quality of direct work.',
    'This year we have focused on the quality of practice rather than compliance. We have introduced practice standards co-produced with staff, moved to collaborative audits carried out with the practitioner, and invested in direct-work training for every social worker. Audit grades have risen in every service area, and families’ feedback has become more positive.',
  ]
  const milestones = [
    'A new practice framework launched and embedded in supervision and audit',
    'Family hubs open in every locality, with partners co-located',
    'A permanent senior leadership team in place for the first time in three years',
    'A revised threshold guide agreed with all safeguarding partners',
    'The children in care council’s pledge refreshed and adopted by cabinet',
    'A new case management system live across children’s services',
  ]
  const start = f.int(0, evidence.length - 1)
  const firstMilestone = f.int(0, milestones.length - 1)
  return {
    rating: f.journey,
    doc: doc(
      para(f.pick(JOURNEY_OPENING[f.journey])(f)),
      heading('Why we have placed ourselves here'),
      para(f.pick(why, 1)),
      para(f.pick(why, 2)),
      bullets([0, 1, 2, 3].map((k) => evidence[(start + k * 2) % evidence.length])),
      heading('What has changed since last year'),
      para(f.pick(changed, 2)),
      bullets([0, 1, 2].map((k) => milestones[(firstMilestone + k) % milestones.length])),
      heading('What would move us on'),
      para(JOURNEY_NEXT[f.journey]),
    ),
  }
}

// ---------------------------------------------------------------------------------------
// Section 3: the seven enablers

type EnablerBank = {
  evidence: ((f: Facts) => string)[]
  /** Evidence that describes a service under strain: only for a poor or fair rating. */
  strained?: ((f: Facts) => string)[]
  points: ((f: Facts) => string)[]
  low: ((f: Facts) => string)[]
  high: ((f: Facts) => string)[]
}
const s = (value: string) => () => value

const ENABLERS: Record<string, EnablerBank> = {
  leadership: {
    evidence: [
      (f) =>
        `Our children’s services strategy, “${f.strategy}”, was agreed by cabinet and by the safeguarding partnership, and it is the single plan that the director, the lead member, the chief executive and partners report against. The improvement board meets every six weeks, is independently chaired and reviews one scorecard that links each priority to a named owner. Political leadership is stable, and the lead member joins practice weeks twice a year to spend time with social workers and to hear directly from young people.`,
      (f) =>
        `Senior leaders share a clear account of what good looks like for children in ${f.name}. The corporate leadership team holds a quarterly deep dive on children’s services, and the chief executive and the leader meet the director monthly to review demand, quality and spending together rather than separately. Our practice framework is the golden thread from the strategy to the supervision record, and in the staff survey ${f.knowPriorities}% of practitioners could describe our three strategic priorities.`,
      s('Leadership capacity has been strengthened over the past eighteen months with permanent appointments to the assistant director posts for early help and for children in care. The senior leadership team now runs a monthly “line of sight” meeting in which heads of service present audit findings, performance data and feedback from children and families side by side, and agree the actions that follow. Members scrutinise progress through the corporate parenting panel and through overview and scrutiny.'),
    ],
    points: [
      s('One improvement plan, one scorecard and one board, independently chaired'),
      s('The lead member and the chief executive join practice weeks and meet frontline staff'),
      s('Partnership priorities aligned with the children and young people’s plan'),
      s('A monthly “line of sight” meeting linking audit, data and feedback'),
      s('A stable senior team with no interim appointments at director or assistant director level'),
    ],
    low: [
      s('The strategy is right, but it is not yet felt equally across the service. Practitioners in some teams tell us that they cannot see how the priorities relate to their day-to-day work, and we are changing how we communicate and measure progress as a result.'),
      s('Turnover in senior posts over the past two years has slowed us down. The permanent team is now in place, and our next task is to show that improvement continues at the pace the plan requires.'),
    ],
    high: [
      s('Leadership stability and a shared narrative are among our strongest assets, and we are happy to share our improvement board arrangements and scorecard with other councils.'),
      s('External challenge has consistently confirmed that leaders know the service well. We would welcome testing of how well this holds during a period of financial pressure.'),
    ],
  },
  culture: {
    evidence: [
      (f) =>
        `Our practice model, built on restorative and relational principles, gives staff a shared language for working with families. We invest in it continuously: every new starter completes the core programme in their first three months, and practice leads run monthly learning sessions that draw on real cases. In the staff survey ${f.staffValued}% of practitioners said they feel valued and ${f.speakUp}% that they can raise concerns without fear.`,
      s('We want a culture in which practitioners are curious, children are visible in every record, and mistakes are treated as learning rather than blame. Our learning reviews follow a systems approach, and their findings are shared in open sessions that any member of staff can join. Leaders visit teams regularly, and the director’s weekly message celebrates good practice by name.'),
      s('Our values were written with staff and with young people three years ago and are used in recruitment, induction and appraisal. Children and young people sit on interview panels for all social work and management posts, and the children in care council holds an annual “takeover” in which its members question senior leaders about what has changed since the year before.'),
    ],
    points: [
      s('Young people on every interview panel for social work and management posts'),
      s('Systems-based learning reviews shared in open sessions'),
      s('An annual staff survey with action plans owned by each team'),
      s('The practice model embedded in induction, supervision and audit'),
      s('Good practice celebrated by name in the director’s weekly message'),
    ],
    low: [
      s('Staff tell us that the culture we describe is real in some teams but not yet in others, particularly where turnover has been highest. Building it consistently depends on stable management, which is why the workforce features so strongly in our plan.'),
      s('The pressure of demand has at times pushed us back towards compliance rather than curiosity. We are rebalancing our audit and supervision frameworks so that they ask about the difference made for children, not only whether tasks were done on time.'),
    ],
    high: [
      s('Our culture is what visitors comment on most, and what our staff say keeps them here. We would be glad to host colleagues from other councils to see it in practice.'),
      s('We can evidence the link between culture and outcomes: the teams with the strongest staff survey results also have the highest audit grades and the lowest turnover.'),
    ],
  },
  workforce: {
    evidence: [
      (f) =>
        `Our social work workforce is increasingly stable. Agency use has fallen to ${f.agency}% and average caseloads are ${f.caseload} children per worker in the safeguarding teams. Our academy for newly qualified social workers has supported ${f.newlyQualified} practitioners through their assessed and supported year in employment, and most have stayed with us. A market supplement for hard-to-fill posts and a clear career pathway into practice leadership have helped retention.`,
      s('We know our workforce well. Monthly workforce data covers vacancies, turnover, sickness, caseloads and the experience profile of each team, and is reviewed alongside quality data so that we can see the effect of churn on children. Exit interviews and “stay” conversations tell us that manageable caseloads, good supervision and flexible working matter most, and we have acted on all three.'),
    ],
    strained: [
      (f) =>
        `Recruitment and retention remain our greatest operational risk. We compete for experienced social workers with neighbouring councils and with agencies, and vacancy rates in our assessment teams are above ${f.vacancies}%. We have invested in a “grow our own” programme, including social work apprenticeships and Step Up to Social Work, and we are working with the other councils in the region on agency pay and conduct.`,
    ],
    points: [
      (f) => `Agency use at ${f.agency}% of social work posts, down from ${f.agencyBefore}%`,
      s('An academy for newly qualified social workers with protected caseloads'),
      s('A social work apprenticeship programme with local universities'),
      s('The regional agreement on agency pay, which we helped to write'),
      s('A “stay” conversation for every practitioner at the two-year point'),
    ],
    low: [
      s('Despite this work, too many children still experience a change of social worker, and the experience profile of some teams is too thin. Stabilising the workforce is the foundation for everything else in our plan.'),
      (f) => `We are not yet where we need to be. Turnover in our frontline teams remains above ${f.turnover}%, and every change of worker costs children time and trust.`,
    ],
    high: [
      s('Workforce stability is now a strength, and it is the foundation of our improvement. We would be glad to share our academy model and our approach to retention.'),
      s('Our workforce strategy has delivered a stable, experienced and well-supported workforce, and children tell us they are less likely to have a change of worker than they were.'),
    ],
  },
  partners: {
    evidence: [
      s('The safeguarding partnership is well established: the council, the integrated care board and the police share equal responsibility, and an independent scrutineer challenges all three. Partners fund a joint business unit and a multi-agency audit programme, and the partnership’s priorities are aligned with ours. Schools are represented through an education safeguarding forum, which has strengthened the voice of education in the partnership.'),
      s('Our partnerships are strongest where we have built shared teams: the multi-agency safeguarding hub, the exploitation hub and the family hubs bring together social workers, police, health professionals and the voluntary sector in one place. Governance is clear, with a children’s partnership board responsible for the children and young people’s plan and the safeguarding partnership responsible for safeguarding arrangements.'),
      s('Our relationship with health partners has been transformed through joint commissioning of emotional wellbeing and mental health services and a designated social care officer for SEND. Police colleagues attend our strategy discussions consistently, and the quality of information sharing has improved, as our multi-agency audits show.'),
    ],
    points: [
      s('An independent scrutineer for the safeguarding partnership'),
      s('A joint multi-agency audit programme with published findings'),
      s('A co-located multi-agency safeguarding hub and exploitation hub'),
      s('Education represented alongside the three statutory safeguarding partners'),
      s('Joint commissioning of emotional wellbeing services with the integrated care board'),
    ],
    low: [
      s('Partnership working is strong at a strategic level but less so in practice. Attendance of health colleagues at child protection conferences is inconsistent, and partners’ referrals too often lack the information we need to make good decisions.'),
      s('The partnership has been through significant change, and relationships are still settling. We want our challengers to test whether partners share our view of the service.'),
    ],
    high: [
      s('Partners describe these arrangements as genuinely shared, and our multi-agency audits show the difference they make to the quality of decisions for children.'),
      s('Our partnership arrangements are mature, and we would welcome the chance to share how we fund and run the multi-agency audit programme.'),
    ],
  },
  apparatus: {
    evidence: [
      s('Our case management system was reconfigured last year around the child’s journey rather than around forms, reducing recording time and making the child’s story easier to follow. Performance reporting is automated and refreshed daily, and every team manager has a dashboard showing their team’s timeliness, caseloads and audit grades. Thresholds are set out in a multi-agency guide that partners helped to write.'),
      (f) =>
        `We know our business through a combination of data, audit and feedback. The monthly performance report tracks ${f.indicators} indicators against our statistical neighbours, and each quarter a thematic audit looks in depth at one area of practice. Thresholds are well understood by partners, as the proportion of contacts that lead to a referral, now ${f.conversion}%, shows.`,
      s('The supporting apparatus has been an area of focus. We have moved to a new case management system, cleaned our data and introduced a single practice standards document that sets out what is expected at each stage of the child’s journey. Our threshold document was revised with partners and is supported by a consultation line for professionals.'),
    ],
    points: [
      s('Daily refreshed team dashboards for every manager'),
      s('A published multi-agency threshold guide, revised with partners'),
      s('A monthly performance report against statistical neighbours'),
      s('Quarterly thematic audits, with practitioners involved in grading'),
      s('A consultation line for professionals at the front door'),
    ],
    low: [
      s('Our systems still get in the way of good practice. Recording is duplicated in places, and managers do not have timely data for every part of the service. A replacement programme is under way but will not be complete until next year.'),
      s('Thresholds are not yet applied consistently by all partners, and too many contacts do not need a social care response. We are working with partners on the quality of referrals.'),
    ],
    high: [
      s('We are confident that we know our business: the data, the audits and the feedback tell a consistent story, and leaders use them to act quickly.'),
      s('Other councils have visited to see our dashboards and our audit framework, and we would be glad to share them more widely.'),
    ],
  },
  innovation: {
    evidence: [
      s('We innovate where the evidence points, and we evaluate what we do. Recent examples include a family group decision-making service offered to every family at the point of a child protection conference, and a specialist team for adolescents at risk of exploitation. Both were piloted, evaluated with a university partner and expanded only when the evaluation showed impact.'),
      s('Our approach to innovation is disciplined: we start from a clear problem, test a change on a small scale, measure its effect and stop what does not work. Over the past year we have tested a new model of support for parents with learning disabilities, family network meetings before care proceedings and a digital front door for professionals.'),
      s('We take part in national programmes where they fit our priorities, including Family Safeguarding and the reforms to family help. Each programme has a named senior sponsor and a plan for sustaining the approach when its funding ends, so that innovation becomes the way we work rather than a project.'),
    ],
    points: [
      s('Family group conferencing offered before every initial child protection conference'),
      s('An evaluation partnership with a local university'),
      s('Clear stop rules for pilots that do not show impact'),
      s('National reform programmes joined only with a plan for sustaining them'),
      s('A small practice improvement fund that lets practitioners test their own ideas'),
    ],
    low: [
      s('We have not always had the capacity to innovate alongside the day-to-day pressures of the service, and some pilots have ended without a clear decision about what to keep. We are tightening our approach.'),
      s('Innovation has been limited by the need to get the basics right first, and we think that was the right choice. We now want to learn from others about what has worked.'),
    ],
    high: [
      s('Disciplined innovation is a strength: we can show what we have stopped as well as what we have started, and why.'),
      s('Our evaluation partnership gives us confidence that our innovations make a difference, and we publish the findings so that others can learn from them.'),
    ],
  },
  resources: {
    evidence: [
      (f) =>
        `We use our resources judiciously. Children’s services spending is reviewed monthly by the director and the section 151 officer together, and decisions about high-cost placements are made at a joint panel that weighs quality, outcomes and value. Our in-house fostering service has grown by ${f.fosterGrowth} households in two years, reducing our reliance on independent fostering agencies.`,
      s('We have invested to save: additional funding for edge-of-care support and for foster carer recruitment has been repaid through fewer children entering care and fewer high-cost placements. We benchmark our unit costs against statistical neighbours and use the findings to challenge our commissioning.'),
    ],
    strained: [
      s('The budget is under significant pressure, particularly from external residential placements and from home-to-school transport for children with SEND. We have a medium-term plan that shifts spending towards prevention and local provision, and we track savings and outcomes together so that we do not save money at children’s expense.'),
    ],
    points: [
      s('A joint monthly budget review by the director and the section 151 officer'),
      s('Placement decisions taken at a joint quality and value panel'),
      (f) => `In-house fostering up by ${f.fosterGrowth} households in two years`,
      s('Unit costs benchmarked against statistical neighbours'),
      s('Invest-to-save business cases with both outcome and savings measures'),
    ],
    low: [
      s('We overspent last year and expect to do so again. Our plan is credible but depends on placement costs stabilising, which is largely outside our control. We would value challenge on whether our assumptions are realistic.'),
      s('We have not yet shifted enough spending from crisis to prevention. Too much of our budget is committed to a small number of very high-cost placements.'),
    ],
    high: [
      s('We have managed our budget within a small margin for three years while investing in prevention, and we can show the outcomes that investment has bought.'),
      s('Members and finance colleagues trust children’s services to manage its budget, and that trust has allowed us to invest when the evidence supported it.'),
    ],
  },
}

function enablerEntry(f: Facts, key: string, index: number, rating: Rating): { rating: Rating; doc: RichTextDoc } {
  const bank = ENABLERS[key]
  const evidence = high(rating) ? bank.evidence : [...bank.evidence, ...(bank.strained ?? [])]
  const first = f.int(0, bank.points.length - 1)
  return {
    rating,
    doc: doc(
      para(f.pick(evidence, index)(f)),
      para(f.pick(evidence, index + 1)(f)),
      bullets([0, 1, 2, 3].map((k) => bank.points[(first + k) % bank.points.length](f))),
      para(f.pick(high(rating) ? bank.high : bank.low, index)(f)),
    ),
  }
}

// ---------------------------------------------------------------------------------------
// Section 4: strengths we can offer others

const STRENGTHS: Partial<Record<ThemeKey, { title: string; what: (f: Facts) => string; offer: string }>> = {
  voice_of_the_child: {
    title: 'Children’s voices shaping services',
    what: (f) =>
      `Children and young people in ${f.name} shape our services, not only our consultations. The children in care council meets monthly with the lead member, young inspectors review our residential and supported accommodation, and young people co-wrote our pledge to children in care and our care leavers’ offer. Every audit now asks whether the child’s wishes and feelings are recorded in their own words and whether they changed the plan, and this is true in ${f.int(78, 92)}% of audited cases.`,
    offer: 'We can share our young inspectors programme, the training our young people deliver to new social workers and members, and our approach to recording children’s voices in their own words.',
  },
  early_help: {
    title: 'Early help through family hubs',
    what: (f) =>
      `Our family hubs bring together health visiting, early help, parenting support, debt and housing advice and the voluntary sector in every locality. Families can walk in without a referral, and practitioners from different agencies share one assessment and one plan. Over the past year ${thousands(f.int(1800, 4200))} families received a coordinated early help response, and the proportion stepping up to social care within twelve months fell to ${f.int(8, 14)}%.`,
    offer: 'We would be glad to host visits to our hubs and to share our single early help assessment, our outcomes framework and the partnership agreement that underpins them.',
  },
  care_leavers: {
    title: 'Our offer to care leavers',
    what: (f) =>
      `Care leavers in ${f.name} have a local offer that they helped to design and that the council as a whole stands behind: council tax exemption to 25, a guaranteed interview for council apprenticeships, and a setting-up-home allowance above the national recommendation. Personal advisers have manageable caseloads and stay with young people through the move to adulthood. ${f.careLeaversEet}% of our 19 to 21 year olds are in education, employment or training.`,
    offer: 'We can share how we secured a corporate commitment across the council and with local employers, and how our care leavers’ forum holds us to account for the offer.',
  },
  partnerships: {
    title: 'Multi-agency working that holds together',
    what: () =>
      'Our safeguarding partnership is mature and genuinely shared. Partners fund a joint business unit, the independent scrutineer reports publicly every year, and our multi-agency audit programme looks at one theme each quarter with practitioners from every agency grading cases together. The learning from these audits has changed practice in the police, in health and in schools as well as in children’s social care.',
    offer: 'We would be glad to share our multi-agency audit tool, our funding agreement and the way we bring education into the partnership as an equal voice.',
  },
  youth_justice: {
    title: 'Youth justice and diversion',
    what: (f) =>
      `Our youth justice service works on a “child first” basis, and our diversion scheme, run with the police, means that most children who come to notice for a first offence receive support rather than a formal outcome. First-time entrants to the youth justice system have fallen by ${f.int(20, 45)}% over three years, and reoffending rates are below the regional average.`,
    offer: 'We can share our joint decision-making panel with the police, our speech and language screening for every child who comes to the service, and our evaluation of the diversion scheme.',
  },
  front_door: {
    title: 'A front door that is timely and proportionate',
    what: (f) =>
      `Our front door combines a consultation line for professionals with a co-located multi-agency team. Partners can talk a concern through with a social worker before making a referral, which has improved the quality of referrals and reduced unnecessary contacts. ${f.int(92, 99)}% of contacts receive a decision within one working day, and our audits consistently find that decisions are proportionate and well recorded.`,
    offer: 'We would welcome colleagues to spend a day in our front door, and we can share our consultation model and the training we offer partners on thresholds.',
  },
  quality_assurance: {
    title: 'Knowing ourselves through quality assurance',
    what: () =>
      'Our quality assurance framework is built around learning rather than compliance. Audits are completed with the practitioner, not about them, and include a conversation with the family wherever possible. Findings feed a monthly learning cycle that reaches every team, and we can show how audit grades, performance data and feedback from families have moved together over three years.',
    offer: 'We can share our collaborative audit tool, our moderation arrangements and the way we report quality alongside performance to members.',
  },
  child_exploitation: {
    title: 'Responding to exploitation and extra-familial harm',
    what: () =>
      'Our exploitation hub brings together social workers, police, youth workers, health and community safety, and uses contextual safeguarding to work with the places and peer groups where harm happens as well as with individual children. Mapping of locations and networks is shared across partners weekly, and disruption activity is planned jointly.',
    offer: 'We can share our contextual safeguarding assessment, our weekly multi-agency mapping meeting and our work with transport operators and businesses.',
  },
  workforce: {
    title: 'A stable workforce we grew ourselves',
    what: (f) =>
      `Our academy for newly qualified social workers, our apprenticeship route and a clear pathway into practice leadership have given us one of the most stable workforces in the region. Agency use is ${f.agency}%, average caseloads are ${f.caseload}, and most of our team managers started their careers with us.`,
    offer: 'We are glad to share our academy programme, our career pathway and our approach to “stay” conversations, and to take part in regional work on recruitment.',
  },
  child_protection: {
    title: 'Child protection practice',
    what: (f) =>
      `Child protection practice in ${f.name} is consistently strong. Strategy discussions are timely and well attended by partners, family network meetings are held for every child on a plan, and conference chairs track the progress of plans between reviews. The proportion of children subject to a plan for a second time has fallen, and plans end because children are safer, not because time has passed.`,
    offer: 'We can share our strengths-based conference model, our midway review process and the way we involve families’ networks from the start.',
  },
  children_in_care: {
    title: 'Stability for children in care',
    what: (f) =>
      `Children in care in ${f.name} benefit from stable homes and relationships. ${f.stability}% of children in long-term care have lived in the same home for at least two years, and most have had the same social worker for more than a year. Our virtual school, health team and placements team work as one, and children’s plans are reviewed by independent reviewing officers who know them well.`,
    offer: 'We can share our permanence tracking, our foster carer support offer and the way our virtual school works alongside social workers.',
  },
}

function strengths(f: Facts, themes: ThemeKey[]): RichTextDoc {
  const intro = [
    'We offer these strengths because we can evidence their impact for children, not only the arrangements behind them. Each has been tested through audit and external challenge, and each is something we would be glad for colleagues in other councils to see in practice.',
    `These are the areas where ${f.name} is most confident, and where we believe others could learn from us. We have chosen them because the evidence is strong and because they have been sustained over time.`,
    'Peer challenge works both ways. These are the strengths we would like to offer to other councils in the region, through visits, shadowing and sharing our tools and evaluations.',
  ]
  const blocks: Block[] = [para(f.pick(intro))]
  for (const theme of themes) {
    const strength = STRENGTHS[theme]
    if (!strength) throw new Error(`No demo strength text for ${theme}`)
    blocks.push(heading(strength.title), para(strength.what(f)), para(bold('What we can offer: '), strength.offer))
  }
  blocks.push(
    para(
      f.pick([
        'We are also keen to learn. For each of these strengths there are councils in the region doing things differently, and we would welcome the chance to compare notes as well as to share.',
        'To arrange a visit or to ask for any of the material above, contact the director’s office, who will put you in touch with the lead manager for each area.',
        'Each of these strengths took several years to build and none is finished. We would be glad to talk honestly about what went wrong along the way as well as what worked.',
      ]),
    ),
  )
  return doc(...blocks)
}

// ---------------------------------------------------------------------------------------
// Section 5: our top three challenges

const CHALLENGES: Partial<Record<ThemeKey, { good: (f: Facts) => string; support: string; questions: string[] }>> = {
  placements: {
    good: (f) =>
      `Every child who needs to come into care in ${f.name} can live with a family or in a home close to their community, school and friends, chosen because it meets their needs rather than because it was the only one available. We would have enough local foster carers, including carers for teenagers, siblings and children with complex needs, and no child would live in unregistered provision. Our sufficiency strategy would be shaping the market rather than reacting to it.`,
    support: 'We would welcome challenge on our sufficiency strategy and foster carer recruitment, and the chance to learn from councils that have grown their in-house fostering and residential provision. Regional commissioning for children with the most complex needs is where we think collective action would help most.',
    questions: [
      'How well do we match children to placements, and what happens when the first choice is not available?',
      'Is our sufficiency strategy realistic about the needs of older children and sibling groups?',
    ],
  },
  child_exploitation: {
    good: () =>
      'Every child at risk of exploitation is identified early, and the response is joined up across social care, police, schools, health and the community. We would work with the places and peer groups where harm happens, not only with the child, and children who go missing would be found quickly and helped to talk about what happened. Fewer children would be criminalised for offences committed while they were being exploited.',
    support: 'We would value peer support on contextual safeguarding in practice, on the use of the National Referral Mechanism, and on how other councils measure whether their response is reducing harm rather than only recording it.',
    questions: [
      'Are return home conversations timely and do they change what we do?',
      'How well do partners share intelligence about locations and networks, and does it lead to disruption?',
    ],
  },
  workforce: {
    good: (f) =>
      `Children in ${f.name} have a social worker who knows them well and stays with them. Our workforce would be permanent, experienced and well supported, with agency use below ${Math.max(5, f.agency - 6)}% and caseloads that allow time for direct work. Managers would have the time and skills to provide reflective supervision, and we would be a place where social workers choose to build their careers.`,
    support: 'We would welcome the chance to learn from councils with stable workforces about what made the difference, and regional collaboration on agency pay, on the supply of experienced social workers and on routes into the profession.',
    questions: [
      'What do practitioners say about their caseloads and supervision, and does it match our data?',
      'What difference has our retention offer made, and for which groups of staff?',
    ],
  },
  front_door: {
    good: () =>
      'Every contact receives a timely, proportionate decision made by an experienced practitioner with the right information from partners. Families are told what is happening and why, children who need a social work response get one quickly, and those who need early help are connected to it without having to tell their story again. Partners understand and apply our thresholds consistently.',
    support: 'We would welcome colleagues with a strong front door to spend time in ours and to test the consistency of our threshold decisions, and support with our work with partners on the quality of referrals.',
    questions: [
      'Are threshold decisions consistent between managers and over the course of a week?',
      'What happens to the contacts that do not lead to a referral, and how many come back?',
    ],
  },
  send: {
    good: () =>
      'Children with special educational needs and disabilities have their needs identified early and met in their local school wherever possible. Education, health and care plans are issued on time, are of good quality and are reviewed so that they stay useful. Families trust the system, and children with disabilities who also need help from social care receive a joined-up response rather than two separate ones.',
    support: 'We would welcome challenge on our SEND improvement plan and on the join between SEND and children’s social care, and the chance to learn from councils that have reduced demand for plans by strengthening inclusion in mainstream schools.',
    questions: [
      'How well do social care and SEND services work together for disabled children?',
      'Are plans written with families and children, and do they reflect what matters to them?',
    ],
  },
  care_leavers: {
    good: () =>
      'Every young person leaving our care has a safe, suitable home, a personal adviser they trust and a clear route into education, training or work. The council acts as a good parent would, including after a young person turns 21, and care leavers tell us they feel supported rather than processed. No care leaver would be placed in bed and breakfast or unsuitable accommodation.',
    support: 'We would value support on housing pathways for care leavers, particularly with housing providers and neighbouring councils, and on how others have increased the number of care leavers in apprenticeships and higher education.',
    questions: [
      'How do care leavers describe the support from their personal adviser?',
      'What happens for care leavers who are not in education, employment or training, and how quickly?',
    ],
  },
  children_in_care: {
    good: () =>
      'Children in care have stable homes and relationships, understand why they are in care, and are helped to achieve well in education and to be healthy. Their plans are driven by their own views and are reviewed by people who know them. Permanence is secured without delay, whether through return home, special guardianship, long-term fostering or adoption.',
    support: 'We would welcome peer challenge on permanence planning and on the quality of life-story work, and the chance to learn from councils where children in care report the highest levels of wellbeing.',
    questions: [
      'How quickly do we secure permanence, and what causes delay?',
      'Do children in care understand their own story and plan?',
    ],
  },
  early_help: {
    good: (f) =>
      `Families in ${f.name} can get help early, in their own communities, from people they trust, without needing a referral to children’s social care. Early help would be a partnership offer, with schools, health and the voluntary sector leading assessments and plans, and we would see fewer families stepping up to statutory services and fewer returning after their case is closed.`,
    support: 'We would value learning from councils with a mature family hub model, particularly about how they measure impact and how they have secured partners as lead professionals.',
    questions: [
      'How many families step up from early help to social care, and could we have helped them sooner?',
      'Do partners take on the lead professional role, and what support do they need to do so?',
    ],
  },
  education: {
    good: () =>
      'Every child attends school, is included and achieves well. Exclusions and suspensions fall, children who miss education are found quickly, and vulnerable children, including children in care, children in need and children with SEND, make progress in line with their peers. Schools and children’s services work as one system.',
    support: 'We would welcome support on inclusion and attendance, particularly approaches that have reduced suspensions of children known to social care, and on the role of the virtual school for children in need.',
    questions: [
      'How well do we know the attendance and progress of children in need, not only children in care?',
      'What is the link between suspensions and referrals to social care?',
    ],
  },
  finance: {
    good: () =>
      'Children’s services live within a realistic budget while keeping children safe and investing in prevention. Spending on placements would be driven by need and quality, not by a shortage of options, and the council would have confidence that money spent early saves money and improves lives later.',
    support: 'We would value challenge on our medium-term financial plan and on our placement costs compared with similar councils, and learning from councils that have shifted spending towards prevention.',
    questions: [
      'How confident are we in the assumptions behind our medium-term financial plan?',
      'Where has invest-to-save worked for us, and where has it not?',
    ],
  },
  child_protection: {
    good: () =>
      'Children at risk of significant harm are identified quickly and protected by plans that are clear, owned by families and partners, and reviewed for impact. Plans end because children are safer, and few children return to a plan within two years. Practice in pre-proceedings is timely and well evidenced.',
    support: 'We would welcome peer review of our child protection practice, particularly the quality of plans and core groups, and support on reducing delay in pre-proceedings.',
    questions: [
      'Are child protection plans specific enough to measure whether children are safer?',
      'Why do children come back onto plans, and what would have prevented it?',
    ],
  },
  quality_assurance: {
    good: () =>
      'We know ourselves well: our audits are reliable, findings lead to change, and we can show the link between what we learn and what improves for children. Managers at every level use data and audit routinely, and practitioners see quality assurance as support rather than scrutiny.',
    support: 'We would welcome moderation of a sample of our audits by colleagues from another council, and learning from councils whose quality assurance frameworks have driven sustained improvement.',
    questions: [
      'Do our audit grades match what an external auditor would find?',
      'How do audit findings change practice, and how do we know?',
    ],
  },
  youth_justice: {
    good: () =>
      'Children who offend are treated as children first. Fewer enter the youth justice system, those who do receive support that addresses the reasons behind their behaviour, and reoffending falls. Children in the youth justice system are not over-represented in custody, and disproportionality is understood and tackled.',
    support: 'We would value support on disproportionality in the youth justice system and on the join between youth justice and services for children at risk of exploitation.',
    questions: [
      'Are Black and mixed heritage children over-represented at each stage, and what are we doing about it?',
      'How well do youth justice and exploitation services work together?',
    ],
  },
}

function topThree(f: Facts, themes: ThemeKey[]) {
  return {
    challenges: themes.map((theme) => {
      const c = CHALLENGES[theme]
      if (!c) throw new Error(`No demo challenge text for ${theme}`)
      return { theme, whatGoodLooksLike: c.good(f), supportWelcome: c.support }
    }),
  }
}

// ---------------------------------------------------------------------------------------
// Section 6: evidence and lines of enquiry for challengers

function evidence(f: Facts, themes: ThemeKey[]): RichTextDoc {
  const intro = [
    'We want our challengers to test our self-assessment against the evidence, not take it on trust. Everything listed here is available to the peer challenge team before the visit, and we will arrange conversations with practitioners, managers, partners and young people on request.',
    `We have tried to make it easy to check what we say about ${f.name}. The documents below are shared with the challenge team in advance, and we have listed the questions we would most like to be asked, including the uncomfortable ones.`,
    'Good challenge starts from good evidence. We will give our challengers open access to our performance data, recent audits and learning reviews, and time with the people who can tell them what practice is really like.',
  ]
  const sources = [
    'The monthly performance scorecard for the past twelve months, with statistical neighbour comparisons',
    'Findings from thematic and dip-sample audits, with the moderation record',
    'The improvement plan and the most recent report to the improvement board',
    'The safeguarding partnership’s annual report and the independent scrutineer’s review',
    'Feedback from children, young people and families, including the children in care council’s annual report',
    'Workforce data: vacancies, turnover, caseloads and agency use by team',
    'Learning reviews from the past two years and the actions that followed',
    'The sufficiency strategy and the medium-term financial plan for children’s services',
  ]
  const close = [
    'We would also welcome challengers’ views on anything we have not mentioned. The areas we are least aware of are, by definition, the ones this document cannot describe.',
    'We will respond in writing to every line of enquiry, and we will publish our response alongside the challenge letter so that staff and partners can see what changed as a result.',
    'Above all we would like our challengers to spend time with practitioners and with young people. They will tell you what we have got right and what we have not.',
  ]
  const learned = [
    `Last year’s peer challenge asked us hard questions about the consistency of management oversight and about how well we knew the experience of children placed outside ${f.name}. We have acted on both, and we would like this year’s challengers to test whether the changes have made a difference.`,
    'We have taken the findings of last year’s challenge seriously. The actions we agreed are tracked by the improvement board, most are complete, and the two that are not are explained in our improvement plan. We would welcome a view on whether the completed actions have changed practice as well as process.',
    'The most useful challenge we have received in recent years came from practitioners in other councils rather than from senior leaders. We would like this year’s challenge team to include frontline managers who can compare our practice with their own.',
  ]
  const people = [
    'Frontline practitioners from the front door, assessment, child protection and children in care teams, without their managers present',
    'Team managers and practice leads, about supervision, caseloads and how they use data',
    'Members of the children in care council and care leavers’ forum',
    'Partners from the police, health and schools, including the designated safeguarding professionals',
    'The lead member and the chair of the corporate parenting panel',
    'Foster carers and residential staff, about the support they receive',
  ]
  const firstPerson = f.int(0, people.length - 1)
  const first = f.int(0, sources.length - 1)
  const questions = themes.flatMap((theme) => CHALLENGES[theme]?.questions ?? [])
  return doc(
    para(f.pick(intro)),
    para(f.pick(learned, 2)),
    heading('Where to look'),
    bullets([0, 1, 2, 3, 4].map((k) => sources[(first + k) % sources.length])),
    heading('People to meet'),
    bullets([0, 1, 2, 3].map((k) => people[(firstPerson + k) % people.length])),
    heading('Lines of enquiry we would welcome'),
    bullets(questions),
    para(
      'We would also ask our challengers to look at ',
      bold(lowerFirst(THEMES.find((t) => t.key === themes[0])?.label ?? 'our first challenge')),
      ' in depth: it is the challenge on which we are least confident of our own assessment, and where an outside view would help most.',
    ),
    para(f.pick(close, 1)),
  )
}

// ---------------------------------------------------------------------------------------
// Putting an assessment together

/** Every section's input for a complete assessment, or the parts a draft has got to. */
function sectionInputs(f: Facts, plan: Plan): Map<string, unknown> {
  const ratings = enablerRatings(f)
  const enablerKeys = activeEnablers(DEFAULT_TEMPLATE).map((e) => e.key)
  const enablers = Object.fromEntries(enablerKeys.map((key, i) => [key, enablerEntry(f, key, i, ratings[key])]))
  const inputs = new Map<string, unknown>([
    ['context', { doc: context(f) }],
    ['journey', journey(f)],
    ['enablers', { enablers }],
    ['strengths', { doc: strengths(f, plan.strengths) }],
    ['top_three', topThree(f, plan.challenges)],
    ['evidence', { doc: evidence(f, plan.challenges) }],
  ])
  if (plan.partial === 'early') {
    // Context written, a rating without its reasons yet, three enablers started, two
    // challenges half thought through.
    const three = topThree(f, plan.challenges).challenges
    return new Map<string, unknown>([
      ['context', inputs.get('context')],
      ['journey', { rating: plan.journey }],
      ['enablers', { enablers: { leadership: enablers.leadership, culture: enablers.culture, workforce: { rating: ratings.workforce } } }],
      ['top_three', { challenges: [three[0], { theme: three[1].theme, whatGoodLooksLike: three[1].whatGoodLooksLike }] }],
    ])
  }
  if (plan.partial === 'mid') {
    // Most of it written; two enablers, one challenge's support and the evidence to come.
    const three = topThree(f, plan.challenges).challenges
    return new Map<string, unknown>([
      ['context', inputs.get('context')],
      ['journey', inputs.get('journey')],
      ['enablers', { enablers: Object.fromEntries(Object.entries(enablers).slice(0, 5)) }],
      ['strengths', inputs.get('strengths')],
      ['top_three', { challenges: [three[0], three[1], { theme: three[2].theme, whatGoodLooksLike: three[2].whatGoodLooksLike }] }],
    ])
  }
  return inputs
}

/** Camden's second revision: the signed-off text, with a few sections brought up to date. */
function revise(f: Facts, inputs: Map<string, unknown>): { inputs: Map<string, unknown>; changed: string[] } {
  const next = new Map(inputs)
  const context = structuredClone(inputs.get('context')) as { doc: RichTextDoc }
  context.doc.content!.push(
    heading('Update since sign-off'),
    para(
      `Since this self-assessment was signed off, our latest quarter’s data shows contacts to the front door up by a further ${f.int(4, 9)}% and a rise in the number of adolescents coming into care, most of them at risk of exploitation outside the home. `,
      'We have added a dedicated adolescent response to our plan and updated our second challenge accordingly.',
    ),
  )
  next.set('context', context)
  const journey = structuredClone(inputs.get('journey')) as { rating: Rating; doc: RichTextDoc }
  const blocks = journey.doc.content!
  blocks[blocks.length - 1] = para(
    'To move to great we need to show the same strength in our work with adolescents that we see elsewhere. Our autumn thematic audit of adolescents at risk outside the home found good engagement with young people but plans that were too often reactive, and we have made this the first priority for the coming year. ',
    bold('We will re-audit in the spring and report the findings to our challengers.'),
  )
  next.set('journey', journey)
  const top = structuredClone(inputs.get('top_three')) as ReturnType<typeof topThree>
  top.challenges[1].supportWelcome =
    'Since sign-off our need has sharpened: we would particularly welcome a peer review of our adolescent response, including return home conversations and transitions to adult services, and learning from councils that have brought exploitation and youth justice into one team.'
  next.set('top_three', top)
  return { inputs: next, changed: ['context', 'journey', 'top_three'] }
}

type Thread = { on: string; section: string; by: string; body: string; reply?: string; resolved?: boolean; daysAfterShare: number }

// Challenge questions from peers on shared assessments, and some answers.
const THREADS: Thread[] = [
  {
    on: 'camden',
    section: 'top_three',
    by: 'hackney',
    daysAfterShare: 3,
    body: 'You name placement sufficiency as your first challenge. How much of the gap is about the number of local foster carers, and how much about matching for older teenagers with complex needs? It would help us to know which a peer challenge should focus on.',
    reply: 'Mostly the second. We have grown in-house fostering for younger children, but we have almost no local carers for teenagers with complex needs, and that is where nearly all our distant and high-cost placements are. We would like the challenge to focus there.',
    resolved: true,
  },
  {
    on: 'camden',
    section: 'enablers',
    by: 'lambeth',
    daysAfterShare: 6,
    body: 'Your workforce evidence shows agency use falling. Is that holding in the assessment teams, where most of us are seeing the most pressure? And what did the retention offer cost, roughly, per post?',
    reply: 'It is holding, but only just: two of our three assessment teams are fully permanent, the third still relies on agency managers. We will bring the costings of the retention offer to the challenge day.',
  },
  {
    on: 'camden',
    section: 'evidence',
    by: 'southwark',
    daysAfterShare: 9,
    body: 'Could you share the audit findings behind your line of enquiry on supervision before the challenge visit? It would help our team prepare questions for the managers we meet.',
  },
  {
    on: 'hackney',
    section: 'journey',
    by: 'camden',
    daysAfterShare: 4,
    body: 'You rate yourselves fair and describe real progress at the front door. What would you need to see in the data over the next six months to be confident that the improvement is sustained rather than a response to extra capacity?',
  },
  {
    on: 'southwark',
    section: 'strengths',
    by: 'newcastle-upon-tyne',
    daysAfterShare: 5,
    body: 'We are interested in your front door consultation line. How did you persuade partners, especially schools, to phone before referring, and did the number of contacts fall as a result?',
  },
  {
    on: 'gateshead',
    section: 'strengths',
    by: 'sunderland',
    daysAfterShare: 2,
    body: 'Your child protection practice looks strong, particularly family network meetings for every child on a plan. How do you resource those meetings, and who chairs them?',
    reply: 'They are chaired by our family group conference coordinators, who moved into the child protection service last year. We funded two extra coordinator posts from the reduction in repeat plans. Happy to share the business case.',
  },
  {
    on: 'newcastle-upon-tyne',
    section: 'top_three',
    by: 'gateshead',
    daysAfterShare: 7,
    body: 'Placements are a shared challenge for both of us. Would you be open to looking at a joint approach to recruiting foster carers for teenagers across our two areas as part of the challenge?',
  },
]

const cuid = () => `c${randomBytes(12).toString('hex')}`
const DAY = 86_400_000

/**
 * Seeds the demo self-assessments. Safe to run again: a council that already has an
 * assessment for a year keeps it, untouched. One transaction, a handful of statements.
 */
export async function seedDemoAssessments(prisma: PrismaClient): Promise<void> {
  // Loaded here, not at the top: the rich-text checks pull in Tiptap, which a server
  // start that has nothing to seed should not pay for.
  const { checkSectionContent, missingForSignOff } = await import('~/self-assessment/sections')

  const slugs = [...new Set(PLANS.map((p) => p.slug))]
  const readerSlugs = [...new Set([...slugs, ...THREADS.map((t) => t.by)])]
  const councils = await prisma.council.findMany({
    where: { slug: { in: readerSlugs } },
    select: { id: true, slug: true, name: true, region: { select: { slug: true } } },
  })
  const bySlug = new Map(councils.map((c) => [c.slug, c]))
  if (slugs.some((slug) => !bySlug.has(slug))) return // reference data not loaded: nothing to attach to
  const emails = [...readerSlugs.map((slug) => `dcs.${slug}@example.org`), 'officer.camden@example.org']
  const users = new Map((await prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })).map((u) => [u.email, u.id]))
  const director = (slug: string) => {
    const id = users.get(`dcs.${slug}@example.org`)
    if (!id) throw new Error(`Demo account dcs.${slug}@example.org is missing`)
    return id
  }
  const existing = await prisma.selfAssessment.findMany({ where: { councilId: { in: councils.map((c) => c.id) } }, select: { councilId: true, year: true } })
  const taken = new Set(existing.map((a) => `${a.councilId}:${a.year}`))
  const figureRows = await prisma.councilFigure.findMany({ where: { councilId: { in: councils.map((c) => c.id) } }, select: { councilId: true, key: true, value: true } })

  const now = Date.now()
  const daysAgo = (days: number) => new Date(now - days * DAY)
  const assessments: Prisma.SelfAssessmentCreateManyInput[] = []
  const revisions: Prisma.AssessmentRevisionCreateManyInput[] = []
  const sections: Prisma.AssessmentSectionCreateManyInput[] = []
  const reads: Prisma.AssessmentReadCreateManyInput[] = []
  const comments: Prisma.AssessmentCommentCreateManyInput[] = []
  const sharedIds = new Map<string, { id: string; sharedAt: Date }>()

  const store = (revisionId: string, inputs: Map<string, unknown>, updatedById: string, updatedAt: Date, versionOf: (key: string) => number = () => 1) => {
    const contents = new Map<string, SectionContent>()
    for (const section of activeSections(DEFAULT_TEMPLATE)) {
      if (!inputs.has(section.key)) continue
      const checked = checkSectionContent(section, DEFAULT_TEMPLATE, inputs.get(section.key))
      if (!checked.ok) throw new Error(`Demo section ${section.key} is not valid: ${checked.error}`)
      contents.set(section.key, checked.content)
      sections.push({
        revisionId,
        key: section.key,
        content: checked.content as unknown as Prisma.InputJsonValue,
        text: checked.text,
        version: versionOf(section.key),
        updatedById,
        updatedAt,
      })
    }
    return contents
  }

  PLANS.forEach((plan, index) => {
    const council = bySlug.get(plan.slug)!
    if (plan.year > DEMO_CURRENT_YEAR || (plan.year === DEMO_CURRENT_YEAR && (DEMO_RESERVED_COUNCILS as readonly string[]).includes(plan.slug))) {
      throw new Error(`Demo plan for ${plan.slug} ${plan.year} is reserved for tests`)
    }
    if (taken.has(`${council.id}:${plan.year}`)) return
    const figures = new Map(figureRows.filter((r) => r.councilId === council.id).map((r) => [r.key, r.value]))
    const f = factsFor(council, council.region.slug, plan, index, figures)
    const dcs = director(plan.slug)
    const author = plan.by === 'officer' ? (users.get('officer.camden@example.org') ?? dcs) : dcs
    const shared = plan.status === 'shared'
    const signed = shared || plan.status === 'signed_off'
    const id = cuid()
    const startedAt = daysAgo(plan.days + 45)
    const signedOffAt = daysAgo(plan.days + 2)
    assessments.push({
      id,
      councilId: council.id,
      year: plan.year,
      template: DEFAULT_TEMPLATE as unknown as Prisma.InputJsonValue,
      shareScope: shared ? plan.scope! : 'none',
      sharedAt: shared ? daysAgo(plan.days) : null,
      createdAt: startedAt,
    })
    if (shared) sharedIds.set(plan.year === DEMO_CURRENT_YEAR ? plan.slug : `${plan.slug}:${plan.year}`, { id, sharedAt: daysAgo(plan.days) })

    const inputs = sectionInputs(f, plan)
    const first = cuid()
    revisions.push({
      id: first,
      assessmentId: id,
      number: 1,
      status: plan.status,
      createdAt: startedAt,
      createdById: author,
      signedOffAt: signed ? signedOffAt : null,
      signedOffById: signed ? dcs : null,
    })
    const contents = store(first, inputs, author, signed ? daysAgo(plan.days + 3) : daysAgo(plan.days))
    const missing = missingForSignOff(DEFAULT_TEMPLATE, contents)
    if (plan.status !== 'draft' && missing.length) throw new Error(`Demo assessment for ${plan.slug} is incomplete: ${missing.join(', ')}`)
    if (plan.status === 'draft' && !missing.length) throw new Error(`Demo draft for ${plan.slug} should be partly filled`)

    if (plan.revised) {
      // Edited after sign-off: a new draft revision, a copy of the signed-off one with a
      // few sections changed; readers keep seeing revision 1 until it is signed off.
      const second = cuid()
      const officer = users.get('officer.camden@example.org') ?? dcs
      const { inputs: revised, changed } = revise(f, inputs)
      revisions.push({ id: second, assessmentId: id, number: 2, status: 'draft', createdAt: daysAgo(9), createdById: officer })
      store(second, revised, officer, daysAgo(3), (key) => (changed.includes(key) ? 2 : 1))
    }

    if (shared) {
      // Directors of other councils in the region who have opened it.
      const region = council.region.slug
      const peers = PLANS.filter((p) => p.year === DEMO_CURRENT_YEAR && p.slug !== plan.slug && bySlug.get(p.slug)?.region.slug === region).map((p) => p.slug)
      const r = seeded(`${plan.slug}:${plan.year}:reads`)
      const count = 2 + Math.floor(r() * 3)
      for (let k = 0; k < Math.min(count, peers.length); k++) {
        const reader = peers[(index + k * 2) % peers.length]
        reads.push({ assessmentId: id, userId: director(reader), councilId: bySlug.get(reader)!.id, readAt: new Date(Math.min(now - DAY / 4, daysAgo(plan.days).getTime() + (k + 1) * DAY * (0.5 + r()))) })
      }
    }
  })

  for (const thread of THREADS) {
    const target = sharedIds.get(thread.on)
    const asker = bySlug.get(thread.by)
    if (!target || !asker) continue
    const rootId = cuid()
    const asked = new Date(Math.min(now - DAY / 2, target.sharedAt.getTime() + thread.daysAfterShare * DAY))
    const answered = new Date(Math.min(now - DAY / 4, asked.getTime() + DAY))
    const owner = director(thread.on)
    comments.push({
      id: rootId,
      assessmentId: target.id,
      sectionKey: thread.section,
      authorId: director(thread.by),
      councilId: asker.id,
      body: thread.body,
      createdAt: asked,
      resolvedAt: thread.resolved ? answered : null,
      resolvedById: thread.resolved ? owner : null,
    })
    if (thread.reply) {
      comments.push({ id: cuid(), assessmentId: target.id, sectionKey: thread.section, parentId: rootId, authorId: owner, councilId: bySlug.get(thread.on)!.id, body: thread.reply, createdAt: answered })
    }
  }

  if (!assessments.length) return
  await prisma.$transaction([
    prisma.selfAssessment.createMany({ data: assessments }),
    prisma.assessmentRevision.createMany({ data: revisions }),
    prisma.assessmentSection.createMany({ data: sections }),
    prisma.assessmentRead.createMany({ data: reads }),
    // Roots come before their replies in one statement, so every parent exists.
    prisma.assessmentComment.createMany({ data: comments }),
  ])
}
