import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { checkRichText, LIMITS } from './document'
import { renderRichText } from './render.server'
import { htmlToRichText } from './html-to-doc'
import { isAllowedHref } from './links'
import { Window } from 'happy-dom'

const hostile: { title: string; payload: string }[] = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/hostile-html.json'), 'utf8'),
)

const para = (text: string, marks?: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] }] })

const SAFE_TAGS = new Set(['P', 'BR', 'H2', 'H3', 'H4', 'STRONG', 'EM', 'A', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'TABLE', 'TBODY', 'THEAD', 'TR', 'TH', 'TD', 'COLGROUP', 'COL'])
const SAFE_ATTRIBUTES = new Set(['href', 'rel', 'start', 'colspan', 'rowspan'])

/**
 * Parses the HTML the way a browser would and checks every element: only allowed tags,
 * only allowed attributes (so no event handlers or styles), links only to the web or email.
 * Escaped text such as `&lt;img onerror=…&gt;` is inert and passes.
 */
function expectSafe(html: string) {
  const window = new Window()
  const container = window.document.createElement('div')
  container.innerHTML = html
  for (const element of container.querySelectorAll('*')) {
    expect(SAFE_TAGS.has(element.tagName), `${element.tagName} in ${html}`).toBe(true)
    for (const attribute of element.getAttributeNames()) {
      expect(SAFE_ATTRIBUTES.has(attribute), `${attribute} in ${html}`).toBe(true)
    }
    if (element.tagName === 'A') expect(isAllowedHref(element.getAttribute('href')), html).toBe(true)
  }
  window.close()
}

describe('rich text: the allowlist', () => {
  it('accepts what the editor makes: headings, lists, bold, italic, links, tables', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Our journey' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Strong ', marks: [{ type: 'bold' }] }, { type: 'text', text: 'partners', marks: [{ type: 'link', attrs: { href: 'https://example.org/report', target: null, rel: 'noopener noreferrer nofollow', class: null } }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one', marks: [{ type: 'italic' }] }] }] }] },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Measure' }] }] }] },
            { type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: '42' }] }] }] },
          ],
        },
      ],
    }
    const checked = checkRichText(JSON.stringify(doc))
    expect(checked.ok).toBe(true)
    if (checked.ok) expect(checked.text).toContain('Our journey')
    const html = renderRichText(doc)
    expect(html).toContain('<h2>Our journey</h2>')
    expect(html).toContain('<strong>Strong </strong>')
    expect(html).toContain('<a rel="noopener noreferrer nofollow" href="https://example.org/report">partners</a>')
    expect(html).toContain('<em>one</em>')
    expect(html).toMatch(/<table>.*<th[^>]*>.*Measure/)
    expectSafe(html)
  })

  it('refuses unknown nodes, marks and attributes', () => {
    for (const bad of [
      { type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] },
      { type: 'doc', content: [{ type: 'codeBlock', content: [{ type: 'text', text: 'x' }] }] },
      { type: 'doc', content: [{ type: 'paragraph', attrs: { onclick: 'alert(1)' }, content: [] }] },
      { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [] }] },
      para('x', [{ type: 'textStyle', attrs: { color: 'red' } }]),
      para('x', [{ type: 'bold', attrs: { style: 'x' } }]),
      { type: 'doc', content: [{ type: 'text', text: 'text straight in the doc' }] },
      { type: 'paragraph', content: [] },
      { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'paragraph' }] }] },
      { type: 'doc', content: [{ type: 'tableRow', content: [] }] },
      'not json',
      null,
      42,
      [],
    ]) {
      expect(checkRichText(bad).ok, JSON.stringify(bad)).toBe(false)
      expect(renderRichText(bad)).toBe('')
    }
  })

  it('refuses links that are not to the web or email, however they are disguised', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'javascript\u0000:alert(1)',
      '\u200bjavascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative',
      'https://exa mple.org',
    ]) {
      expect(isAllowedHref(href), JSON.stringify(href)).toBe(false)
      expect(checkRichText(para('click', [{ type: 'link', attrs: { href } }])).ok, JSON.stringify(href)).toBe(false)
    }
    expect(isAllowedHref('mailto:dcs@camden.example')).toBe(true)
    expect(isAllowedHref('http://example.org/a?b=c#d')).toBe(true)
  })

  it('refuses deeply nested, huge and malformed input without crashing', () => {
    let deep: Record<string, unknown> = { type: 'paragraph', content: [{ type: 'text', text: 'x' }] }
    for (let i = 0; i < 50_000; i++) deep = { type: 'blockquote', content: [deep] }
    expect(checkRichText({ type: 'doc', content: [deep] })).toEqual({ ok: false, error: 'This text is nested too deeply to save.' })
    const deepJson = '{"type":"doc","content":['.repeat(5000) + ']}'.repeat(5000)
    expect(checkRichText(deepJson).ok).toBe(false)

    const fiveMb = JSON.stringify(para('x'.repeat(5 * 1024 * 1024)))
    expect(checkRichText(fiveMb)).toEqual({ ok: false, error: 'This text is too long to save.' })
    const manyNodes = { type: 'doc', content: Array.from({ length: LIMITS.nodes + 1 }, () => ({ type: 'paragraph' })) }
    expect(checkRichText(manyNodes).ok).toBe(false)

    for (const broken of ['{"type":"doc",', '{"type":"doc","content":{"0":1}}', '{"__proto__":{"type":"doc"}}', '{"type":"doc","content":[{"type":"text"}]}']) {
      expect(checkRichText(broken).ok, broken).toBe(false)
    }
  })
})

