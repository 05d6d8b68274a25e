import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// Where each council is, roughly (its main administrative town), for the pairing engine's
// travel distance: data/council-locations.csv, one row per council in data/councils.csv.

export type CouncilLocation = { lat: number; lon: number }

// Generous bounds around England (the Isles of Scilly are at -6.3).
const LAT = [49, 61] as const
const LON = [-8, 2] as const

/** Parses name,latitude,longitude (quoted names may hold commas), keyed by council name. */
export function parseCouncilLocations(text: string): Map<string, CouncilLocation> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim())
  const [header, ...rows] = lines
  if (header?.trim() !== 'name,latitude,longitude') throw new Error('council-locations.csv: expected the header name,latitude,longitude')
  const locations = new Map<string, CouncilLocation>()
  rows.forEach((line, i) => {
    const where = `council-locations.csv line ${i + 2}`
    const cells = [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, 3)
    const [name, latText, lonText] = cells
    const lat = Number(latText)
    const lon = Number(lonText)
    if (!name) throw new Error(`${where}: expected a council name`)
    if (!latText?.trim() || !Number.isFinite(lat) || lat < LAT[0] || lat > LAT[1]) throw new Error(`${where}: latitude must be a number from ${LAT[0]} to ${LAT[1]}`)
    if (!lonText?.trim() || !Number.isFinite(lon) || lon < LON[0] || lon > LON[1]) throw new Error(`${where}: longitude must be a number from ${LON[0]} to ${LON[1]}`)
    if (locations.has(name)) throw new Error(`${where}: ${name} is listed twice`)
    locations.set(name, { lat, lon })
  })
  return locations
}

let cached: Map<string, CouncilLocation> | undefined

/** Every council's location, read once from data/council-locations.csv. */
export function councilLocations(): Map<string, CouncilLocation> {
  if (!cached) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/council-locations.csv')
    cached = parseCouncilLocations(fs.readFileSync(file, 'utf8'))
  }
  return cached
}
