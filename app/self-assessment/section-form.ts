import { activeEnablers, type SectionDef, type Template } from './template'

// The section editor is a plain HTML form, so it works without JavaScript and autosave can
// send exactly what a submit would. This turns the form's fields into the content that
// `checkSectionContent` checks. Field names:
//   doc.json | doc.text, rating                       narrative and journey
//   enablers.<key>.rating, enablers.<key>.doc.json|text  enablers
//   challenges[i].theme|whatGoodLooksLike|supportWelcome  top three
// A rich-text field arrives as Tiptap JSON from the editor, or as plain text from the
// fallback textarea (no JavaScript), which becomes paragraphs.

export type FormFields = Iterable<[string, FormDataEntryValue]>
export type FormRead = { ok: true; input: Record<string, unknown> } | { ok: false; error: string }

const MAX_FIELD = 600_000

const sameText = (text: string) => text.replace(/\r\n?/g, '\n').trim()

/** Plain text (the no-JavaScript textarea) as a document: blank lines separate paragraphs. */
export function textToDoc(text: string) {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
  if (!paragraphs.length) return undefined
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p.split('\n').flatMap((line, i) => [...(i ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    })),
  }
}

/** One rich-text field of a form (`<prefix>.json`, or `<prefix>.text` with `<prefix>.original`). */
export function readDoc(fields: Map<string, string>, prefix: string): { ok: true; doc?: unknown } | { ok: false; error: string } {
  const json = fields.get(`${prefix}.json`)
  if (json !== undefined && json !== '') {
    let doc: unknown
    try {
      doc = JSON.parse(json)
    } catch {
      doc = undefined
    }
    // Only a document object: `null`, `false` or `0` would otherwise empty the section.
    if (typeof doc !== 'object' || doc === null) return { ok: false, error: 'The text could not be read. Reload the page and try again.' }
    return { ok: true, doc }
  }
  const text = fields.get(`${prefix}.text`)
  // Without JavaScript the field is plain text; if it is the original's text unchanged,
  // the original (with its formatting) stands.
  const original = fields.get(`${prefix}.original`)
  if (text !== undefined && original) {
    try {
      const doc = JSON.parse(original) as unknown
      if (docToText(doc) === sameText(text)) return { ok: true, doc }
    } catch {
      // Not a document: the text is used.
    }
  }
  return { ok: true, doc: text ? textToDoc(text) : undefined }
}

export function readSectionForm(section: SectionDef, template: Template, entries: FormFields): FormRead {
  const fields = new Map<string, string>()
  for (const [name, value] of entries) {
    if (typeof value !== 'string') return { ok: false, error: 'Files cannot be attached here' }
    if (value.length > MAX_FIELD) return { ok: false, error: 'This section is too long to save. Shorten it and try again.' }
    fields.set(name, value)
  }
  const rating = fields.get('rating') || undefined
  switch (section.kind) {
    case 'narrative':
    case 'journey': {
      const doc = readDoc(fields, 'doc')
      if (!doc.ok) return doc
      return { ok: true, input: { ...(section.kind === 'journey' && rating ? { rating } : {}), ...(doc.doc ? { doc: doc.doc } : {}) } }
    }
    case 'enablers': {
      const enablers: Record<string, unknown> = {}
      for (const enabler of activeEnablers(template)) {
        const doc = readDoc(fields, `enablers.${enabler.key}.doc`)
        if (!doc.ok) return doc
        const r = fields.get(`enablers.${enabler.key}.rating`) || undefined
        if (r || doc.doc) enablers[enabler.key] = { ...(r ? { rating: r } : {}), ...(doc.doc ? { doc: doc.doc } : {}) }
      }
      return { ok: true, input: { enablers } }
    }
    case 'top_three': {
      const challenges = [0, 1, 2].map((i) => {
        const c: Record<string, string> = {}
        for (const key of ['theme', 'whatGoodLooksLike', 'supportWelcome']) {
          const v = fields.get(`challenges[${i}].${key}`)
          if (v) c[key] = v
        }
        return c
      })
      // Keep positions (an empty first challenge with a filled second stays second).
      while (challenges.length && Object.keys(challenges[challenges.length - 1]).length === 0) challenges.pop()
      return { ok: true, input: { challenges } }
    }
  }
}

type Node = { type?: string; text?: string; content?: Node[] }
const inlineText = (n: Node): string => (n.type === 'text' ? (n.text ?? '') : n.type === 'hardBreak' ? '\n' : (n.content ?? []).map(inlineText).join(n.type === 'tableRow' ? ' | ' : ''))

/** A document as plain text for the no-JavaScript textarea: blocks apart by blank lines. */
export function docToText(doc: unknown): string {
  const blocks = ((doc as Node | undefined)?.content ?? []).flatMap((block): string[] =>
    block.type === 'bulletList' || block.type === 'orderedList' || block.type === 'table' || block.type === 'blockquote'
      ? (block.content ?? []).map(inlineText)
      : [inlineText(block)],
  )
  return blocks.filter((b) => b.trim()).join('\n\n')
}

/** The form's starting values for stored content: the inverse of `readSectionForm`. */
export function contentToFields(section: SectionDef, template: Template, stored: unknown): Record<string, string> {
  const c = (stored ?? {}) as Record<string, unknown>
  const fields: Record<string, string> = {}
  const putDoc = (prefix: string, doc: unknown) => {
    if (!doc) return
    fields[`${prefix}.json`] = JSON.stringify(doc)
    fields[`${prefix}.text`] = docToText(doc)
  }
  switch (section.kind) {
    case 'narrative':
    case 'journey':
      if (section.kind === 'journey' && typeof c.rating === 'string') fields.rating = c.rating
      putDoc('doc', c.doc)
      break
    case 'enablers': {
      const given = (c.enablers ?? {}) as Record<string, { rating?: string; doc?: unknown }>
      for (const e of activeEnablers(template)) {
        if (given[e.key]?.rating) fields[`enablers.${e.key}.rating`] = given[e.key].rating!
        putDoc(`enablers.${e.key}.doc`, given[e.key]?.doc)
      }
      break
    }
    case 'top_three': {
      const list = (Array.isArray(c.challenges) ? c.challenges : []) as Record<string, string | undefined>[]
      list.forEach((challenge, i) => {
        for (const key of ['theme', 'whatGoodLooksLike', 'supportWelcome']) if (challenge[key]) fields[`challenges[${i}].${key}`] = challenge[key]!
      })
      break
    }
  }
  return fields
}
