import { describe, expect, it } from 'vitest'
import { loadCouncils, parseCouncilsCsv } from './councils'
import { slugify } from '~/directory/labels'

describe('councils reference data', () => {
  it('has the 153 councils in 9 regions, with unique slugs', () => {
    const councils = loadCouncils()
    expect(councils).toHaveLength(153)
    expect(new Set(councils.map((c) => c.region)).size).toBe(9)
    expect(new Set(councils.map((c) => c.slug)).size).toBe(153)
    expect(councils.filter((c) => c.region === 'London')).toHaveLength(33)
  })

  it('reads quoted names that hold commas', () => {
    const [bcp] = parseCouncilsCsv('name,region,type\n"Bournemouth, Christchurch and Poole",South West,Unitary\n')
    expect(bcp).toMatchObject({ name: 'Bournemouth, Christchurch and Poole', slug: 'bournemouth-christchurch-and-poole', type: 'unitary' })
  })

  it('says which line is wrong', () => {
    expect(() => parseCouncilsCsv('name,region,type\nSomewhere,Nowhere,Castle\n')).toThrow('line 2')
    expect(() => parseCouncilsCsv('council,area\n')).toThrow('header')
  })

  it('slugs: lower case, every run of other characters becomes one hyphen', () => {
    expect(slugify('Kingston upon Hull')).toBe('kingston-upon-hull')
    expect(slugify('Yorkshire and the Humber')).toBe('yorkshire-and-the-humber')
    expect(slugify("St. Helens & Co's")).toBe('st-helens-co-s')
  })
})
