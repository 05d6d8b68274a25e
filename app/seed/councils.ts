import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { slugify, type CouncilTypeName } from '~/directory/labels'

export type CouncilRecord = { name: string; slug: string; region: string; regionSlug: string; type: CouncilTypeName }

const TYPES: Record<string, CouncilTypeName> = {
  'Shire county': 'shire_county',
  Unitary: 'unitary',
  'Metropolitan district': 'metropolitan_district',
  'London borough': 'london_borough',
}

/** Parses data/councils.csv (name,region,type; quoted fields may hold commas). */
export function parseCouncilsCsv(text: string): CouncilRecord[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim())
  const [header, ...rows] = lines
  if (header.trim() !== 'name,region,type') throw new Error('councils.csv: expected the header name,region,type')
  return rows.map((line, i) => {
    const cells = [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, 3)
    const [name, region, typeText] = cells
    const type = TYPES[typeText]
    if (!name || !region || !type) throw new Error(`councils.csv line ${i + 2}: expected a name, a region and a known type`)
    return { name, slug: slugify(name), region, regionSlug: slugify(region), type }
  })
}

export function loadCouncils(): CouncilRecord[] {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/councils.csv')
  return parseCouncilsCsv(fs.readFileSync(file, 'utf8'))
}
