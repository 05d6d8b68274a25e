import { describe, expect, it } from 'vitest'
import { isDay, MAX_PAGE, MAX_Q, parseSearchParams, searchHref } from './query'

const known = { spaces: new Set(['national', 'london']), regions: new Set(['london', 'north-west']), councils: new Set(['camden', 'hackney']) }
const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs), known)

describe('parseSearchParams', () => {
  it('reads words and every filter', () => {
    const r = parse('q=edge+of+care&space=london&region=london&theme=children_in_care&kind=good_practice&council=camden&from=2026-01-01&to=2026-03-31&page=2')
    expect(r).toMatchObject({ ok: true, query: { q: 'edge of care', space: 'london', region: 'london', theme: 'children_in_care', kind: 'good_practice', council: 'camden', from: '2026-01-01', to: '2026-03-31', page: 2 } })
  })

  it('treats empty fields as no filter and defaults to page 1', () => {
    const r = parse('q=&space=&region=&theme=&kind=&council=&from=&to=&page=')
    expect(r).toEqual({ ok: true, query: { q: '', page: 1 }, values: { q: '', space: '', region: '', theme: '', kind: '', council: '', from: '', to: '', page: '' } })
    expect(parse('')).toMatchObject({ ok: true, query: { q: '', page: 1 } })
  })

  it('tidies whitespace and control characters in the words', () => {
    expect(parse('q=%20%20foster%00carers%0A%09recruitment%20')).toMatchObject({ ok: true, query: { q: 'foster carers recruitment' } })
  })

  it('refuses overlong words', () => {
    expect(parse(`q=${'a'.repeat(MAX_Q)}`).ok).toBe(true)
    const r = parse(`q=${'a'.repeat(MAX_Q + 1)}`)
    expect(r).toMatchObject({ ok: false, errors: { q: `Search for at most ${MAX_Q} characters` } })
  })

  it('refuses values that are not in the lists', () => {
    const r = parse('space=secret-group&region=atlantis&theme=astrology&kind=poem&council=gotham')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(Object.keys(r.errors).sort()).toEqual(['council', 'kind', 'region', 'space', 'theme'])
    expect(r.errors.space).toBe('Choose a space from the list')
    expect(r.values.space).toBe('secret-group')
  })

  it('refuses dates that are not real days, and a range the wrong way round', () => {
    for (const bad of ['2026-02-30', '31/01/2026', '2026-1-1', 'yesterday', '1999-12-31', "2026-01-01' OR 1=1"]) {
      expect(parse(`from=${encodeURIComponent(bad)}`)).toMatchObject({ ok: false, errors: { from: expect.stringContaining('real date') } })
    }
    expect(parse('from=2026-03-01&to=2026-02-01')).toMatchObject({ ok: false, errors: { to: expect.stringContaining('after') } })
    expect(parse('from=2026-03-01&to=2026-03-01').ok).toBe(true)
  })

  it('refuses pages that do not exist', () => {
    for (const bad of ['0', '-1', '1.5', 'two', String(MAX_PAGE + 1), '99999999999']) expect(parse(`page=${bad}`)).toMatchObject({ ok: false, errors: { page: expect.any(String) } })
    expect(parse(`page=${MAX_PAGE}`).ok).toBe(true)
  })
})

describe('isDay and searchHref', () => {
  it('knows leap years', () => {
    expect(isDay('2028-02-29')).toBe(true)
    expect(isDay('2027-02-29')).toBe(false)
  })
  it('links to a page with the same search', () => {
    expect(searchHref({ q: 'a & b', kind: 'question', page: 3 }, 2)).toBe('/search?q=a+%26+b&kind=question&page=2')
    expect(searchHref({ q: 'x', page: 3 }, 1)).toBe('/search?q=x')
  })
})
