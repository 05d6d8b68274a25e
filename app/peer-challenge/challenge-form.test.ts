import { describe, expect, it } from 'vitest'
import { readActionForm, readFindingForm, readMeetingForm, readReportForm, readReviewForm } from './challenge-form'

const window = { opens: new Date('2027-01-05T00:00:00Z'), closes: new Date('2027-03-31T00:00:00Z') }

describe('challenge forms', () => {
  it('reads a meeting date near the window', () => {
    expect(readMeetingForm({ meetingDate: '2027-02-10' }, window)).toEqual({ ok: true, value: { meetingDate: new Date('2027-02-10T00:00:00Z') } })
    expect(readMeetingForm({ meetingDate: '2037-02-10' }, window)).toMatchObject({ ok: false, errors: { meetingDate: expect.stringContaining('window') } })
    expect(readMeetingForm({ meetingDate: 'next Tuesday' }, window)).toMatchObject({ ok: false, errors: { meetingDate: expect.stringContaining('as a date') } })
    expect(readMeetingForm({}, window)).toMatchObject({ ok: false })
  })

  it('reads a finding under a known theme', () => {
    expect(readFindingForm({ theme: 'placements', finding: '  Too few local foster carers  ' })).toEqual({ ok: true, value: { theme: 'placements', text: 'Too few local foster carers' } })
    expect(readFindingForm({ theme: 'astrology', finding: 'x' })).toMatchObject({ ok: false, errors: { theme: expect.any(String) } })
    expect(readFindingForm({ theme: 'placements', finding: 'x'.repeat(2001) })).toMatchObject({ ok: false, errors: { finding: expect.stringContaining('2,000') } })
    expect(readFindingForm({ theme: 'placements', finding: ['a', 'b'] })).toMatchObject({ ok: false, errors: { finding: expect.any(String) } })
  })

  it('reads an action with an owner and a due date', () => {
    expect(readActionForm({ title: 'Recruit 20 foster carers', owner: 'Head of fostering', dueDate: '2027-06-30' })).toEqual({
      ok: true,
      value: { title: 'Recruit 20 foster carers', owner: 'Head of fostering', dueDate: new Date('2027-06-30T00:00:00Z') },
    })
    const bad = readActionForm({ title: '', owner: '', dueDate: '2027-02-31' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['dueDate', 'owner', 'title'])
  })

  it('needs every action rated, and a note when one is at risk or off track', () => {
    expect(readReviewForm({ 'rating-a': 'done', 'rating-b': 'on_track' }, ['a', 'b'])).toEqual({
      ok: true,
      value: [
        { actionId: 'a', rating: 'done', note: '' },
        { actionId: 'b', rating: 'on_track', note: '' },
      ],
    })
    const read = readReviewForm({ 'rating-a': 'off_track', 'rating-b': 'sideways' }, ['a', 'b'])
    expect(read).toMatchObject({ ok: false, errors: { 'note-a': expect.any(String), 'rating-b': expect.any(String) } })
    expect(readReviewForm({}, [])).toMatchObject({ ok: false, errors: { form: expect.any(String) } })
  })
})

describe('the report form', () => {
  it('reads the editor’s document or the plain textarea', () => {
    const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Dear Camden' }] }] }
    expect(readReportForm([['report.json', JSON.stringify(doc)]])).toMatchObject({ ok: true, value: { text: 'Dear Camden' } })
    expect(readReportForm([['report.text', 'Dear Camden\n\nWe found…']])).toMatchObject({ ok: true, value: { text: expect.stringContaining('We found') } })
    expect(readReportForm([['report.text', '']])).toEqual({ ok: true, value: null })
  })

  it('refuses hostile or broken documents', () => {
    expect(readReportForm([['report.json', '{"type":"doc","content":[{"type":"script"}]}']])).toMatchObject({ ok: false, errors: { 'report-text': expect.any(String) } })
    expect(readReportForm([['report.json', 'not json']])).toMatchObject({ ok: false })
    expect(readReportForm([['report.text', 'x'.repeat(30_001)]])).toMatchObject({ ok: false, errors: { 'report-text': expect.stringContaining('30,000') } })
  })
})
