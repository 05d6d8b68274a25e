import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '~/auth/tokens.server'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor } from './support/browser-less'

let hub: TestHub
beforeAll(async () => {
  hub = await startTestHub()
})
afterAll(async () => {
  await hub?.close()
})

describe('signing in and out', () => {
  it('signs in with email and password, stores only the hash of the session token', async () => {
    const v = new Visitor(hub.url)
    const res = await v.signIn('DCS.Camden@example.org ')
    expect(res.headers.get('location')).toBe('/')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hub_session='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    const token = v.cookie('hub_session')!
    expect(token).toMatch(/^[a-z2-7]{32}$/)
    expect(await hub.database.prisma.session.findUnique({ where: { id: token } })).toBeNull()
    expect(await hub.database.prisma.session.findUnique({ where: { id: hashToken(token) } })).not.toBeNull()
    const home = await v.get('/')
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('Hello,')
  })

  it('refuses a wrong password with a clear message and keeps the email typed', async () => {
    const v = new Visitor(hub.url)
    const res = await v.post('/login', { email: 'officer.camden@example.org', password: 'wrong-password' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Enter a correct email address and password')
    // GOV.UK pattern: the title says there is an error, also without JavaScript.
    expect(html).toContain('<title>Error: Sign in – Improvement Hub</title>')
    expect(html).toContain('value="officer.camden@example.org"')
    expect(html).not.toContain('wrong-password')
  })

  it('sends people who are not signed in to the sign-in page, and back afterwards', async () => {
    const v = new Visitor(hub.url)
    const res = await v.get('/regions/london')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Fregions%2Flondon')
    const signedIn = await v.post('/login', { email: 'dcs.camden@example.org', password: 'demo-password', redirectTo: '/regions/london' })
    expect(signedIn.headers.get('location')).toBe('/regions/london')
    const offsite = await new Visitor(hub.url).post('/login', { email: 'dcs.camden@example.org', password: 'demo-password', redirectTo: '//evil.example' })
    expect(offsite.headers.get('location')).toBe('/')
  })

  it('signing out ends the session on the server', async () => {
    const v = new Visitor(hub.url)
    await v.signIn('member.camden@example.org')
    const token = v.cookie('hub_session')!
    const out = await v.post('/logout', {})
    expect(out.status).toBe(302)
    expect(await hub.database.prisma.session.findUnique({ where: { id: hashToken(token) } })).toBeNull()
    // The old cookie no longer works even if someone kept it.
    const replay = await fetch(`${hub.url}/`, { headers: { cookie: `hub_session=${token}` }, redirect: 'manual' })
    expect(replay.status).toBe(302)
  })

  it('extends a session that has under 15 days left (sliding expiry) and ends an expired one', async () => {
    const v = new Visitor(hub.url)
    await v.signIn('dcs.hackney@example.org')
    const id = hashToken(v.cookie('hub_session')!)
    const soon = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000)
    await hub.database.prisma.session.update({ where: { id }, data: { expiresAt: soon } })
    const res = await v.get('/')
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie().some((c) => c.startsWith('hub_session='))).toBe(true)
    const renewed = await hub.database.prisma.session.findUniqueOrThrow({ where: { id } })
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000)

    await hub.database.prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect((await v.get('/')).status).toBe(302)
    expect(await hub.database.prisma.session.findUnique({ where: { id } })).toBeNull()
  })

  it('a disabled account is signed out and cannot sign in', async () => {
    const v = new Visitor(hub.url)
    await v.signIn('dcs.islington@example.org')
    await hub.database.prisma.user.update({ where: { email: 'dcs.islington@example.org' }, data: { disabledAt: new Date() } })
    expect((await v.get('/')).status).toBe(302)
    const again = await new Visitor(hub.url).post('/login', { email: 'dcs.islington@example.org', password: 'demo-password' })
    expect(again.status).toBe(400)
  })
})

describe('throttling failed sign-ins', () => {
  it('locks an account after 5 failures, with a clear message, even with the right password', async () => {
    const v = new Visitor(hub.url)
    for (let i = 0; i < 4; i++) {
      expect((await v.post('/login', { email: 'dcs.barnet@example.org', password: `guess-${i}` })).status).toBe(400)
    }
    const fifth = await v.post('/login', { email: 'dcs.barnet@example.org', password: 'guess-5' })
    expect(fifth.status).toBe(429)
    expect(await fifth.text()).toMatch(/Too many failed attempts to sign in\. Wait 15 minutes/)
    const right = await v.post('/login', { email: 'dcs.barnet@example.org', password: 'demo-password' })
    expect(right.status).toBe(429)
    // Other accounts are not affected by one account's lock.
    expect((await v.post('/login', { email: 'dcs.brent@example.org', password: 'demo-password' })).status).toBe(302)
  })

  it('locks an address that fails across many accounts', async () => {
    await hub.database.prisma.signInThrottle.deleteMany()
    const v = new Visitor(hub.url)
    const statuses: number[] = []
    for (let i = 0; i < 101; i++) {
      statuses.push((await v.post('/login', { email: `nobody-${i}@example.org`, password: 'x' })).status)
    }
    expect(statuses.slice(0, 99).every((s) => s === 400)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    expect((await v.post('/login', { email: 'dcs.bexley@example.org', password: 'demo-password' })).status).toBe(429)
    await hub.database.prisma.signInThrottle.deleteMany()
  })
})

describe('your sessions and password', () => {
  it('lists your sessions, ends another one, and a password change ends all the others', async () => {
    const laptop = new Visitor(hub.url)
    const phone = new Visitor(hub.url)
    const tablet = new Visitor(hub.url)
    for (const v of [laptop, phone, tablet]) await v.signIn('dcs.ealing@example.org')
    const page = await (await laptop.get('/account')).text()
    expect(page.match(/data-testid="session-row"/g)).toHaveLength(3)

    const phoneId = hashToken(phone.cookie('hub_session')!)
    expect((await laptop.post('/account', { intent: 'end-session', sessionId: phoneId })).status).toBe(200)
    expect((await phone.get('/')).status).toBe(302)
    // Someone else's session id is not yours to end.
    const other = new Visitor(hub.url)
    await other.signIn('dcs.enfield@example.org')
    const otherId = hashToken(other.cookie('hub_session')!)
    expect((await laptop.post('/account', { intent: 'end-session', sessionId: otherId })).status).toBe(404)
    expect((await other.get('/')).status).toBe(200)

    const bad = await laptop.post('/account', { intent: 'change-password', currentPassword: 'nope', password: 'a-new-long-password', confirmPassword: 'a-new-long-password' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Your current password is not right')

    const short = await laptop.post('/account', { intent: 'change-password', currentPassword: 'demo-password', password: 'short', confirmPassword: 'short' })
    expect(short.status).toBe(400)
    expect(await short.text()).toContain('Password must be 12 characters or more')

    const ok = await laptop.post('/account', { intent: 'change-password', currentPassword: 'demo-password', password: 'a-new-long-password', confirmPassword: 'a-new-long-password' })
    expect(ok.status).toBe(200)
    expect((await tablet.get('/')).status).toBe(302)
    expect((await laptop.get('/')).status).toBe(200)
    expect((await new Visitor(hub.url).post('/login', { email: 'dcs.ealing@example.org', password: 'a-new-long-password' })).status).toBe(302)
  })
})
