import { z } from 'zod'
import { checkRichText, type RichTextDoc } from '~/rich-text/document'
import { RATINGS, activeEnablers, activeSections, type SectionDef, type Template } from './template'
import { checkTopThree } from './top-three'

// What each kind of section stores, checked on every save. Drafts may be incomplete
// (autosave keeps half-written work); completeness is checked at sign-off.

export type SectionContent =
  | { doc?: RichTextDoc }
  | { rating?: (typeof RATINGS)[number]; doc?: RichTextDoc }
  | { enablers: Record<string, { rating?: (typeof RATINGS)[number]; doc?: RichTextDoc }> }
  | { challenges: { theme?: string; whatGoodLooksLike?: string; supportWelcome?: string }[] }

export type SectionCheck = { ok: true; content: SectionContent; text: string } | { ok: false; error: string }

const rating = z.enum(RATINGS).optional()
const draftChallenge = z.object({
  theme: z.string().max(40).optional(),
  whatGoodLooksLike: z.string().max(2000).optional(),
  supportWelcome: z.string().max(2000).optional(),
})

function doc(input: unknown): { ok: true; doc?: RichTextDoc; text: string } | { ok: false; error: string } {
  if (input === undefined || input === null) return { ok: true, text: '' }
  const checked = checkRichText(input)
  if (!checked.ok) return checked
  // An emptied editor still sends a document; it is nothing written, not a finished section.
  return checked.text.trim() ? { ok: true, doc: checked.doc, text: checked.text } : { ok: true, text: '' }
}

export function checkSectionContent(section: SectionDef, template: Template, input: unknown): SectionCheck {
  const value = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
  switch (section.kind) {
    case 'narrative': {
      const d = doc(value.doc)
      return d.ok ? { ok: true, content: d.doc ? { doc: d.doc } : {}, text: d.text } : d
    }
    case 'journey': {
      const r = rating.safeParse(value.rating)
      if (!r.success) return { ok: false, error: 'Choose poor, fair, good or great' }
      const d = doc(value.doc)
      if (!d.ok) return d
      return { ok: true, content: { ...(r.data ? { rating: r.data } : {}), ...(d.doc ? { doc: d.doc } : {}) }, text: [r.data ?? '', d.text].filter(Boolean).join('\n') }
    }
    case 'enablers': {
      const given = (typeof value.enablers === 'object' && value.enablers !== null ? value.enablers : {}) as Record<string, unknown>
      const known = new Map(activeEnablers(template).map((e) => [e.key, e]))
      const enablers: Record<string, { rating?: (typeof RATINGS)[number]; doc?: RichTextDoc }> = {}
      const texts: string[] = []
      for (const key of Object.keys(given)) if (!known.has(key)) return { ok: false, error: 'That enabler is not in this template' }
      // In the template's order, whatever order the keys arrive in (PostgreSQL's jsonb reorders them).
      for (const enabler of known.values()) {
        if (!(enabler.key in given)) continue
        const key = enabler.key
        const entry = given[key]
        const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>
        const r = rating.safeParse(e.rating)
        if (!r.success) return { ok: false, error: `Choose poor, fair, good or great for “${enabler.title}”` }
        const d = doc(e.doc)
        if (!d.ok) return d
        enablers[key] = { ...(r.data ? { rating: r.data } : {}), ...(d.doc ? { doc: d.doc } : {}) }
        texts.push([enabler.title, r.data ?? '', d.text].filter(Boolean).join(': '))
      }
      return { ok: true, content: { enablers }, text: texts.join('\n') }
    }
    case 'top_three': {
      const parsed = z.array(draftChallenge).max(3, 'Give no more than three challenges').safeParse(value.challenges ?? [])
      if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message }
      const challenges = parsed.data.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])))
      return { ok: true, content: { challenges }, text: challenges.map((c) => [c.theme, c.whatGoodLooksLike, c.supportWelcome].filter(Boolean).join(': ')).join('\n') }
    }
  }
}

type Block = { type?: string; text?: string; content?: Block[] }
const hasText = (n: Block): boolean => (n.type === 'text' && !!n.text?.trim()) || (n.content ?? []).some(hasText)
function hasProse(doc: unknown): boolean {
  const blocks = ((doc as Block | undefined)?.content ?? []) as Block[]
  return blocks.some((b) => b.type !== 'table' && b.type !== 'heading' && hasText(b))
}

/** What still needs filling in before the director can sign off: section titles, in order. */
export function missingForSignOff(template: Template, contents: Map<string, SectionContent>): string[] {
  const missing: string[] = []
  for (const section of activeSections(template)) {
    const c = contents.get(section.key) as Record<string, unknown> | undefined
    let complete = false
    switch (section.kind) {
      case 'narrative':
        // Written words, not only a table: the context starts from the headline-data table
        // and still needs the council's narrative.
        complete = hasProse(c?.doc)
        break
      case 'journey':
        complete = !!c?.rating && !!c?.doc
        break
      case 'enablers': {
        const given = (c?.enablers ?? {}) as Record<string, { rating?: string; doc?: unknown }>
        complete = activeEnablers(template).every((e) => given[e.key]?.rating && given[e.key]?.doc)
        break
      }
      case 'top_three':
        complete = checkTopThree(c?.challenges).ok
        break
    }
    if (!complete) missing.push(section.title)
  }
  return missing
}
