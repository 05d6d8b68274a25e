import type { JSONContent } from '@tiptap/core'
import { z } from 'zod'
import { isAllowedHref } from './links'

// What a stored rich-text document may contain: Tiptap JSON checked node by node
// against an allowlist. Anything else is refused on save, before it reaches the database.

export const LIMITS = {
  /** Serialized JSON size of one document. */
  bytes: 512 * 1024,
  /** Nesting: tables in lists in quotes stay far below this. */
  depth: 24,
  nodes: 20_000,
  textLength: 100_000,
} as const

const MARKS: Record<string, (attrs: Record<string, unknown>) => boolean> = {
  bold: (a) => Object.keys(a).length === 0,
  italic: (a) => Object.keys(a).length === 0,
  link: (a) =>
    isAllowedHref(a.href) &&
    Object.keys(a).every((k) => ['href', 'target', 'rel', 'class', 'title'].includes(k)) &&
    (a.target === undefined || a.target === null || a.target === '_blank') &&
    ['rel', 'class', 'title'].every((k) => a[k] === undefined || a[k] === null || typeof a[k] === 'string'),
}

const cellAttrs = (a: Record<string, unknown>) =>
  Object.entries(a).every(
    ([k, v]) =>
      (k === 'colspan' || k === 'rowspan' ? Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 20 : false) ||
      (k === 'colwidth' ? v === null || (Array.isArray(v) && v.every((n) => Number.isInteger(n) && n > 0 && n < 5000)) : false) ||
      // Tiptap's table cells carry an alignment (not rendered: the hub's tables align left).
      (k === 'align' ? v === null || v === 'left' || v === 'center' || v === 'right' : false),
  )
const noAttrs = (a: Record<string, unknown>) => Object.keys(a).length === 0
const NODES: Record<string, { attrs: (a: Record<string, unknown>) => boolean; content: 'block' | 'inline' | 'listItems' | 'rows' | 'cells' | 'none' | 'text' }> = {
  doc: { attrs: noAttrs, content: 'block' },
  paragraph: { attrs: (a) => noAttrs(a) || (Object.keys(a).length === 1 && 'textAlign' in a && a.textAlign === null), content: 'inline' },
  heading: { attrs: (a) => Object.keys(a).length === 1 && [2, 3, 4].includes(a.level as number), content: 'inline' },
  bulletList: { attrs: noAttrs, content: 'listItems' },
  orderedList: {
    attrs: (a) => Object.entries(a).every(([k, v]) => (k === 'start' && Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1e6) || (k === 'type' && v === null)),
    content: 'listItems',
  },
  listItem: { attrs: noAttrs, content: 'block' },
  blockquote: { attrs: noAttrs, content: 'block' },
  table: { attrs: noAttrs, content: 'rows' },
  tableRow: { attrs: noAttrs, content: 'cells' },
  tableHeader: { attrs: cellAttrs, content: 'block' },
  tableCell: { attrs: cellAttrs, content: 'block' },
  hardBreak: { attrs: noAttrs, content: 'none' },
  text: { attrs: noAttrs, content: 'text' },
}
const CHILD_KINDS: Record<string, (type: string) => boolean> = {
  block: (t) => ['paragraph', 'heading', 'bulletList', 'orderedList', 'blockquote', 'table'].includes(t),
  inline: (t) => t === 'text' || t === 'hardBreak',
  listItems: (t) => t === 'listItem',
  rows: (t) => t === 'tableRow',
  cells: (t) => t === 'tableHeader' || t === 'tableCell',
}

/** A checked document: Tiptap JSON whose root is `doc`. */
export type RichTextDoc = JSONContent & { type: 'doc' }

const nodeShape = z.object({
  type: z.string().max(40),
  attrs: z.record(z.string(), z.unknown()).optional(),
  content: z.array(z.unknown()).optional(),
  marks: z.array(z.object({ type: z.string().max(40), attrs: z.record(z.string(), z.unknown()).optional() })).max(10).optional(),
  text: z.string().optional(),
})

export type RichTextCheck = { ok: true; doc: RichTextDoc; text: string } | { ok: false; error: string }

/**
 * Checks untrusted input (a JSON string or a parsed value) as a hub document. Returns the
 * document and its plain text (for search and previews), or a message for the person.
 */
export function checkRichText(input: unknown): RichTextCheck {
  let value = input
  if (typeof input === 'string') {
    if (input.length > LIMITS.bytes) return { ok: false, error: 'This text is too long to save.' }
    try {
      value = JSON.parse(input)
    } catch {
      return { ok: false, error: 'The text could not be read. Reload the page and try again.' }
    }
  }
  let nodes = 0
  let textLength = 0
  const texts: string[] = []
  const fail = (error: string): RichTextCheck => ({ ok: false, error })
  // Iterative walk: a hostile document nested thousands deep must not blow the stack.
  const stack: { node: unknown; depth: number; allowed: (t: string) => boolean }[] = [{ node: value, depth: 0, allowed: (t) => t === 'doc' }]
  while (stack.length) {
    const { node, depth, allowed } = stack.pop()!
    if (depth > LIMITS.depth) return fail('This text is nested too deeply to save.')
    if (++nodes > LIMITS.nodes) return fail('This text is too long to save.')
    const parsed = nodeShape.safeParse(node)
    if (!parsed.success) return fail('The text contains something the hub cannot store.')
    const { type, attrs = {}, content, marks, text } = parsed.data
    const rule = NODES[type]
    if (!rule || !allowed(type)) return fail('The text contains formatting the hub does not allow.')
    if (!rule.attrs(attrs)) return fail('The text contains formatting the hub does not allow.')
    if (type === 'text') {
      if (!text || content) return fail('The text contains something the hub cannot store.')
      textLength += text.length
      if (textLength > LIMITS.textLength) return fail('This text is too long to save.')
      texts.push(text)
      for (const mark of marks ?? []) {
        const check = MARKS[mark.type]
        if (!check || !check(mark.attrs ?? {})) return fail(mark.type === 'link' ? 'Links must start with https://, http:// or mailto:.' : 'The text contains formatting the hub does not allow.')
      }
    } else {
      if (text !== undefined || marks?.length) return fail('The text contains something the hub cannot store.')
      if (rule.content === 'none' && content?.length) return fail('The text contains something the hub cannot store.')
      const childAllowed = CHILD_KINDS[rule.content]
      for (const child of [...(content ?? [])].reverse()) stack.push({ node: child, depth: depth + 1, allowed: childAllowed ?? (() => false) })
      if (['paragraph', 'heading', 'listItem', 'tableCell', 'tableHeader'].includes(type)) texts.push('\n')
    }
  }
  return { ok: true, doc: value as RichTextDoc, text: texts.join('').replace(/\n{2,}/g, '\n').trim() }
}

export const EMPTY_DOC: RichTextDoc = { type: 'doc', content: [{ type: 'paragraph' }] }
