import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor, html } from './support/browser-less'
import { seedDemoData } from '~/seed/seed.server'

let hub: TestHub
beforeAll(async () => {
  hub = await startTestHub()
})
afterAll(async () => {
  await hub?.close()
})

describe('demo data', () => {
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

  it('seeding again changes nothing', async () => {
    const before = await hub.database.prisma.user.count()
    await seedDemoData(hub.database.prisma)
    expect(await hub.database.prisma.user.count()).toBe(before)
    expect(await hub.database.prisma.council.count()).toBe(153)
  })
})
