import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor, html } from './support/browser-less'
import http from 'node:http'

let hub: TestHub
let camden: Visitor
beforeAll(async () => {
  hub = await startTestHub()
  camden = new Visitor(hub.url)
  await camden.signIn('dcs.camden@example.org')
})
afterAll(async () => {
  await hub?.close()
})

const counts = async () => ({
  invitations: await hub.database.prisma.invitation.count(),
  users: await hub.database.prisma.user.count(),
})

describe('bad input gets a clear 4xx and changes nothing', () => {
  it('unknown ids give the GOV.UK-style 404 page', async () => {
    for (const path of ['/councils/atlantis', '/councils/atlantis/people', '/regions/atlantis', '/regions/atlantis/people', '/no/such/page', '/councils/%00', '/regions/%E2%80%AE']) {
      const res = await camden.get(path)
      expect(res.status, path).toBe(404)
      expect(await html(res), path).toContain('Page not found')
    }
  })

  it("another region's people are refused without showing them", async () => {
    const res = await camden.get('/councils/gateshead/people')
    expect(res.status).toBe(403)
    const page = await html(res)
    expect(page).toContain('You do not have access to this page')
    expect(page).not.toContain('dcs.gateshead@example.org')
    expect((await camden.get('/regions/north-east/people')).status).toBe(403)
    // The council itself is not secret: its public page shows, without a people link.
    const council = await html(await camden.get('/councils/gateshead'))
    expect(council).not.toContain('/councils/gateshead/people')
  })

  it('refuses an oversized body with 413 before reading it', async () => {
    const before = await counts()
    const huge = 'x'.repeat(2 * 1024 * 1024)
    const res = await camden.post('/invite', { email: 'big@camden.example', role: 'officer', name: huge })
    expect(res.status).toBe(413)
    expect(await html(res)).toContain('too large')
    expect(await counts()).toEqual(before)
  })

  it('refuses a body of unknown length (chunked) with 411', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${hub.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked', origin: hub.url },
      })
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode!)
      })
      req.on('error', reject)
      req.write('email=a')
      req.end('&password=b')
    })
    expect(status).toBe(411)
  })

  it('refuses broken bodies and unsupported content types', async () => {
    const before = await counts()
    const json = await camden.request('/invite', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email": broken' })
    expect(json.status).toBe(400)
    const text = await camden.request('/invite', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'email=x' })
    expect(text.status).toBe(415)
    const multipart = await camden.request('/invite', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nbroken' })
    expect(multipart.status).toBe(400)
    expect(await counts()).toEqual(before)
  })

  it('refuses cross-site form posts', async () => {
    const res = await camden.post('/invite', { email: 'csrf@camden.example', role: 'officer' }, { headers: { origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
    // Sandboxed frames send "null"; a malformed Origin is refused too, not a crash.
    for (const origin of ['null', 'not a url', 'http://']) {
      expect((await camden.post('/invite', { email: 'csrf@camden.example', role: 'officer' }, { headers: { origin } })).status, origin).toBe(403)
    }
    expect(await hub.database.prisma.invitation.count({ where: { email: 'csrf@camden.example' } })).toBe(0)
  })

  it('over-long and hostile field values are errors next to the field, nothing stored', async () => {
    const before = await counts()
    const res = await camden.post('/invite', { email: `${'a'.repeat(300)}@camden.example`, name: '<script>alert(1)</script>', role: 'officer' })
    expect(res.status).toBe(400)
    const page = await html(res)
    expect(page).toContain('Email address must be 254 characters or fewer')
    expect(page).not.toContain('<script>alert(1)</script>')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const role = await camden.post('/invite', { email: 'ok@camden.example', role: 'emperor' })
    expect(role.status).toBe(400)
    expect(await counts()).toEqual(before)
  })

  it('a session cookie that is not a token is simply signed out', async () => {
    for (const cookie of ['hub_session=../../etc/passwd', 'hub_session=', 'hub_session=' + 'a'.repeat(5000)]) {
      const res = await fetch(`${hub.url}/`, { headers: { cookie }, redirect: 'manual' })
      expect(res.status).toBe(302)
    }
  })
})

describe('health', () => {
  it('answers JSON with the database status', async () => {
    const res = await fetch(`${hub.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up' })
  })
})

describe('malformed addresses', () => {
  it('a badly encoded path is a 4xx, not a crash', async () => {
    const res = await camden.get('/councils/%ff%fe')
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })
})
