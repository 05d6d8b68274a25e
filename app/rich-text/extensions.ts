import StarterKit from '@tiptap/starter-kit'
import { TableKit } from '@tiptap/extension-table'
import type { Extensions } from '@tiptap/core'
import { isAllowedHref } from './links'

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
