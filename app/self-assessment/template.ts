// The self-assessment template: which sections a council fills in, in what order, and
// the rules a region lead's changes must keep. Pure: no database, no framework.

export const RATINGS = ['poor', 'fair', 'good', 'great'] as const
export type Rating = (typeof RATINGS)[number]

/** The fixed list of themes a top-three challenge (and later a forum thread) can carry. */
export const THEMES = [
  { key: 'early_help', label: 'Early help' },
  { key: 'front_door', label: 'Front door and contact' },
  { key: 'child_protection', label: 'Child protection' },
  { key: 'child_exploitation', label: 'Child exploitation and extra-familial harm' },
  { key: 'children_in_care', label: 'Children in care' },
  { key: 'placements', label: 'Placement sufficiency' },
  { key: 'care_leavers', label: 'Care leavers' },
  { key: 'send', label: 'Special educational needs and disabilities (SEND)' },
  { key: 'education', label: 'Education and inclusion' },
  { key: 'workforce', label: 'Workforce' },
  { key: 'partnerships', label: 'Partnerships and multi-agency working' },
  { key: 'quality_assurance', label: 'Quality assurance and performance' },
  { key: 'finance', label: 'Finance and resources' },
  { key: 'youth_justice', label: 'Youth justice' },
  { key: 'voice_of_the_child', label: 'Voice of the child' },
] as const
export type ThemeKey = (typeof THEMES)[number]['key']
export const isTheme = (key: unknown): key is ThemeKey => THEMES.some((t) => t.key === key)

/**
 * What a section holds, which decides how it is edited and checked:
 * - `narrative`: rich text;
 * - `journey`: a rating (poor … great) and rich text on why;
 * - `enablers`: for each active enabler, a rating and rich-text evidence;
 * - `top_three`: exactly three challenges, each a theme, what good looks like, support welcome.
 */
export type SectionKind = 'narrative' | 'journey' | 'enablers' | 'top_three'

export type SectionDef = { key: string; kind: SectionKind; title: string; guidance: string; retired?: boolean }
export type EnablerDef = { key: string; title: string; retired?: boolean }
export type Template = { sections: SectionDef[]; enablers: EnablerDef[] }

export const DEFAULT_TEMPLATE: Template = {
  sections: [
    {
      key: 'context',
      kind: 'narrative',
      title: 'Context and headline data',
      guidance: 'Your council’s context and what the headline data from your profile says. Add the narrative the figures do not tell.',
    },
    {
      key: 'journey',
      kind: 'journey',
      title: 'Where we are on our improvement journey',
      guidance: 'Rate where you are (poor, fair, good or great) and say why.',
    },
    {
      key: 'enablers',
      kind: 'enablers',
      title: 'The seven enablers of improvement',
      guidance: 'Rate each enabler and give the evidence for your rating.',
    },
    { key: 'strengths', kind: 'narrative', title: 'Strengths we can offer others', guidance: 'What others could learn from you, with the evidence.' },
    {
      key: 'top_three',
      kind: 'top_three',
      title: 'Our top three challenges',
      guidance: 'Exactly three: for each, its theme, what good would look like, and the support you would welcome.',
    },
    {
      key: 'evidence',
      kind: 'narrative',
      title: 'Evidence and lines of enquiry for our challengers',
      guidance: 'Where challengers should look, and the questions you would like them to ask.',
    },
  ],
  enablers: [
    { key: 'leadership', title: 'Leadership lined up behind one strategy' },
    { key: 'culture', title: 'Culture, ethos and values' },
    { key: 'workforce', title: 'An engaged and stable workforce' },
    { key: 'partners', title: 'Committed partners and multi-agency governance' },
    { key: 'apparatus', title: 'The supporting apparatus: core systems, thresholds, knowing the business' },
    { key: 'innovation', title: 'Disciplined innovation' },
    { key: 'resources', title: 'Judicious use of resources' },
  ],
}

export const activeSections = (t: Template) => t.sections.filter((s) => !s.retired)
export const activeEnablers = (t: Template) => t.enablers.filter((e) => !e.retired)

/** A change a region lead makes to their region's template for the next cycle. */
export type TemplateChange =
  | { type: 'rename_section'; key: string; title: string }
  | { type: 'set_guidance'; key: string; guidance: string }
  | { type: 'move_section'; key: string; to: number }
  | { type: 'add_section'; title: string; guidance: string }
  | { type: 'retire_section'; key: string }
  | { type: 'restore_section'; key: string }
  | { type: 'add_enabler'; title: string }
  | { type: 'rename_enabler'; key: string; title: string }
  | { type: 'retire_enabler'; key: string }
  | { type: 'restore_enabler'; key: string }

export type TemplateResult = { ok: true; template: Template } | { ok: false; error: string }

