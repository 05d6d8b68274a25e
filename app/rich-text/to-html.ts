import type { JSONContent } from '@tiptap/core'

// A checked document as HTML, written directly: the same markup Tiptap's own renderer
// produces for the hub's nodes and marks, without building a ProseMirror schema and a
// DOM for every call (that cost ~6 ms a section; a full assessment has a dozen). It is
// only ever given documents that passed `checkRichText`, and its output still goes
// through sanitize-html.

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;')

const BLOCK_TAGS: Record<string, string> = {
  paragraph: 'p',
  bulletList: 'ul',
  listItem: 'li',
  blockquote: 'blockquote',
  tableRow: 'tr',
}

function cellAttrs(attrs: Record<string, unknown> | undefined) {
  let out = ''
  for (const name of ['colspan', 'rowspan'] as const) {
    const v = attrs?.[name]
    if (typeof v === 'number' && v !== 1) out += ` ${name}="${v}"`
  }
  return out
}

function marked(text: string, marks: JSONContent['marks']): string {
  let html = escapeText(text)
  // The first mark is the outermost, as in Tiptap's output.
  for (const mark of [...(marks ?? [])].reverse()) {
    if (mark.type === 'bold') html = `<strong>${html}</strong>`
    else if (mark.type === 'italic') html = `<em>${html}</em>`
    else if (mark.type === 'link' && typeof mark.attrs?.href === 'string') html = `<a rel="noopener noreferrer nofollow" href="${escapeAttr(mark.attrs.href)}">${html}</a>`
  }
  return html
}

function node(n: JSONContent): string {
  const inner = () => (n.content ?? []).map(node).join('')
  switch (n.type) {
    case 'doc':
      return inner()
    case 'text':
      return marked(n.text ?? '', n.marks)
    case 'hardBreak':
      return '<br>'
    case 'heading': {
      const level = [2, 3, 4].includes(n.attrs?.level as number) ? (n.attrs!.level as number) : 2
      return `<h${level}>${inner()}</h${level}>`
    }
    case 'orderedList': {
      const start = n.attrs?.start
      return `<ol${typeof start === 'number' && start !== 1 ? ` start="${start}"` : ''}>${inner()}</ol>`
    }
    case 'table':
      return `<table><tbody>${inner()}</tbody></table>`
    case 'tableHeader':
      return `<th${cellAttrs(n.attrs)}>${inner()}</th>`
    case 'tableCell':
      return `<td${cellAttrs(n.attrs)}>${inner()}</td>`
    default: {
      const tag = BLOCK_TAGS[n.type ?? '']
      return tag ? `<${tag}>${inner()}</${tag}>` : ''
    }
  }
}

export function documentToHtml(doc: JSONContent): string {
  return node(doc)
}
