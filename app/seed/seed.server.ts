import type { PrismaClient } from '~/generated/prisma/client'
import { hashPassword } from '~/auth/password.server'
import { loadCouncils } from './councils'
import { seedDemoAssessments } from './demo-assessments'
import { seedDemoForums } from './demo-forums'
import { seedDemoChallenges } from './demo-challenges'
import { seeded } from './seeded'
import { ensureStandardSpaces } from '~/forums/spaces.server'

export const DEMO_PASSWORD = 'demo-password'

/** The 9 regions and 153 councils: real public reference data. Safe to run again. */
export async function seedReferenceData(prisma: PrismaClient) {
  const councils = loadCouncils()
  const regions = [...new Map(councils.map((c) => [c.regionSlug, c.region])).entries()]
  await prisma.region.createMany({ data: regions.map(([slug, name]) => ({ slug, name })), skipDuplicates: true })
  const regionIds = new Map((await prisma.region.findMany({ select: { id: true, slug: true } })).map((r) => [r.slug, r.id]))
  await prisma.council.createMany({
    data: councils.map((c) => ({ name: c.name, slug: c.slug, type: c.type, regionId: regionIds.get(c.regionSlug)! })),
    skipDuplicates: true,
  })
  await ensureStandardSpaces(prisma)
  return { regions: regions.length, councils: councils.length }
}


const FIRST = ['Alex', 'Sam', 'Jo', 'Priya', 'Tom', 'Aisha', 'Chris', 'Fiona', 'Kwame', 'Rachel', 'Imran', 'Helen', 'David', 'Mei', 'Owen', 'Grace', 'Nia', 'Marcus', 'Ruth', 'Daniel', 'Zainab', 'Liam', 'Sian', 'Farah']
const LAST = ['Morgan', 'Patel', 'Okafor', 'Hughes', 'Clarke', 'Khan', 'Evans', 'Walsh', 'Begum', 'Turner', 'Nguyen', 'Shah', 'Reid', 'Ellis', 'Davies', 'Osei', 'Fraser', 'Lowe', 'Mensah', 'Price']
// Names are unique across the demo accounts, so an @mention names one person.
const usedNames = new Set<string>()
const demoName = (key: string) => {
  for (let attempt = 0; ; attempt++) {
    const r = seeded(attempt ? `${key}#${attempt}` : key)
    const name = `${FIRST[Math.floor(r() * FIRST.length)]} ${LAST[Math.floor(r() * LAST.length)]}`
    if (!usedNames.has(name) || attempt > 50) {
      usedNames.add(name)
      return name
    }
  }
}

/**
 * Demo data for a fresh embedded database: reference data, synthetic headline figures
 * (marked as demo) and demo accounts that all use DEMO_PASSWORD.
 */
export async function seedDemoData(prisma: PrismaClient) {
  await seedReferenceData(prisma)
  const regions = await prisma.region.findMany({ select: { id: true, slug: true, name: true } })
  const councils = await prisma.council.findMany({ select: { id: true, slug: true, name: true } })
  // One hash for every demo account: argon2id is deliberately slow, 170 of them would not be.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  usedNames.clear()

  const figures = councils.flatMap((c) => {
    const r = seeded(c.slug)
    const children = Math.round(20_000 + r() * 280_000)
    return [
      { councilId: c.id, key: 'child_population', label: 'Children and young people aged 0 to 17', value: children, period: '2025', isDemo: true },
      { councilId: c.id, key: 'children_in_care_rate', label: 'Children in care per 10,000 children', value: Math.round(40 + r() * 90), period: '2025', isDemo: true },
      { councilId: c.id, key: 'cin_rate', label: 'Children in need per 10,000 children', value: Math.round(250 + r() * 250), period: '2025', isDemo: true },
    ]
  })
  await prisma.councilFigure.createMany({ data: figures, skipDuplicates: true })

  type Account = { email: string; name: string; councilId: string | null; role: 'admin' | 'region_lead' | 'director' | 'officer' | 'lead_member'; regionId: string | null }
  const camden = councils.find((c) => c.slug === 'camden')!
  const accounts: Account[] = [
    { email: 'admin@example.org', name: 'Nadia Admin', councilId: null, role: 'admin', regionId: null },
    ...regions.map((r) => ({ email: `lead.${r.slug}@example.org`, name: demoName(`lead-${r.slug}`), councilId: null, role: 'region_lead' as const, regionId: r.id })),
    ...councils.map((c) => ({ email: `dcs.${c.slug}@example.org`, name: demoName(`dcs-${c.slug}`), councilId: c.id, role: 'director' as const, regionId: null })),
    { email: 'officer.camden@example.org', name: demoName('officer-camden'), councilId: camden.id, role: 'officer', regionId: null },
    { email: 'member.camden@example.org', name: `Cllr ${demoName('member-camden')}`, councilId: camden.id, role: 'lead_member', regionId: null },
  ]
  await prisma.user.createMany({
    data: accounts.map((a) => ({ email: a.email, name: a.name, passwordHash, councilId: a.councilId })),
    skipDuplicates: true,
  })
  const ids = new Map((await prisma.user.findMany({ select: { id: true, email: true } })).map((u) => [u.email, u.id]))
  await prisma.roleGrant.createMany({
    data: accounts.map((a) => ({ userId: ids.get(a.email)!, role: a.role, regionId: a.regionId })),
    skipDuplicates: true,
  })
  await prisma.setting.upsert({ where: { key: 'demo' }, create: { key: 'demo', value: 'true' }, update: { value: 'true' } })
  await seedDemoAssessments(prisma)
  await seedDemoForums(prisma)
  await seedDemoChallenges(prisma)
  return { accounts: accounts.length, councils: councils.length, regions: regions.length }
}

export async function isDemoInstall(prisma: PrismaClient) {
  return (await prisma.setting.findUnique({ where: { key: 'demo' } }))?.value === 'true'
}

export async function isEmpty(prisma: PrismaClient) {
  return (await prisma.region.count()) === 0 && (await prisma.user.count()) === 0
}
