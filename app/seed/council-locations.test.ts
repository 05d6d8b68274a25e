import { describe, expect, it } from 'vitest'
import { councilLocations, parseCouncilLocations } from './council-locations'
import { loadCouncils } from './councils'
import { distanceKm } from '~/peer-challenge/pairing'

describe('council locations reference data', () => {
  it('has a location in England for every council, and no other names', () => {
    const councils = loadCouncils()
    const locations = councilLocations()
    expect([...locations.keys()].sort()).toEqual(councils.map((c) => c.name).sort())
    for (const [name, { lat, lon }] of locations) {
      // England runs from the Isles of Scilly (49.9, -6.3) to Berwick (55.8) and Lowestoft (1.8).
      expect(lat >= 49.8 && lat <= 55.9 && lon >= -6.5 && lon <= 1.8, name).toBe(true)
    }
    expect(locations.get('Bournemouth, Christchurch and Poole')).toEqual({ lat: 50.7192, lon: -1.8808 })
    expect(councilLocations()).toBe(locations)
  })

  it('puts each council near the rest of its region', () => {
    const councils = loadCouncils()
    const locations = councilLocations()
    // Far corners of big regions: Carlisle, Truro and Hugh Town are that far from the rest.
    const farCorners = new Set(['Cumberland', 'Cornwall', 'Isles of Scilly'])
    for (const region of new Set(councils.map((c) => c.region))) {
      const names = councils.filter((c) => c.region === region).map((c) => c.name)
      const points = names.map((n) => locations.get(n)!)
      const mean = { lat: points.reduce((s, p) => s + p.lat, 0) / points.length, lon: points.reduce((s, p) => s + p.lon, 0) / points.length }
      names.forEach((name, i) => {
        const km = distanceKm(points[i], mean)
        expect(km, `${name} is ${Math.round(km)} km from the middle of ${region}`).toBeLessThan(farCorners.has(name) ? 260 : 120)
        const nearest = Math.min(...points.filter((_, j) => j !== i).map((p) => distanceKm(points[i], p)))
        expect(nearest, `${name} is ${Math.round(nearest)} km from its nearest neighbour in ${region}`).toBeLessThan(110)
      })
    }
  })

  it('says which line is wrong', () => {
    expect(() => parseCouncilLocations('name,lat,lon\n')).toThrow('header')
    expect(() => parseCouncilLocations('name,latitude,longitude\nSomewhere,51.5\n')).toThrow('line 2: longitude')
    expect(() => parseCouncilLocations('name,latitude,longitude\nSomewhere,40,0\n')).toThrow('line 2: latitude')
    expect(() => parseCouncilLocations('name,latitude,longitude\nSomewhere,51,3.5\n')).toThrow('line 2: longitude')
    expect(() => parseCouncilLocations('name,latitude,longitude\nSomewhere,north,0\n')).toThrow('line 2: latitude')
    expect(() => parseCouncilLocations('name,latitude,longitude\nA,51,0\nA,52,0\n')).toThrow('line 3: A is listed twice')
    expect(parseCouncilLocations('name,latitude,longitude\n"A, B",51.5,-0.1\n').get('A, B')).toEqual({ lat: 51.5, lon: -0.1 })
  })
})
