import sanitizeHtml from 'sanitize-html'
import { checkRichText, type RichTextDoc } from './document'
import { isAllowedHref } from './links'
import { documentToHtml } from './to-html'

// The last line of defence: whatever the renderer produced, only these tags and
// attributes reach a page, and links only to the web or email.
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'table', 'tbody', 'thead', 'tr', 'th', 'td', 'colgroup', 'col'],
  allowedAttributes: {
    a: ['href', 'rel'],
    ol: ['start'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  exclusiveFilter: (frame) => frame.tag === 'a' && !isAllowedHref(frame.attribs.href),
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
}

/** Safe HTML for a stored document. A document that fails the check renders as nothing. */
export function renderRichText(doc: RichTextDoc | unknown): string {
  const checked = checkRichText(doc)
  if (!checked.ok) return ''
  return sanitizeHtml(documentToHtml(checked.doc), SANITIZE)
}
