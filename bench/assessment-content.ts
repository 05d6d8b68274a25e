// The text of a realistic, complete self-assessment for the assessment bench: paragraphs,
// bullet lists, headings and tables in Tiptap JSON, as the editor sends them, built from a
// seeded generator so that every run saves exactly the same thing. Sizes are in characters
// of plain text (what the hub stores as a section's `text`).

type Text = { type: 'text'; text: string; marks?: { type: 'bold' | 'italic' }[] }
type Block = { type: string; attrs?: Record<string, unknown>; content?: (Block | Text)[] }
export type Doc = { type: 'doc'; content: Block[] }

/** mulberry32: a tiny seeded generator, so the same seed gives the same text. */
function generator(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]
}
type Pick = ReturnType<typeof generator>

const SUBJECTS = [
  'Our front door',
  'The multi-agency safeguarding hub',
  'Early help locality teams',
  'The fostering service',
  'Our leaving care team',
  'The corporate parenting board',
  'Independent reviewing officers',
  'The SEND assessment team',
  'Practice leads in each locality',
  'Our edge-of-care service',
  'The youth justice service',
  'The virtual school',
  'Heads of service',
  'The safeguarding children partnership',
] as const
const VERBS = ['has reduced', 'now reviews', 'has improved', 'tracks every month', 'audits each quarter', 'has strengthened', 'reports to members on', 'has redesigned'] as const
const OBJECTS = [
  'the rate of re-referrals within twelve months',
  'the timeliness of initial child protection conferences',
  'the quality of plans for children in care',
  'placement stability for children under sixteen',
  'caseloads for newly qualified social workers',
  'management oversight of assessments',
  'the number of children placed more than twenty miles from home',
  'how quickly education, health and care plans are finalised',
  'return home interviews after a missing episode',
  'the use of agency staff in the assessment teams',
  'pathway plans for care leavers aged eighteen to twenty-one',
  'step-down from child protection plans to early help',
] as const
const QUALIFIERS = [
  'since the focused visit in 2024',
  'according to our quarterly practice audit programme',
  'although progress is uneven across the three localities',
  'with partners in health, schools and the police',
  'as our data profile shows against statistical neighbours',
  'which children and families told us matters most to them',
  'and the improvement board checks the evidence each quarter',
  'but we know that the gains are not yet secure',
  'and frontline staff say supervision now helps them think',
  'while demand at the front door rose by nine per cent',
] as const
const FOLLOW_UPS = [
  'Audits graded 71 per cent of files good or better this year, up from 58 per cent.',
  'Children’s own words now open every plan we audited in the spring.',
  'We still see drift for a small group of adolescents at risk outside the home.',
  'Members of the scrutiny committee visited two teams and read case files with managers.',
  'The partnership funded two more family support workers from its pooled budget.',
  'Our ambition is that every child has one worker who knows their story well.',
  'Staff turnover fell to 14 per cent, close to the London average.',
  'We have not yet closed the gap for children with a disability in transition to adulthood.',
] as const
const INDICATORS = [
  ['Re-referrals within 12 months', '19.4%', '20.1%', '22.4%'],
  ['Assessments completed within 45 days', '87%', '84%', '82%'],
  ['Children in need per 10,000', '312', '337', '334'],
  ['Child protection plans per 10,000', '35.6', '36.9', '41.6'],
  ['Children in care per 10,000', '49', '51', '71'],
  ['Three or more placements in a year', '9%', '10%', '10%'],
  ['Care leavers in education, employment or training', '61%', '58%', '56%'],
  ['Social worker turnover', '14%', '16%', '17%'],
  ['Agency social workers', '18%', '24%', '18%'],
  ['EHC plans issued within 20 weeks', '64%', '58%', '50%'],
] as const

const text = (t: string, bold = false): Text => (bold ? { type: 'text', text: t, marks: [{ type: 'bold' }] } : { type: 'text', text: t })
const paragraph = (...content: Text[]): Block => ({ type: 'paragraph', content })
const heading = (t: string): Block => ({ type: 'heading', attrs: { level: 3 }, content: [text(t)] })
const bullets = (items: string[]): Block => ({ type: 'bulletList', content: items.map((i) => ({ type: 'listItem', content: [paragraph(text(i))] })) })
const cell = (t: string, header: boolean): Block => ({ type: header ? 'tableHeader' : 'tableCell', content: [paragraph(text(t))] })
const table = (head: readonly string[], rows: readonly (readonly string[])[]): Block => ({
  type: 'table',
  content: [head, ...rows].map((row, i) => ({ type: 'tableRow', content: row.map((c) => cell(c, i === 0)) })),
})

