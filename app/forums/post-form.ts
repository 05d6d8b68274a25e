import { checkRichText, type RichTextDoc } from '~/rich-text/document'
import { docToText, readDoc, type FormFields } from '~/self-assessment/section-form'
import { isTheme, type ThemeKey } from '~/self-assessment/template'

// The forms that write posts, read into checked content. Pure: the same rules for the
// thread page, the new-thread page, the edit page and the tests. Field errors are keyed
// by the field's id, so the error summary links to it.

export const THREAD_KINDS = ['discussion', 'question', 'good_practice'] as const
export type ThreadKind = (typeof THREAD_KINDS)[number]
export const isThreadKind = (v: unknown): v is ThreadKind => THREAD_KINDS.includes(v as ThreadKind)

export const KIND_LABELS: Record<ThreadKind, string> = {
  discussion: 'Discussion',
  question: 'Question',
  good_practice: 'Good practice',
}

export const LIMITS = {
  title: 150,
  /** Characters of text in one post (a good-practice write-up counts all its parts). */
  postText: 30_000,
  contact: 300,
  themes: 5,
  flagReason: 500,
} as const

/** The parts of a good-practice write-up, in reading order. */
export const PRACTICE_PARTS = [
  { key: 'context', label: 'Context', hint: 'The problem you faced and the children and families it affected.' },
  { key: 'whatWeDid', label: 'What we did', hint: 'The change you made, who was involved, and what it took.' },
  { key: 'impact', label: 'Impact and evidence', hint: 'What changed for children and families, and how you know.' },
] as const
export type PracticePart = (typeof PRACTICE_PARTS)[number]['key']

/** What a post holds: one document, or (the opening of a good-practice thread) its parts. */
export type PostContent = { doc: RichTextDoc } | { practice: Record<PracticePart, RichTextDoc> }

export const isPractice = (c: PostContent): c is { practice: Record<PracticePart, RichTextDoc> } => 'practice' in c

/** Plain text of a post, for search, previews, mentions and emails. */
export function contentText(content: PostContent): string {
  if (isPractice(content)) return PRACTICE_PARTS.map((p) => docToText(content.practice[p.key])).filter(Boolean).join('\n\n')
  return docToText(content.doc)
}

/** Checks stored or submitted content (JSON) as a post's content. */
export function checkPostContent(value: unknown): { ok: true; content: PostContent; text: string } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null) return { ok: false, error: 'The post could not be read.' }
  const v = value as Record<string, unknown>
  if ('practice' in v) {
    const parts = v.practice as Record<string, unknown> | null
    if (typeof parts !== 'object' || parts === null) return { ok: false, error: 'The post could not be read.' }
    const practice = {} as Record<PracticePart, RichTextDoc>
    for (const part of PRACTICE_PARTS) {
      const check = checkRichText(parts[part.key])
      if (!check.ok) return check
      practice[part.key] = check.doc
    }
    const content = { practice }
    return { ok: true, content, text: contentText(content) }
  }
  const check = checkRichText(v.doc)
  if (!check.ok) return check
  const content = { doc: check.doc }
  return { ok: true, content, text: contentText(content) }
}

export type FieldErrors = Record<string, string>
export type PostFormRead<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

const MAX_FIELD = 600_000

function fieldMap(entries: FormFields): Map<string, string> | null {
  const fields = new Map<string, string>()
  for (const [name, value] of entries) {
    if (typeof value !== 'string' || value.length > MAX_FIELD) return null
    // Repeated names (themes) are joined; single fields take the last value.
    fields.set(name, fields.has(name) && name === 'themes' ? `${fields.get(name)}\n${value}` : value)
  }
  return fields
}

/** A rich-text field: its document, or an error keyed by the field's id. */
function readBody(fields: Map<string, string>, name: string, label: string, errors: FieldErrors, required: boolean): RichTextDoc | null {
  const read = readDoc(fields, name)
  const id = `${name.replace(/[^a-zA-Z0-9_-]/g, '-')}-text`
  if (!read.ok) {
    errors[id] = read.error
    return null
  }
  const check = read.doc === undefined ? null : checkRichText(read.doc)
  if (check && !check.ok) {
    errors[id] = check.error
    return null
  }
  if (!check || !check.text.trim()) {
    if (required) errors[id] = `Enter ${label.toLowerCase()}`
    return null
  }
  return check.doc
}

