import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor, html } from './support/browser-less'
import { seedDemoData } from '~/seed/seed.server'
import { DEMO_CURRENT_YEAR, seedDemoAssessments } from '~/seed/demo-assessments'
import { checkSectionContent, missingForSignOff, type SectionContent } from '~/self-assessment/sections'
import { STATUSES } from '~/self-assessment/status'
import type { Template } from '~/self-assessment/template'

let hub: TestHub
beforeAll(async () => {
  hub = await startTestHub()
})
afterAll(async () => {
  await hub?.close()
})

describe('demo data', () => {
  it('gives every demo account its own name, so a mention names one person', async () => {
    const names = (await hub.database.prisma.user.findMany({ select: { name: true } })).map((u) => u.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('has every demo account the README lists, with the demo password', async () => {
    const prisma = hub.database.prisma
    expect(await prisma.region.count()).toBe(9)
    expect(await prisma.council.count()).toBe(153)
    for (const email of [
      'admin@example.org',
      'lead.london@example.org',
      'lead.north-east@example.org',
      'lead.yorkshire-and-the-humber@example.org',
      'dcs.camden@example.org',
      'dcs.kingston-upon-hull@example.org',
      'dcs.bournemouth-christchurch-and-poole@example.org',
      'officer.camden@example.org',
      'member.camden@example.org',
    ]) {
      expect((await new Visitor(hub.url).post('/login', { email, password: 'demo-password' })).status, email).toBe(302)
    }
    expect(await prisma.user.count({ where: { email: { startsWith: 'dcs.' } } })).toBe(153)
  })

  it('marks demo figures and shows the demo banner on every page', async () => {
    expect(await hub.database.prisma.councilFigure.count({ where: { isDemo: false } })).toBe(0)
    const v = new Visitor(hub.url)
    expect(await html(await v.get('/login'))).toContain('data-testid="demo-banner"')
    await v.signIn('dcs.camden@example.org')
    const council = await html(await v.get('/councils/camden'))
    expect(council).toContain('data-testid="demo-banner"')
    expect(council).toContain('Demo figures')
  })

  it('has demo self-assessments in every status, valid and complete where signed off', async () => {
    const prisma = hub.database.prisma
    const camden = await prisma.selfAssessment.findFirst({
      where: { council: { slug: 'camden' }, year: DEMO_CURRENT_YEAR },
      include: { revisions: { orderBy: { number: 'asc' } } },
    })
    expect(camden?.shareScope).toBe('region')
    expect(camden?.sharedAt).toBeInstanceOf(Date)
    expect(camden?.revisions.map((r) => [r.number, r.status])).toEqual([
      [1, 'shared'],
      [2, 'draft'],
    ])
    expect(camden?.revisions[0].signedOffById).toBeTruthy()

    const statuses = await prisma.assessmentRevision.findMany({
      where: { assessment: { council: { region: { slug: { in: ['london', 'north-east'] } } } } },
      select: { status: true },
      distinct: ['status'],
    })
    expect(new Set(statuses.map((r) => r.status))).toEqual(new Set(STATUSES))
    expect(await prisma.selfAssessment.count({ where: { shareScope: 'all' } })).toBeGreaterThan(0)
    expect(await prisma.assessmentComment.count({ where: { parentId: null, resolvedAt: { not: null } } })).toBeGreaterThan(0)
    expect(await prisma.assessmentRead.count()).toBeGreaterThan(0)

    // Reserved for automated tests.
    expect(await prisma.selfAssessment.count({ where: { year: DEMO_CURRENT_YEAR, council: { slug: { in: ['barnet', 'bexley', 'brent', 'bromley', 'islington'] } } } })).toBe(0)
    expect(await prisma.selfAssessment.count({ where: { year: { gte: 2027 } } })).toBe(0)

    const assessments = await prisma.selfAssessment.findMany({ include: { revisions: { include: { sections: true } } } })
    for (const a of assessments) {
      const template = a.template as unknown as Template
      expect(a.revisions.filter((r) => r.status === 'shared').length).toBeLessThanOrEqual(1)
      for (const revision of a.revisions) {
        const contents = new Map<string, SectionContent>()
        for (const row of revision.sections) {
          const section = template.sections.find((s) => s.key === row.key)
          expect(section, row.key).toBeDefined()
          const checked = checkSectionContent(section!, template, row.content)
          expect(checked.ok, `${a.councilId} ${a.year} r${revision.number} ${row.key}`).toBe(true)
          if (checked.ok) {
            expect(checked.content).toEqual(row.content)
            // JSONB does not keep object key order, so enablers may come back in another order.
            if (section!.kind === 'enablers') expect(checked.text.split('\n').sort()).toEqual(row.text.split('\n').sort())
            else expect(checked.text).toBe(row.text)
            contents.set(row.key, checked.content)
          }
        }
        if (revision.status !== 'draft') expect(missingForSignOff(template, contents), `${a.councilId} ${a.year} r${revision.number}`).toEqual([])
      }
    }

    // Seeding again adds nothing and changes nothing.
    const sections = await prisma.assessmentSection.count()
    await seedDemoAssessments(prisma)
    expect(await prisma.assessmentSection.count()).toBe(sections)
    expect(await prisma.selfAssessment.count()).toBe(assessments.length)
  })

  it('seeding again changes nothing', async () => {
    const before = await hub.database.prisma.user.count()
    await seedDemoData(hub.database.prisma)
    expect(await hub.database.prisma.user.count()).toBe(before)
    expect(await hub.database.prisma.council.count()).toBe(153)
  })
})
