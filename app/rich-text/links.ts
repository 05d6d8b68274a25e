// Which link addresses rich text may carry. Apart from the editor's extensions, so the
// server can check and render documents without loading Tiptap.

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
