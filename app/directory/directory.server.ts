import { db } from '~/services.server'
import type { PrismaClient } from '~/generated/prisma/client'
import { COUNCIL_TYPE_LABELS, type CouncilTypeName } from './labels'
import type { RoleName } from '~/policy/policy'

// Regions and councils are reference data: read on almost every page, changed almost
// never (a reorganisation of local government). They are kept in memory for a minute;
// code that changes them calls forgetReferenceData(), and other instances catch up
// within the minute.
const REFERENCE_TTL_MS = 60_000
type Reference = {
  loadedAt: number
  regions: { id: string; name: string; slug: string }[]
  councils: { id: string; name: string; slug: string; type: CouncilTypeName; regionId: string }[]
}
const referenceCache = new WeakMap<PrismaClient, Promise<Reference>>()

function referenceData(): Promise<Reference> {
  const client = db()
  const cached = referenceCache.get(client)
  if (cached) return cached.then((r) => (Date.now() - r.loadedAt < REFERENCE_TTL_MS ? r : reload(client)))
  return reload(client)
}

function reload(client: PrismaClient): Promise<Reference> {
  const loading = Promise.all([
    client.region.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true } }),
    client.council.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true, type: true, regionId: true } }),
  ]).then(([regions, councils]) => ({ loadedAt: Date.now(), regions, councils }))
  referenceCache.set(client, loading)
  // A failed load must not stay cached.
  loading.catch(() => referenceCache.delete(client))
  return loading
}

export function forgetReferenceData() {
  referenceCache.delete(db())
}

export async function listRegions() {
  const { regions, councils } = await referenceData()
  return regions.map((r) => ({ ...r, councilCount: councils.filter((c) => c.regionId === r.id).length }))
}

export async function findRegionBySlug(slug: string) {
  return (await referenceData()).regions.find((r) => r.slug === slug) ?? null
}

export async function councilsByType(regionId: string) {
  const councils = (await referenceData()).councils.filter((c) => c.regionId === regionId)
  const groups = new Map<CouncilTypeName, typeof councils>()
  for (const c of councils) groups.set(c.type, [...(groups.get(c.type) ?? []), c])
  return (Object.keys(COUNCIL_TYPE_LABELS) as CouncilTypeName[])
    .filter((type) => groups.has(type))
    .map((type) => ({ type, label: COUNCIL_TYPE_LABELS[type], councils: groups.get(type)! }))
}

export async function findCouncilBySlug(slug: string) {
  return db().council.findUnique({
    where: { slug },
    select: {
      id: true,
      name: true,
      slug: true,
      type: true,
      regionId: true,
      region: { select: { id: true, name: true, slug: true } },
      figures: { orderBy: { key: 'asc' }, select: { key: true, label: true, value: true, period: true, isDemo: true } },
    },
  })
}

export type Person = { id: string; name: string; email: string; roles: RoleName[] }

const personSelect = { id: true, name: true, email: true, roles: { select: { role: true } } } as const
const toPerson = (u: { id: string; name: string; email: string; roles: { role: RoleName }[] }): Person => ({
  id: u.id,
  name: u.name,
  email: u.email,
  roles: u.roles.map((r) => r.role),
})

export async function councilPeople(councilId: string): Promise<Person[]> {
  const users = await db().user.findMany({ where: { councilId, disabledAt: null }, orderBy: { name: 'asc' }, select: personSelect })
  return users.map(toPerson)
}

export async function regionPeople(regionId: string) {
  const [leads, councils] = await Promise.all([
    db().user.findMany({
      where: { disabledAt: null, roles: { some: { role: 'region_lead', regionId } } },
      orderBy: { name: 'asc' },
      select: personSelect,
    }),
    db().council.findMany({
      where: { regionId },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, slug: true, users: { where: { disabledAt: null }, orderBy: { name: 'asc' }, select: personSelect } },
    }),
  ])
  return {
    leads: leads.map(toPerson),
    councils: councils.map((c) => ({ id: c.id, name: c.name, slug: c.slug, people: c.users.map(toPerson) })),
  }
}

export async function councilChoices() {
  return (await referenceData()).councils.map(({ id, name, regionId }) => ({ id, name, regionId }))
}
