import { describe, expect, it } from 'vitest'
import { escapeHtml, highlightHtml, newMarkers, previewHtml } from './highlight'

describe('highlightHtml', () => {
  const m = newMarkers()
  const hl = (s: string) => s.replaceAll('[', m.start).replaceAll(']', m.stop)

  it('marks the matches and escapes everything else', () => {
    expect(highlightHtml(hl('Our [foster] carers <b>& [families]</b>'), m)).toBe('Our <mark>foster</mark> carers &lt;b&gt;&amp; <mark>families</mark>&lt;/b&gt;')
  })

  it('never lets text from the database through as HTML', () => {
    const out = highlightHtml(hl('<script>alert(1)</script> [<img src=x onerror=alert(1)>] "quoted" \'single\''), m)
    expect(out).not.toMatch(/<(script|img)/)
    expect(out).toBe('&lt;script&gt;alert(1)&lt;/script&gt; <mark>&lt;img src=x onerror=alert(1)&gt;</mark> &quot;quoted&quot; &#39;single&#39;')
  })

  it('treats a post that types <mark> or an old marker as text', () => {
    const other = newMarkers()
    expect(highlightHtml(`<mark>fake</mark> ${other.start}x${other.stop}`, m)).toBe(`&lt;mark&gt;fake&lt;/mark&gt; ${other.start}x${other.stop}`)
  })

  it('is well formed whatever the markers', () => {
    expect(highlightHtml(hl('a] [b [c] d [e'), m)).toBe('a <mark>b c</mark> d <mark>e</mark>')
    expect(highlightHtml('', m)).toBe('')
  })

  it('makes fresh, distinct markers of letters and digits', () => {
    const a = newMarkers()
    const b = newMarkers()
    expect(a.start).not.toBe(b.start)
    expect(a.start).not.toBe(a.stop)
    expect(a.start).toMatch(/^[A-Za-z0-9]{20,}$/)
    expect(escapeHtml(a.start)).toBe(a.start)
  })
})

describe('previewHtml', () => {
  it('cuts at a word and escapes', () => {
    expect(previewHtml('a <b> c', 100)).toBe('a &lt;b&gt; c')
    expect(previewHtml('one two three four five six', 12)).toBe('one two …')
  })
})
