import StarterKit from '@tiptap/starter-kit'
import { TableKit } from '@tiptap/extension-table'
import type { Extensions } from '@tiptap/core'

/** Link targets the hub accepts: the web and email. Never javascript:, data:, file: … */
export const ALLOWED_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const

export function isAllowedHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length > 2048) return false
  // Control characters and whitespace inside a URL are how `java\tscript:` slips past
  // naive checks; a real link never needs them.
  if (/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/.test(href)) return false
  try {
    return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(new URL(href).protocol)
  } catch {
    return false
  }
}

/**
 * The rich-text features the hub offers (headings, lists, bold, italic, links, tables),
 * shared by the editor and by server rendering so both mean the same document.
 */
export function richTextExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      horizontalRule: false,
      dropcursor: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ]
}