const MAX_TITLE = 120
const MAX_GUIDANCE = 600
const MAX_SECTIONS = 20
const MAX_ENABLERS = 15
// Sections every self-assessment needs for peer challenge to work: the pairing engine
// reads the top three, and the journey is the headline judgement.
const REQUIRED_KINDS: SectionKind[] = ['journey', 'top_three']

/** A key for a new item: from its title, never one used before (retired keys stay taken). */
function newKey(title: string, taken: Set<string>): string {
  const base = title.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'section'
  let key = base
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`
  return key
}

/**
 * Applies one change. Keys never change and are never reused, and nothing is deleted,
 * only retired: assessments written on an earlier version keep every section they have.
 */
export function applyTemplateChange(template: Template, change: TemplateChange): TemplateResult {
  const sections = template.sections.map((s) => ({ ...s }))
  const enablers = template.enablers.map((e) => ({ ...e }))
  const section = 'key' in change ? sections.find((s) => s.key === change.key) : undefined
  const enabler = 'key' in change ? enablers.find((e) => e.key === change.key) : undefined
  const title = 'title' in change ? change.title.trim() : ''
  if ('title' in change && (title.length === 0 || title.length > MAX_TITLE)) return { ok: false, error: `Enter a title of 1 to ${MAX_TITLE} characters` }

  switch (change.type) {
    case 'rename_section':
    case 'set_guidance':
    case 'move_section':
    case 'retire_section':
    case 'restore_section':
      if (!section) return { ok: false, error: 'That section does not exist' }
      break
    case 'rename_enabler':
    case 'retire_enabler':
    case 'restore_enabler':
      if (!enabler) return { ok: false, error: 'That enabler does not exist' }
      break
  }

  switch (change.type) {
    case 'rename_section':
      section!.title = title
      break
    case 'set_guidance':
      if (change.guidance.length > MAX_GUIDANCE) return { ok: false, error: `Guidance must be ${MAX_GUIDANCE} characters or fewer` }
      section!.guidance = change.guidance.trim()
      break
    case 'move_section': {
      if (!Number.isInteger(change.to) || change.to < 0 || change.to >= sections.length) return { ok: false, error: 'That position does not exist' }
      const from = sections.indexOf(section!)
      sections.splice(from, 1)
      sections.splice(change.to, 0, section!)
      break
    }
    case 'add_section':
      if (activeSections({ sections, enablers }).length >= MAX_SECTIONS) return { ok: false, error: `A template can have at most ${MAX_SECTIONS} sections` }
      if (change.guidance.length > MAX_GUIDANCE) return { ok: false, error: `Guidance must be ${MAX_GUIDANCE} characters or fewer` }
      sections.push({ key: newKey(title, new Set(sections.map((s) => s.key))), kind: 'narrative', title, guidance: change.guidance.trim() })
      break
    case 'retire_section':
      if (REQUIRED_KINDS.includes(section!.kind)) return { ok: false, error: `“${section!.title}” is needed for peer challenge and cannot be retired` }
      section!.retired = true
      break
    case 'restore_section':
      delete section!.retired
      break
    case 'add_enabler':
      if (activeEnablers({ sections, enablers }).length >= MAX_ENABLERS) return { ok: false, error: `A template can have at most ${MAX_ENABLERS} enablers` }
      enablers.push({ key: newKey(title, new Set(enablers.map((e) => e.key))), title })
      break
    case 'rename_enabler':
      enabler!.title = title
      break
    case 'retire_enabler':
      if (activeEnablers({ sections, enablers }).length <= 1) return { ok: false, error: 'A template needs at least one enabler' }
      enabler!.retired = true
      break
    case 'restore_enabler':
      delete enabler!.retired
      break
  }
  return { ok: true, template: { sections, enablers } }
}

/** Checks a stored or imported template as a whole. */
export function checkTemplate(t: Template): string[] {
  const problems: string[] = []
  const keys = new Set<string>()
  for (const s of t.sections) {
    if (keys.has(s.key)) problems.push(`Section key “${s.key}” is used twice`)
    keys.add(s.key)
    if (!s.title.trim() || s.title.length > MAX_TITLE) problems.push(`Section “${s.key}” needs a title of 1 to ${MAX_TITLE} characters`)
  }
  for (const kind of REQUIRED_KINDS) {
    const n = activeSections(t).filter((s) => s.kind === kind).length
    if (n !== 1) problems.push(`The template needs exactly one active “${kind}” section (it has ${n})`)
  }
  const enablerKeys = new Set<string>()
  for (const e of t.enablers) {
    if (enablerKeys.has(e.key)) problems.push(`Enabler key “${e.key}” is used twice`)
    enablerKeys.add(e.key)
  }
  if (!activeEnablers(t).length) problems.push('The template needs at least one enabler')
  return problems
}
