import { randomBytes } from 'node:crypto'

// Highlights from ts_headline: the database marks matches with markers made fresh for each
// search (so no post can contain them and fake a highlight), and only here, after the
// text is HTML-escaped, do the markers become <mark> elements. The database's text is
// never trusted as HTML.

export type Markers = { start: string; stop: string }

/** Fresh start and stop markers: letters and digits only, so escaping leaves them alone and ts_headline's option parser needs no quoting. */
export function newMarkers(): Markers {
  const token = randomBytes(12).toString('hex')
  return { start: `hlS${token}`, stop: `hlE${token}` }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c])

/**
 * HTML for a headline: everything escaped, the marked stretches in <mark>. Well formed
 * whatever the input: a stray stop marker is dropped, an unclosed mark is closed.
 */
export function highlightHtml(raw: string, markers: Markers): string {
  let out = ''
  let open = false
  let rest = raw
  for (;;) {
    const start = rest.indexOf(markers.start)
    const stop = rest.indexOf(markers.stop)
    const next = [start, stop].filter((i) => i >= 0).sort((a, b) => a - b)[0]
    if (next === undefined) break
    out += escapeHtml(rest.slice(0, next))
    if (next === start) {
      if (!open) out += '<mark>'
      open = true
      rest = rest.slice(next + markers.start.length)
    } else {
      if (open) out += '</mark>'
      open = false
      rest = rest.slice(next + markers.stop.length)
    }
  }
  out += escapeHtml(rest)
  return open ? out + '</mark>' : out
}

/** The first words of a text, escaped, for results found by filters alone (nothing to highlight). */
export function previewHtml(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return escapeHtml(flat)
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return escapeHtml((space > max / 2 ? cut.slice(0, space) : cut) + ' …')
}
