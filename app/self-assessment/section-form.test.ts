import { describe, expect, it } from 'vitest'
import { readSectionForm, textToDoc } from './section-form'
import { checkSectionContent } from './sections'
import { DEFAULT_TEMPLATE } from './template'

const section = (key: string) => DEFAULT_TEMPLATE.sections.find((s) => s.key === key)!
const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] }

describe('reading the section form', () => {
  it('takes the editor JSON over the fallback text', () => {
    const read = readSectionForm(section('journey'), DEFAULT_TEMPLATE, [
      ['rating', 'fair'],
      ['doc.json', JSON.stringify(doc)],
    ])
    expect(read).toEqual({ ok: true, input: { rating: 'fair', doc } })
  })

  it('turns the no-JavaScript textarea into paragraphs and line breaks', () => {
    expect(textToDoc('One\ntwo\n\n\nThree\r\n')).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'One' }, { type: 'hardBreak' }, { type: 'text', text: 'two' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Three' }] },
      ],
    })
    expect(textToDoc(' \n ')).toBeUndefined()
    const read = readSectionForm(section('context'), DEFAULT_TEMPLATE, [['doc.text', 'Our context']])
    expect(read.ok && checkSectionContent(section('context'), DEFAULT_TEMPLATE, read.input)).toMatchObject({ ok: true, text: 'Our context' })
  })

  it('reads every enabler and keeps unrated, unwritten ones out', () => {
    const read = readSectionForm(section('enablers'), DEFAULT_TEMPLATE, [
      ['enablers.leadership.rating', 'good'],
      ['enablers.culture.doc.json', JSON.stringify(doc)],
      ['enablers.workforce.rating', ''],
      ['enablers.made_up.rating', 'great'],
    ])
    expect(read).toEqual({ ok: true, input: { enablers: { leadership: { rating: 'good' }, culture: { doc } } } })
  })

  it('keeps the positions of the top three and drops trailing empty ones', () => {
    const read = readSectionForm(section('top_three'), DEFAULT_TEMPLATE, [
      ['challenges[1].theme', 'workforce'],
      ['challenges[2].theme', ''],
    ])
    expect(read).toEqual({ ok: true, input: { challenges: [{}, { theme: 'workforce' }] } })
  })

  it('refuses broken JSON, files and oversized fields with a message', () => {
    expect(readSectionForm(section('context'), DEFAULT_TEMPLATE, [['doc.json', '{"type":']])).toMatchObject({ ok: false })
    expect(readSectionForm(section('context'), DEFAULT_TEMPLATE, [['doc.text', 'x'.repeat(700_000)]])).toMatchObject({ ok: false })
    expect(readSectionForm(section('context'), DEFAULT_TEMPLATE, [['doc.text', new File(['x'], 'x.txt')]])).toMatchObject({ ok: false })
  })

  it('treats an emptied editor as nothing written', () => {
    const empty = { type: 'doc', content: [{ type: 'paragraph' }] }
    expect(checkSectionContent(section('context'), DEFAULT_TEMPLATE, { doc: empty })).toEqual({ ok: true, content: {}, text: '' })
  })
})

describe('starting values of the section form', () => {
  it('round-trips stored content through the form', async () => {
    const { contentToFields } = await import('./section-form')
    const stored = {
      enablers: {
        leadership: { rating: 'good', doc },
        culture: { rating: 'fair' },
      },
    }
    const fields = contentToFields(section('enablers'), DEFAULT_TEMPLATE, stored)
    expect(fields['enablers.leadership.doc.text']).toBe('Hello')
    const json = Object.entries(fields).filter(([k]) => !k.endsWith('.text'))
    expect(readSectionForm(section('enablers'), DEFAULT_TEMPLATE, json)).toEqual({ ok: true, input: stored })
    const top = { challenges: [{ theme: 'send', whatGoodLooksLike: 'A', supportWelcome: 'B' }] }
    expect(readSectionForm(section('top_three'), DEFAULT_TEMPLATE, Object.entries(contentToFields(section('top_three'), DEFAULT_TEMPLATE, top)))).toEqual({
      ok: true,
      input: top,
    })
  })

  it('gives the textarea paragraphs and list items apart', async () => {
    const { docToText } = await import('./section-form')
    expect(
      docToText({
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Intro' }] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'One' }] }] }] },
        ],
      }),
    ).toBe('Intro\n\nOne')
  })
})

describe('without JavaScript', () => {
  const formatted = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Bold', marks: [{ type: 'bold' }] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'One' }] }] }] },
    ],
  }
  it('keeps the formatting of a field whose text was not changed', () => {
    const read = readSectionForm(section('context'), DEFAULT_TEMPLATE, [
      ['doc.text', 'Bold\r\n\r\nOne\n'],
      ['doc.original', JSON.stringify(formatted)],
    ])
    expect(read).toEqual({ ok: true, input: { doc: formatted } })
  })
  it('uses the typed text when it was changed, or when the original is not a document', () => {
    expect(readSectionForm(section('context'), DEFAULT_TEMPLATE, [['doc.text', 'Bold and more'], ['doc.original', JSON.stringify(formatted)]])).toEqual({
      ok: true,
      input: { doc: textToDoc('Bold and more') },
    })
    const deep = '{"content":['.repeat(20_000) + ']}'.repeat(20_000)
    expect(readSectionForm(section('context'), DEFAULT_TEMPLATE, [['doc.text', 'x'], ['doc.original', deep]])).toMatchObject({ ok: true })
  })
})
