import { describe, expect, it } from 'vitest'
import { addMonths, checkTimetable, defaultTimetable, isoDay, parseDay, readCycleForm, type TimetableField } from './timetable'

const days = (t: ReturnType<typeof defaultTimetable>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, isoDay(v)])) as Record<TimetableField, string>

describe('cycle timetable', () => {
  it('reads real days only', () => {
    expect(parseDay('2026-11-30')?.toISOString()).toBe('2026-11-30T00:00:00.000Z')
    for (const bad of ['2026-02-30', '30/11/2026', '', 'tomorrow', null, 20261130, '2026-13-01']) expect(parseDay(bad)).toBeNull()
  })

  it('adds six months, keeping to the end of a short month', () => {
    expect(isoDay(addMonths(new Date('2027-01-15T00:00:00Z'), 6))).toBe('2027-07-15')
    expect(isoDay(addMonths(new Date('2026-08-31T00:00:00Z'), 6))).toBe('2027-02-28')
    expect(isoDay(addMonths(new Date('2026-11-30T00:00:00Z'), 6))).toBe('2027-05-30')
  })

  it('offers a default timetable that passes its own checks', () => {
    const t = defaultTimetable(2026)
    expect(checkTimetable(days(t), 2026)).toEqual({ ok: true, value: t })
  })

  it('refuses dates out of order or outside the cycle', () => {
    const t = days(defaultTimetable(2026))
    expect(checkTimetable({ ...t, windowOpens: '2026-11-01' }, 2026)).toMatchObject({ ok: false, errors: { windowOpens: expect.stringContaining('on or after') } })
    expect(checkTimetable({ ...t, windowCloses: '2026-12-01' }, 2026)).toMatchObject({ ok: false, errors: { windowCloses: expect.any(String) } })
    expect(checkTimetable({ ...t, reviewsDue: t.windowCloses }, 2026)).toMatchObject({ ok: false, errors: { reviewsDue: expect.any(String) } })
    expect(checkTimetable({ ...t, assessmentsDue: '2031-01-01' }, 2026)).toMatchObject({ ok: false, errors: { assessmentsDue: expect.stringContaining('between 2026 and 2028') } })
  })
})

describe('the open-a-cycle form', () => {
  const region = ['a', 'b', 'c', 'd']
  const good = { year: '2026', model: 'pairs', councils: ['a', 'b', 'c'], ...days(defaultTimetable(2026)) }

  it('reads a good form', () => {
    const read = readCycleForm(good, region)
    expect(read).toEqual({ ok: true, value: { year: 2026, model: 'pairs', timetable: defaultTimetable(2026), councilIds: ['a', 'b', 'c'] } })
  })

  it('gives an error per field for bad input', () => {
    const read = readCycleForm({ year: 'soon', model: 'quartets', councils: ['a', 'zzz'] }, region)
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(Object.keys(read.errors).sort()).toEqual(['councils', 'model', 'year'])
  })

  it('asks for a missing year rather than calling it too early', () => {
    expect(readCycleForm({ ...good, year: ' ' }, region)).toMatchObject({ ok: false, errors: { year: 'Enter the cycle year' } })
    expect(readCycleForm({ ...good, year: undefined }, region)).toMatchObject({ ok: false, errors: { year: 'Enter the cycle year' } })
  })

  it('needs enough councils for the model', () => {
    expect(readCycleForm({ ...good, councils: ['a'] }, region)).toMatchObject({ ok: false, errors: { councils: 'Choose at least 2 councils to take part' } })
    expect(readCycleForm({ ...good, model: 'panel', councils: ['a', 'b'] }, region)).toMatchObject({ ok: false, errors: { councils: 'Choose at least 3 councils to take part' } })
    expect(readCycleForm({ ...good, councils: ['a', 'a', 'b'] }, region)).toMatchObject({ ok: true, value: { councilIds: ['a', 'b'] } })
  })
})
