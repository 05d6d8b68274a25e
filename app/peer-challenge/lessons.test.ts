import { describe, expect, it } from 'vitest'
import { collectiveLessons, csvCell, lessonsCsv } from './lessons'

const challenges = [
  { hostName: 'Camden', focusThemes: ['placements', 'workforce', 'send'], findings: [{ theme: 'placements', text: 'Too few local foster carers' }], actionRatings: ['done', 'at_risk'] as const },
  {
    hostName: 'Barnet',
    focusThemes: ['placements', 'early_help', 'send'],
    findings: [
      { theme: 'placements', text: 'Sufficiency plan lacks costed options' },
      { theme: 'early_help', text: 'Step-down is slow' },
    ],
    actionRatings: [null],
  },
  { hostName: 'Haringey', focusThemes: ['workforce', 'finance', 'care_leavers'], findings: [], actionRatings: [] },
]

describe('collective lessons', () => {
  const lessons = collectiveLessons(challenges)

  it('counts themes across top threes and findings, most shared first', () => {
    expect(lessons.challenges).toBe(3)
    expect(lessons.themes[0]).toMatchObject({ theme: 'placements', label: 'Placement sufficiency', inTopThree: ['Barnet', 'Camden'], foundIn: ['Barnet', 'Camden'] })
    expect(lessons.themes[0].findings).toHaveLength(2)
    const workforce = lessons.themes.find((t) => t.theme === 'workforce')!
    expect(workforce).toMatchObject({ inTopThree: ['Camden', 'Haringey'], foundIn: [], findings: [] })
    expect(lessons.themes.map((t) => t.theme).slice(-1)).toEqual(['finance'])
  })

  it('sums the action ratings', () => {
    expect(lessons.actions).toEqual({ on_track: 0, at_risk: 1, off_track: 0, done: 1, not_rated: 1 })
  })

  it('is empty for a cycle with no challenges yet', () => {
    expect(collectiveLessons([])).toEqual({ challenges: 0, themes: [], actions: { on_track: 0, at_risk: 0, off_track: 0, done: 0, not_rated: 0 } })
  })

  it('writes a CSV that spreadsheets open safely', () => {
    const csv = lessonsCsv(collectiveLessons([{ hostName: 'Camden', focusThemes: ['placements'], findings: [{ theme: 'placements', text: '=HYPERLINK("http://evil") "quoted", and\nmore' }], actionRatings: [] }]))
    expect(csv.startsWith('\uFEFFTheme,')).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[1]).toBe('Placement sufficiency,Camden,1,1,1,,')
    expect(lines[2]).toBe(`Placement sufficiency,,,,,Camden,"'=HYPERLINK(""http://evil"") ""quoted"", and\nmore"`)
    expect(csvCell('-1')).toBe("'-1")
    expect(csvCell(3)).toBe('3')
  })
})