const tooLong = (text: string) => text.length > LIMITS.postText

/** A reply (or an edited reply): one document in `body`. */
export function readReplyForm(entries: FormFields): PostFormRead<{ content: PostContent; text: string }> {
  const fields = fieldMap(entries)
  if (!fields) return { ok: false, errors: { 'body-text': 'The post is too long. Shorten it and try again.' } }
  const errors: FieldErrors = {}
  const doc = readBody(fields, 'body', 'your reply', errors, true)
  if (!doc) return { ok: false, errors }
  const content = { doc }
  const text = contentText(content)
  if (tooLong(text)) return { ok: false, errors: { 'body-text': `A post can be at most ${LIMITS.postText.toLocaleString('en-GB')} characters. Shorten it and try again.` } }
  return { ok: true, value: { content, text } }
}

export type ThreadInput = { kind: ThreadKind; title: string; themes: ThemeKey[]; contact: string; content: PostContent; text: string }

/** A new thread (or an edit of its opening post): title, themes, and the body or the good-practice parts. */
export function readThreadForm(entries: FormFields, kind: ThreadKind): PostFormRead<ThreadInput> {
  const fields = fieldMap(entries)
  if (!fields) return { ok: false, errors: { title: 'The post is too long. Shorten it and try again.' } }
  const errors: FieldErrors = {}
  const title = (fields.get('title') ?? '').replace(/\s+/g, ' ').trim()
  if (!title) errors.title = kind === 'question' ? 'Enter your question' : 'Enter a title'
  else if (title.length > LIMITS.title) errors.title = `The title can be at most ${LIMITS.title} characters`
  const themes = [...new Set((fields.get('themes') ?? '').split('\n').filter(Boolean))]
  if (themes.some((t) => !isTheme(t))) errors.themes = 'Choose themes from the list'
  else if (themes.length > LIMITS.themes) errors.themes = `Choose at most ${LIMITS.themes} themes`
  else if (kind === 'good_practice' && !themes.length) errors.themes = 'Choose at least one theme'
  const contact = (fields.get('contact') ?? '').trim()
  if (contact.length > LIMITS.contact) errors.contact = `The contact can be at most ${LIMITS.contact} characters`
  else if (kind === 'good_practice' && !contact) errors.contact = 'Enter who to contact to find out more'
  let content: PostContent | null = null
  if (kind === 'good_practice') {
    const practice = {} as Record<PracticePart, RichTextDoc>
    let complete = true
    for (const part of PRACTICE_PARTS) {
      const doc = readBody(fields, part.key, part.label, errors, true)
      if (doc) practice[part.key] = doc
      else complete = false
    }
    if (complete) content = { practice }
  } else {
    const doc = readBody(fields, 'body', kind === 'question' ? 'the detail of your question' : 'your post', errors, true)
    if (doc) content = { doc }
  }
  if (content && tooLong(contentText(content))) errors[kind === 'good_practice' ? 'context-text' : 'body-text'] = `A post can be at most ${LIMITS.postText.toLocaleString('en-GB')} characters. Shorten it and try again.`
  if (Object.keys(errors).length || !content) return { ok: false, errors }
  return { ok: true, value: { kind, title, themes: themes as ThemeKey[], contact: kind === 'good_practice' ? contact : '', content, text: contentText(content) } }
}

/** The form's starting values for stored content (the inverse of the readers above). */
export function contentToFormFields(content: PostContent): Record<string, string> {
  const fields: Record<string, string> = {}
  const put = (name: string, doc: RichTextDoc) => {
    fields[`${name}.json`] = JSON.stringify(doc)
    fields[`${name}.text`] = docToText(doc)
  }
  if (isPractice(content)) for (const p of PRACTICE_PARTS) put(p.key, content.practice[p.key])
  else put('body', content.doc)
  return fields
}
