import { describe, expect, it } from 'vitest'
import { checkSectionContent, missingForSignOff } from './sections'
import { DEFAULT_TEMPLATE } from './template'
import { headlineDataDoc } from './headline-data'

const section = (key: string) => DEFAULT_TEMPLATE.sections.find((s) => s.key === key)!
const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Evidence' }] }] }

describe('section content', () => {
  it('keeps half-written drafts (autosave) but refuses malformed parts', () => {
    expect(checkSectionContent(section('journey'), DEFAULT_TEMPLATE, {})).toEqual({ ok: true, content: {}, text: '' })
    expect(checkSectionContent(section('journey'), DEFAULT_TEMPLATE, { rating: 'good' })).toMatchObject({ ok: true, content: { rating: 'good' } })
    expect(checkSectionContent(section('journey'), DEFAULT_TEMPLATE, { rating: 'excellent' }).ok).toBe(false)
    expect(checkSectionContent(section('enablers'), DEFAULT_TEMPLATE, { enablers: { leadership: { rating: 'fair', doc } } })).toMatchObject({ ok: true, text: expect.stringContaining('Evidence') })
    expect(checkSectionContent(section('enablers'), DEFAULT_TEMPLATE, { enablers: { astrology: { rating: 'fair' } } })).toEqual({ ok: false, error: 'That enabler is not in this template' })
    expect(checkSectionContent(section('top_three'), DEFAULT_TEMPLATE, { challenges: [{ theme: 'workforce' }] }).ok).toBe(true)
    expect(checkSectionContent(section('top_three'), DEFAULT_TEMPLATE, { challenges: [{}, {}, {}, {}] })).toEqual({ ok: false, error: 'Give no more than three challenges' })
    expect(checkSectionContent(section('context'), DEFAULT_TEMPLATE, { doc: { type: 'doc', content: [{ type: 'script' }] } }).ok).toBe(false)
  })

  it('lists what is unfinished before sign-off', () => {
    expect(missingForSignOff(DEFAULT_TEMPLATE, new Map())).toEqual(DEFAULT_TEMPLATE.sections.map((s) => s.title))
    const partly = new Map<string, never>([['context', { doc } as never]])
    expect(missingForSignOff(DEFAULT_TEMPLATE, partly)).not.toContain('Context and headline data')
  })
})

describe('headline data for the context section', () => {
  it('is a table of the figures that passes the rich-text checks', () => {
    const doc = headlineDataDoc([{ label: 'Children in care per 10,000 children', period: '2025', value: 1234, isDemo: true }])
    const checked = checkSectionContent(DEFAULT_TEMPLATE.sections[0], DEFAULT_TEMPLATE, { doc })
    expect(checked).toMatchObject({ ok: true })
    expect(checked.ok && checked.text).toContain('1,234')
    expect(checked.ok && checked.text).toContain('demo figures')
    expect(headlineDataDoc([])).toBeNull()
  })
})