const sentence = (pick: Pick) => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}, ${pick(QUALIFIERS)}.`
const prose = (pick: Pick, n: number) => Array.from({ length: n }, (_, i) => (i % 3 === 2 ? pick(FOLLOW_UPS) : sentence(pick))).join(' ')

/** The plain text of a block or document, as the hub counts it (text nodes only). */
export function plainText(node: Block | Text | Doc): string {
  if (node.type === 'text') return (node as Text).text
  return ((node as Block).content ?? []).map((c) => plainText(c)).join('')
}

type Extras = { title?: string; table?: 'indicators' | 'offers'; last?: string }

/**
 * A document of about `chars` characters of plain text: a heading when asked, then
 * paragraphs of three to six sentences with a bullet list after every third paragraph, a
 * table when asked, and `last` as the final paragraph.
 */
export function narrative(seed: number, chars: number, { title, table: withTable, last }: Extras = {}): Doc {
  const pick = generator(seed)
  const blocks: Block[] = title ? [heading(title)] : []
  if (withTable === 'indicators') blocks.push(table(['Indicator', 'Us', 'London', 'England'], INDICATORS))
  if (withTable === 'offers') {
    blocks.push(
      table(
        ['What we can offer', 'Evidence', 'Contact'],
        [
          ['Family group conferencing at the front door', 'Fewer children entering care after a conference (audit, 2025)', 'Head of early help'],
          ['Practice week for managers', 'Staff survey: 82% say it changed their practice', 'Principal social worker'],
          ['Care leavers’ apprenticeship scheme', '34 apprentices since 2023, 27 still in work', 'Head of corporate parenting'],
        ],
      ),
    )
  }
  const used = () => blocks.reduce((n, b) => n + plainText(b).length, 0) + (last?.length ?? 0)
  for (let i = 0; used() < chars; i++) {
    if (i % 4 === 3) blocks.push(bullets([sentence(pick), sentence(pick), pick(FOLLOW_UPS), sentence(pick)]))
    else if (i % 5 === 1) blocks.push(paragraph(text('What the evidence says: ', true), text(prose(pick, 3 + (i % 4)))))
    else blocks.push(paragraph(text(prose(pick, 3 + (i % 4)))))
  }
  if (last) blocks.push(paragraph(text(last)))
  return { type: 'doc', content: blocks }
}

const ENABLER_KEYS = ['leadership', 'culture', 'workforce', 'partners', 'apparatus', 'innovation', 'resources'] as const
const RATING_OF_ENABLER = ['good', 'good', 'fair', 'good', 'fair', 'great', 'fair'] as const

/** The phrase that closes the last section: a page that shows it rendered the whole assessment. */
export const LAST_SECTION_PHRASE = 'Our final line of enquiry asks how consistently step-down plans hold after six months'

/**
 * Every section of the default template, as the form fields the section editor sends
 * (without `baseVersion`), and the plain text they hold: about 30 KB in all.
 */
export function completeAssessment(): { key: string; fields: Record<string, string>; text: string }[] {
  const sections: { key: string; fields: Record<string, string>; text: string }[] = []
  const withDoc = (key: string, doc: Doc, more: Record<string, string> = {}) =>
    sections.push({ key, fields: { 'doc.json': JSON.stringify(doc), ...more }, text: plainText(doc) })

  withDoc('context', narrative(1, 4_600, { title: 'Our borough and its children', table: 'indicators' }))
  withDoc('journey', narrative(2, 2_600, { title: 'Why we say good' }), { rating: 'good' })

  const enablers: Record<string, string> = {}
  let enablerText = ''
  ENABLER_KEYS.forEach((key, i) => {
    const doc = narrative(10 + i, 1_650)
    enablers[`enablers.${key}.rating`] = RATING_OF_ENABLER[i]
    enablers[`enablers.${key}.doc.json`] = JSON.stringify(doc)
    enablerText += plainText(doc)
  })
  sections.push({ key: 'enablers', fields: enablers, text: enablerText })

  withDoc('strengths', narrative(3, 2_800, { table: 'offers' }))

  const pick = generator(4)
  const challenges: Record<string, string> = {}
  let challengeText = ''
  ;['early_help', 'placements', 'workforce'].forEach((theme, i) => {
    const good = `${prose(pick, 5)}`.slice(0, 1_900)
    const support = `${prose(pick, 3)}`.slice(0, 1_900)
    Object.assign(challenges, { [`challenges[${i}].theme`]: theme, [`challenges[${i}].whatGoodLooksLike`]: good, [`challenges[${i}].supportWelcome`]: support })
    challengeText += good + support
  })
  sections.push({ key: 'top_three', fields: challenges, text: challengeText })

  withDoc('evidence', narrative(5, 3_000, { title: 'Where to look and what to ask', last: `${LAST_SECTION_PHRASE}.` }))
  return sections
}
