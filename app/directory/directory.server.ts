import { db } from '~/services.server'
import { COUNCIL_TYPE_LABELS, type CouncilTypeName } from './labels'
import type { RoleName } from '~/policy/policy'

export async function listRegions() {
  const regions = await db().region.findMany({ orderBy: { name: 'asc' }, include: { _count: { select: { councils: true } } } })
  return regions.map((r) => ({ id: r.id, name: r.name, slug: r.slug, councilCount: r._count.councils }))
}

export async function findRegionBySlug(slug: string) {
  return db().region.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } })
}

export async function councilsByType(regionId: string) {
  const councils = await db().council.findMany({ where: { regionId }, orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true, type: true } })
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

export async function councilChoices(where: { regionId?: string } = {}) {
  return db().council.findMany({ where, orderBy: { name: 'asc' }, select: { id: true, name: true, regionId: true } })
}
