import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor } from './support/browser-less'
import { connected, join, socketsOf } from './support/sockets'
import { publish } from '~/realtime/publish.server'
import { rooms } from '~/realtime/rooms'

let hub: TestHub
let ids: Record<string, string>
beforeAll(async () => {
  hub = await startTestHub()
  ids = await hub.ids()
})
afterAll(async () => {
  closeAll()
  await hub?.close()
})

const { socketFor, signedInSocket, closeAll } = socketsOf(() => hub.url)

describe('realtime', () => {
  it('refuses a socket without a session, or with a dead one', async () => {
    await expect(connected(socketFor())).rejects.toThrow('unauthorised')
    await expect(connected(socketFor('hub_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'))).rejects.toThrow('unauthorised')
  })

  it('joins only rooms the policy allows, and receives only their events', async () => {
    const camden = await signedInSocket('dcs.camden@example.org')
    const gateshead = await signedInSocket('dcs.gateshead@example.org')

    expect(await join(camden.socket, rooms.council(ids.camden))).toEqual({ ok: true })
    expect(await join(camden.socket, rooms.region(ids['region:london']))).toEqual({ ok: true })
    expect(await join(gateshead.socket, rooms.council(ids.camden))).toEqual({ ok: false, error: 'forbidden' })
    expect(await join(gateshead.socket, rooms.region(ids['region:london']))).toEqual({ ok: false, error: 'forbidden' })
    expect(await join(gateshead.socket, rooms.council(ids.gateshead))).toEqual({ ok: true })
    expect(await join(gateshead.socket, 'user:someoneelse')).toEqual({ ok: false, error: 'forbidden' })
    expect(await join(gateshead.socket, 'session:anything')).toEqual({ ok: false, error: 'forbidden' })
    expect(await join(gateshead.socket, { not: 'a room' } as unknown as string)).toEqual({ ok: false, error: 'forbidden' })

    const camdenGot: unknown[] = []
    const gatesheadGot: unknown[] = []
    camden.socket.on('people.changed', (p) => camdenGot.push(p))
    gateshead.socket.on('people.changed', (p) => gatesheadGot.push(p))

    publish(rooms.council(ids.camden), 'people.changed', { userId: 'x' })
    publish(rooms.council(ids.gateshead), 'people.changed', { userId: 'y' })
    await new Promise((r) => setTimeout(r, 200))
    expect(camdenGot).toEqual([{ userId: 'x' }])
    expect(gatesheadGot).toEqual([{ userId: 'y' }])
  })

  it('publishes after the change commits: accepting an invitation tells the council room', async () => {
    const lead = await signedInSocket('lead.london@example.org')
    expect(await join(lead.socket, rooms.council(ids.hackney))).toEqual({ ok: true })
    const events: { userId: string }[] = []
    lead.socket.on('people.changed', (p) => events.push(p))

    await lead.visitor.post('/invite', { email: 'live@hackney.example', role: 'officer', councilId: ids.hackney })
    const { outbox, linkIn } = await import('./support/outbox')
    const link = linkIn(outbox(hub.dataDir).filter((m) => m.to.includes('live@hackney.example')).at(-1)!.text, '/invitations')
    await new Visitor(hub.url).post(link, { name: 'Live Person', password: 'correct-horse-battery', confirmPassword: 'correct-horse-battery' })
    await new Promise((r) => setTimeout(r, 200))
    const user = await hub.database.prisma.user.findUniqueOrThrow({ where: { email: 'live@hackney.example' } })
    expect(events).toEqual([{ userId: user.id }])
  })

  it('signing out disconnects that session’s sockets', async () => {
    const { socket, visitor } = await signedInSocket('officer.camden@example.org')
    const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)))
    await visitor.post('/logout', {})
    expect(await gone).toBe('io server disconnect')
  })
})
