import { describe, expect, it } from 'vitest'
import { strongThemes } from './strengths'

describe('what a council is strong on', () => {
  it('reads good and great enabler ratings that match a theme', () => {
    expect(strongThemes({ enablerRatings: { workforce: 'great', partners: 'good', resources: 'fair', leadership: 'great' }, strengthsText: '' })).toEqual(['workforce', 'partnerships'])
  })

  it('reads themes named in the strengths', () => {
    expect(strongThemes({ enablerRatings: {}, strengthsText: 'Our fostering recruitment and our Care Leavers’ local offer; the MASH is praised.' })).toEqual(['front_door', 'placements', 'care_leavers', 'workforce'])
  })

  it('matches whole words only', () => {
    expect(strongThemes({ enablerRatings: {}, strengthsText: 'We are sending our plans' })).toEqual([])
  })
})
