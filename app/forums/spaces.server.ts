import type { PrismaClient } from '~/generated/prisma/client'
import { db } from '~/services.server'
import { can, type Actor, type SpaceFacts } from '~/policy/policy'

// Discussion spaces: the national one and one per region always exist; private group
// spaces are made by region leads (later by peer-challenge cycles).

export const NATIONAL_SPACE_SLUG = 'national'

/** Creates the national space and one per region if missing. Cheap and safe to run on every start. */
export async function ensureStandardSpaces(prisma: PrismaClient) {
  const regions = await prisma.region.findMany({ select: { id: true, slug: true, name: true } })
  if (!regions.length) return
  await prisma.space.createMany({
    data: [
      { slug: NATIONAL_SPACE_SLUG, name: 'All members', description: 'Good practice and questions for every council in England.', scope: 'national' as const, regionId: null },
      ...regions.map((r) => ({ slug: r.slug, name: r.name, description: `For the councils of ${r.name} and the region's leads.`, scope: 'region' as const, regionId: r.id })),
    ],
    skipDuplicates: true,
  })
}

export type SpaceRow = {
  id: string
  slug: string
  name: string
  description: string
  scope: 'national' | 'region' | 'group'
  regionId: string | null
  councilIds: string[]
}

const spaceSelect = { id: true, slug: true, name: true, description: true, scope: true, regionId: true, councils: { select: { councilId: true } } } as const

type RawSpace = { id: string; slug: string; name: string; description: string; scope: SpaceRow['scope']; regionId: string | null; councils: { councilId: string }[] }
const toRow = (s: RawSpace): SpaceRow => ({ id: s.id, slug: s.slug, name: s.name, description: s.description, scope: s.scope, regionId: s.regionId, councilIds: s.councils.map((c) => c.councilId) })

export const spaceFacts = (s: Pick<SpaceRow, 'id' | 'scope' | 'regionId' | 'councilIds'>): SpaceFacts => ({
  kind: 'space',
  id: s.id,
  scope: s.scope,
  regionId: s.regionId,
  memberCouncilIds: s.councilIds,
})

export async function findSpaceBySlug(slug: string): Promise<SpaceRow | null> {
  const s = await db().space.findUnique({ where: { slug }, select: spaceSelect })
  return s ? toRow(s) : null
}

export async function findSpace(id: string): Promise<SpaceRow | null> {
  const s = await db().space.findUnique({ where: { id }, select: spaceSelect })
  return s ? toRow(s) : null
}

/** Every space, in a stable order: national, regions, then groups by name. Few enough to hold. */
export async function allSpaces(): Promise<SpaceRow[]> {
  const spaces = await db().space.findMany({ select: spaceSelect, orderBy: { name: 'asc' } })
  const order = { national: 0, region: 1, group: 2 }
  return spaces.map(toRow).sort((a, b) => order[a.scope] - order[b.scope] || a.name.localeCompare(b.name))
}

/** The spaces the policy lets this person read. Search, lists and notifications start here. */
export async function readableSpaces(actor: Actor): Promise<SpaceRow[]> {
  return (await allSpaces()).filter((s) => can(actor, 'view', spaceFacts(s)))
}

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
}

/** A private space for chosen councils of one region. Slugs are unique: a clash gets a number. */
export async function createGroupSpace(input: { regionId: string; name: string; description: string; councilIds: string[]; createdById: string }) {
  const base = slugify(input.name) || 'group'
  for (let n = 1; n < 50; n++) {
    const slug = n === 1 ? `group-${base}` : `group-${base}-${n}`
    try {
      return await db().space.create({
        data: {
          slug,
          name: input.name,
          description: input.description,
          scope: 'group',
          regionId: input.regionId,
          createdById: input.createdById,
          councils: { create: input.councilIds.map((councilId) => ({ councilId })) },
        },
        select: { id: true, slug: true },
      })
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002') throw error
    }
  }
  throw new Error('Could not find a free address for the space')
}
