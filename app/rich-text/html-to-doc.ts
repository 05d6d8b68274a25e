import { generateJSON } from '@tiptap/html/server'
import type { RichTextDoc } from './document'
import { richTextExtensions } from './extensions'

// Pasted or imported HTML as the document the editor would keep (what a paste into the
// editor produces). Tests use it to feed hostile HTML through the editor's schema; it is
// kept out of the server's request path because it loads a DOM (happy-dom).
export function htmlToRichText(html: string): RichTextDoc {
  return generateJSON(html, richTextExtensions()) as RichTextDoc
}
