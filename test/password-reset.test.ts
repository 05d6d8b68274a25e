import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor, html } from './support/browser-less'
import { linkIn } from './support/outbox'
import { startSmtpSink, type SmtpSink } from './support/smtp'

let hub: TestHub
let smtp: SmtpSink
beforeAll(async () => {
  smtp = await startSmtpSink()
  hub = await startTestHub({ env: { SMTP_URL: smtp.url } })
})
afterAll(async () => {
  await hub?.close()
  await smtp?.stop()
})

describe('password reset by email (through a real SMTP server)', () => {
  it('mails a single-use link that sets a new password and ends every session', async () => {
    const elsewhere = new Visitor(hub.url)
    await elsewhere.signIn('dcs.leeds@example.org')

    const res = await new Visitor(hub.url).post('/forgot-password', { email: 'DCS.Leeds@example.org' })
    expect(res.status).toBe(200)
    expect(await html(res)).toContain('Check your email')
    const mail = await smtp.waitFor((m) => m.to.includes('dcs.leeds@example.org'))
    expect(mail.subject).toBe('Reset your Improvement Hub password')
    const link = linkIn(mail.text, '/reset-password')

    const v = new Visitor(hub.url)
    expect(await html(await v.get(link))).toContain('Choose a new password')
    const mismatch = await v.post(link, { password: 'a-brand-new-password', confirmPassword: 'not-the-same-password' })
    expect(mismatch.status).toBe(400)
    const done = await v.post(link, { password: 'a-brand-new-password', confirmPassword: 'a-brand-new-password' })
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('/login?passwordReset=1')

    expect((await elsewhere.get('/')).status).toBe(302)
    expect((await new Visitor(hub.url).post('/login', { email: 'dcs.leeds@example.org', password: 'demo-password' })).status).toBe(400)
    expect((await new Visitor(hub.url).post('/login', { email: 'dcs.leeds@example.org', password: 'a-brand-new-password' })).status).toBe(302)

    const reuse = await new Visitor(hub.url).post(link, { password: 'yet-another-password', confirmPassword: 'yet-another-password' })
    expect(reuse.status).toBe(410)
    expect(await html(await new Visitor(hub.url).get(link))).toContain('expired or has already been used')
  })

  it('a link older than an hour no longer works', async () => {
    await new Visitor(hub.url).post('/forgot-password', { email: 'dcs.york@example.org' })
    const link = linkIn((await smtp.waitFor((m) => m.to.includes('dcs.york@example.org'))).text, '/reset-password')
    const user = await hub.database.prisma.user.findUniqueOrThrow({ where: { email: 'dcs.york@example.org' } })
    await hub.database.prisma.passwordReset.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1) } })
    const res = await new Visitor(hub.url).post(link, { password: 'a-brand-new-password', confirmPassword: 'a-brand-new-password' })
    expect(res.status).toBe(410)
  })

  it('says the same for unknown addresses and sends nothing', async () => {
    const before = smtp.messages.length
    const res = await new Visitor(hub.url).post('/forgot-password', { email: 'nobody-here@example.org' })
    expect(res.status).toBe(200)
    expect(await html(res)).toContain('If <strong>nobody-here@example.org</strong> has an account')
    await new Promise((r) => setTimeout(r, 200))
    expect(smtp.messages.length).toBe(before)
    const bad = await new Visitor(hub.url).post('/forgot-password', { email: 'not an email' })
    expect(bad.status).toBe(400)
    expect(await html(bad)).toContain('value="not an email"')
  })
})