describe('rich text: the hostile HTML corpus', () => {
  it('the safety check itself catches what it must', () => {
    for (const bad of ['<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>', '<p style="x">y</p>', '<svg><script>1</script></svg>', '<p onclick="x">y</p>']) {
      expect(() => expectSafe(bad), bad).toThrow()
    }
    expect(() => expectSafe('<p>&lt;img onerror="alert(1)"&gt;</p>')).not.toThrow()
  })

  it(`neutralises all ${hostile.length} payloads pasted as HTML`, () => {
    for (const { title, payload } of hostile) {
      const doc = htmlToRichText(payload)
      const checked = checkRichText(doc)
      // What the editor keeps from a paste is either refused or renders safely.
      if (checked.ok) expectSafe(renderRichText(doc))
      else expect(renderRichText(doc), title).toBe('')
    }
  })

  it('keeps every payload typed as text as inert text', () => {
    for (const { payload } of hostile) {
      if (!payload) continue
      const html = renderRichText(para(payload))
      expectSafe(html)
      expect(html.startsWith('<p>')).toBe(true)
    }
  })

  it('refuses every payload used as a link address', () => {
    for (const { payload } of hostile) {
      const checked = checkRichText(para('link', [{ type: 'link', attrs: { href: payload } }]))
      if (checked.ok) expectSafe(renderRichText(checked.doc))
    }
  })
})

describe('the direct HTML writer', () => {
  it('writes what Tiptap’s own renderer writes, for every node and mark the hub allows', async () => {
    const { generateHTML } = await import('@tiptap/html/server')
    const { richTextExtensions } = await import('./extensions')
    const { documentToHtml } = await import('./to-html')
    const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) })
    const p = (...content: unknown[]) => ({ type: 'paragraph', content })
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [text('Heading & <stuff>')] },
        p(text('Bold', [{ type: 'bold' }]), text(' and '), text('both', [{ type: 'bold' }, { type: 'italic' }]), { type: 'hardBreak' }, text('"quoted"')),
        p(text('a link', [{ type: 'link', attrs: { href: 'https://example.org/?a=1&b="2"' } }])),
        { type: 'paragraph' },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('one'))] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(text('three'))] }] },
        { type: 'blockquote', content: [p(text('quote'))] },
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 2 }, content: [p(text('H'))] }] },
            { type: 'tableRow', content: [{ type: 'tableCell', content: [p(text('A'))] }, { type: 'tableCell', content: [p(text('B'))] }] },
          ],
        },
      ],
    }
    const checked = checkRichText(doc)
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    const normalise = (html: string) =>
      html
        .replace(/ (target|class|style|colwidth)="[^"]*"/g, '')
        .replace(/<colgroup>.*?<\/colgroup>/g, '')
        .replace(/ colspan="1"| rowspan="1"/g, '')
        .replace(/<a ([^>]*)>/g, (_, attrs: string) => `<a ${attrs.split(/ (?=\w+=)/).sort().join(' ')}>`)
    expect(normalise(documentToHtml(checked.doc))).toBe(normalise(generateHTML(checked.doc, richTextExtensions())))
  })
})

describe('documents as the editor writes them', () => {
  it('accepts a table with the attributes Tiptap gives its cells', () => {
    const doc = htmlToRichText('<table><tr><th>Measure</th><th>Value</th></tr><tr><td>Children in care</td><td>90</td></tr></table><p>After</p>')
    const cell = JSON.stringify(doc)
    expect(cell).toContain('"align"')
    expect(checkRichText(doc)).toMatchObject({ ok: true })
    expect(renderRichText(doc)).toContain('<td>Children in care</td>'.replace('<td>', '<td><p>').replace('</td>', '</p></td>'))
  })
})
