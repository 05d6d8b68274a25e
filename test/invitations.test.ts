import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor, html } from './support/browser-less'
import { linkIn, outbox } from './support/outbox'

let hub: TestHub
let ids: Record<string, string>
beforeAll(async () => {
  hub = await startTestHub()
  ids = await hub.ids()
})
afterAll(async () => {
  await hub?.close()
})

const lastMailTo = (email: string) => outbox(hub.dataDir).filter((m) => m.to.includes(email)).at(-1)

describe('invitations', () => {
  it('a director invites a colleague, who accepts once and is signed in as a member of that council', async () => {
    const director = new Visitor(hub.url)
    await director.signIn('dcs.camden@example.org')
    const res = await director.post('/invite', { email: 'New.Officer@Camden.example', name: 'Nia Officer', role: 'officer', councilId: ids.camden })
    expect(res.status).toBe(200)
    expect(await html(res)).toContain('Invitation sent to new.officer@camden.example')

    const mail = lastMailTo('new.officer@camden.example')!
    expect(mail.subject).toContain('invited you to the Improvement Hub')
    const link = linkIn(mail.text, '/invitations')
    const invitee = new Visitor(hub.url)
    const form = await invitee.get(link)
    expect(form.status).toBe(200)
    expect(await html(form)).toContain('Camden')

    const mismatch = await invitee.post(link, { name: 'Nia Officer', password: 'correct-horse-battery', confirmPassword: 'something-else-entirely' })
    expect(mismatch.status).toBe(400)
    const mismatchHtml = await html(mismatch)
    expect(mismatchHtml).toContain('The passwords do not match')
    expect(mismatchHtml).toContain('value="Nia Officer"')

    const accepted = await invitee.post(link, { name: 'Nia Officer', password: 'correct-horse-battery', confirmPassword: 'correct-horse-battery' })
    expect(accepted.status).toBe(302)
    expect(accepted.headers.get('location')).toBe('/?welcome=1')
    const home = await html(await invitee.get('/'))
    expect(home).toContain('Nia Officer')
    const user = await hub.database.prisma.user.findUniqueOrThrow({ where: { email: 'new.officer@camden.example' }, include: { roles: true } })
    expect(user.councilId).toBe(ids.camden)
    expect(user.roles.map((r) => r.role)).toEqual(['officer'])
    expect(user.passwordHash).toMatch(/^\$argon2id\$/)

    // The link is single-use.
    const again = await new Visitor(hub.url).post(link, { name: 'Someone Else', password: 'correct-horse-battery', confirmPassword: 'correct-horse-battery' })
    expect(again.status).toBe(410)
    expect(await (await new Visitor(hub.url).get(link)).text()).toContain('already been used')
  })

  it('an expired invitation cannot be accepted', async () => {
    const lead = new Visitor(hub.url)
    await lead.signIn('lead.london@example.org')
    await lead.post('/invite', { email: 'late@hackney.example', role: 'director', councilId: ids.hackney })
    const link = linkIn(lastMailTo('late@hackney.example')!.text, '/invitations')
    await hub.database.prisma.invitation.updateMany({ where: { email: 'late@hackney.example' }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await (await new Visitor(hub.url).get(link)).text()).toContain('This invitation has expired')
    const post = await new Visitor(hub.url).post(link, { name: 'Late', password: 'correct-horse-battery', confirmPassword: 'correct-horse-battery' })
    expect(post.status).toBe(410)
    expect(await hub.database.prisma.user.findUnique({ where: { email: 'late@hackney.example' } })).toBeNull()
  })

  it('who may invite whom follows the policy', async () => {
    const director = new Visitor(hub.url)
    await director.signIn('dcs.camden@example.org')
    // Another council, even in the same region: refused, nothing stored.
    const other = await director.post('/invite', { email: 'x@hackney.example', role: 'officer', councilId: ids.hackney })
    expect(other.status).toBe(403)
    const regionLead = await director.post('/invite', { email: 'y@london.example', role: 'region_lead', regionId: ids['region:london'] })
    expect(regionLead.status).toBe(403)
    expect(await hub.database.prisma.invitation.count({ where: { email: { in: ['x@hackney.example', 'y@london.example'] } } })).toBe(0)

    const officer = new Visitor(hub.url)
    await officer.signIn('officer.camden@example.org')
    expect((await officer.get('/invite')).status).toBe(403)
    expect((await officer.post('/invite', { email: 'z@camden.example', role: 'officer', councilId: ids.camden })).status).toBe(403)

    const lead = new Visitor(hub.url)
    await lead.signIn('lead.london@example.org')
    expect((await lead.post('/invite', { email: 'colleague@london.example', role: 'region_lead', regionId: ids['region:london'] })).status).toBe(200)
    expect((await lead.post('/invite', { email: 'dcs@gateshead.example', role: 'director', councilId: ids.gateshead })).status).toBe(403)

    const admin = new Visitor(hub.url)
    await admin.signIn('admin@example.org')
    expect((await admin.post('/invite', { email: 'another.admin@example.org', role: 'admin' })).status).toBe(200)
    expect((await admin.post('/invite', { email: 'dcs@gateshead.example', role: 'director', councilId: ids.gateshead })).status).toBe(200)
  })

  it('bad invitation forms show the error next to the field and keep what was typed', async () => {
    const director = new Visitor(hub.url)
    await director.signIn('dcs.camden@example.org')
    const res = await director.post('/invite', { email: 'not-an-email', name: 'Typed Name', role: 'officer', councilId: ids.camden })
    expect(res.status).toBe(400)
    const page = await html(res)
    expect(page).toContain('Enter an email address in the correct format')
    expect(page).toContain('id="email-error"')
    expect(page).toContain('value="not-an-email"')
    expect(page).toContain('value="Typed Name"')

    const noRole = await director.post('/invite', { email: 'someone@camden.example', councilId: ids.camden })
    expect(noRole.status).toBe(400)
    expect(await html(noRole)).toContain('Select a role')

    const unknownCouncil = await director.post('/invite', { email: 'someone@camden.example', role: 'officer', councilId: 'doesnotexist' })
    expect(unknownCouncil.status).toBe(404)

    const existing = await director.post('/invite', { email: 'officer.camden@example.org', role: 'officer', councilId: ids.camden })
    expect(existing.status).toBe(409)
    expect(await html(existing)).toContain('already has an account')
    expect(await hub.database.prisma.invitation.count({ where: { email: { in: ['not-an-email', 'someone@camden.example', 'officer.camden@example.org'] } } })).toBe(0)
  })

  it('a pending invitation can be cancelled, after which its link is dead', async () => {
    const director = new Visitor(hub.url)
    await director.signIn('dcs.camden@example.org')
    await director.post('/invite', { email: 'changed.mind@camden.example', role: 'lead_member', councilId: ids.camden })
    const link = linkIn(lastMailTo('changed.mind@camden.example')!.text, '/invitations')
    const people = await html(await director.get('/councils/camden/people'))
    expect(people).toContain('changed.mind@camden.example')
    const inv = await hub.database.prisma.invitation.findFirstOrThrow({ where: { email: 'changed.mind@camden.example' } })

    // Someone from another council cannot cancel it.
    const stranger = new Visitor(hub.url)
    await stranger.signIn('dcs.hackney@example.org')
    expect((await stranger.post('/councils/camden/people', { intent: 'revoke', invitationId: inv.id })).status).toBe(403)

    expect((await director.post('/councils/camden/people', { intent: 'revoke', invitationId: inv.id })).status).toBe(200)
    expect(await (await new Visitor(hub.url).get(link)).text()).toContain('already been used')
    expect((await director.post('/councils/camden/people', { intent: 'revoke', invitationId: 'unknown-id' })).status).toBe(404)
  })
})
