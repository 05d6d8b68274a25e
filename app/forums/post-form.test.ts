import { describe, expect, it } from 'vitest'
import { checkPostContent, contentText, contentToFormFields, readReplyForm, readThreadForm, LIMITS } from './post-form'

const doc = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
const fields = (o: Record<string, string | string[]>) => Object.entries(o).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]))

describe('reading a reply', () => {
  it('takes the editor’s JSON or the plain textarea', () => {
    const fromEditor = readReplyForm(fields({ 'body.json': doc('Hello') }))
    expect(fromEditor.ok && fromEditor.value.text).toBe('Hello')
    const fromText = readReplyForm(fields({ 'body.text': 'First\n\nSecond' }))
    expect(fromText.ok && fromText.value.text).toBe('First\n\nSecond')
  })
  it('refuses empty, hostile, broken and oversized posts with a message for the field', () => {
    expect(readReplyForm(fields({ 'body.text': '   ' }))).toEqual({ ok: false, errors: { 'body-text': 'Enter your reply' } })
    expect(readReplyForm(fields({ 'body.json': '{not json' })).ok).toBe(false)
    expect(readReplyForm(fields({ 'body.json': 'null' })).ok).toBe(false)
    expect(readReplyForm(fields({ 'body.json': JSON.stringify({ type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] }) })).ok).toBe(false)
    const long = readReplyForm(fields({ 'body.text': 'a'.repeat(LIMITS.postText + 1) }))
    expect(!long.ok && long.errors['body-text']).toMatch(/at most/)
  })
  it('keeps the formatted original when the plain text was not changed', () => {
    const original = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bold', marks: [{ type: 'bold' }] }] }] })
    const read = readReplyForm(fields({ 'body.text': 'Bold', 'body.original': original }))
    expect(read.ok && JSON.stringify(read.value.content)).toContain('bold')
  })
})

describe('reading a new thread', () => {
  it('a good-practice write-up needs every part, a theme and a contact', () => {
    const read = readThreadForm(fields({ title: 'x', 'context.text': 'c' }), 'good_practice')
    expect(!read.ok && Object.keys(read.errors).sort()).toEqual(['contact', 'impact-text', 'themes', 'whatWeDid-text'])
    const ok = readThreadForm(fields({ title: '  Family   hubs ', themes: ['early_help', 'early_help', 'send'], 'context.text': 'c', 'whatWeDid.text': 'w', 'impact.text': 'i', contact: 'Jo' }), 'good_practice')
    expect(ok.ok && ok.value).toMatchObject({ title: 'Family hubs', themes: ['early_help', 'send'], contact: 'Jo', text: 'c\n\nw\n\ni' })
  })
  it('refuses unknown themes, too many themes and long titles', () => {
    expect(readThreadForm(fields({ title: 'x', themes: 'made_up', 'body.text': 'b' }), 'discussion')).toMatchObject({ ok: false, errors: { themes: 'Choose themes from the list' } })
    expect(readThreadForm(fields({ title: 'x', themes: ['early_help', 'send', 'workforce', 'finance', 'placements', 'education'], 'body.text': 'b' }), 'discussion').ok).toBe(false)
    expect(readThreadForm(fields({ title: 'x'.repeat(LIMITS.title + 1), 'body.text': 'b' }), 'question')).toMatchObject({ ok: false })
    expect(readThreadForm(fields({ title: '', 'body.text': 'b' }), 'question')).toMatchObject({ ok: false, errors: { title: 'Enter your question' } })
  })
  it('stored content reads back into the same form fields', () => {
    const read = readThreadForm(fields({ title: 't', themes: 'send', 'context.text': 'c', 'whatWeDid.text': 'w', 'impact.text': 'i', contact: 'Jo' }), 'good_practice')
    if (!read.ok) throw new Error('expected ok')
    const back = contentToFormFields(read.value.content)
    expect(back['context.text']).toBe('c')
    const checked = checkPostContent(JSON.parse(JSON.stringify(read.value.content)))
    expect(checked.ok && contentText(checked.content)).toBe('c\n\nw\n\ni')
    expect(checkPostContent({ practice: { context: null } }).ok).toBe(false)
    expect(checkPostContent('nope').ok).toBe(false)
  })
})
