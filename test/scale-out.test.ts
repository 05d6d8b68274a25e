import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect, type Socket } from 'socket.io-client'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor } from './support/browser-less'
import { testDatabaseServer } from './support/database'
import { linkIn, outbox } from './support/outbox'
import { rooms } from '~/realtime/rooms'

const redisUrl = process.env.TEST_REDIS_URL || process.env.REDIS_URL

// Two instances behind a load balancer share one PostgreSQL and one Redis: an event
// published by one reaches sockets connected to the other.
describe.skipIf(!testDatabaseServer() || !redisUrl)('scaling out: two instances with Redis', () => {
  let a: TestHub
  let b: ChildProcess
  let bUrl: string
  let socket: Socket
  beforeAll(async () => {
    a = await startTestHub({ env: { REDIS_URL: redisUrl! } })
    b = spawn(process.execPath, [path.resolve(import.meta.dirname, '../scripts/start.mjs')], {
      env: { ...process.env, BASE_URL: 'http://127.0.0.1', NODE_ENV: 'production', DATABASE_URL: a.database.connectionString, REDIS_URL: redisUrl!, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SEED_DEMO: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const port = await new Promise<number>((resolve, reject) => {
      b.once('exit', (code) => reject(new Error(`second instance exited with ${code}`)))
      readline.createInterface({ input: b.stdout! }).on('line', (line) => {
        try {
          const entry = JSON.parse(line)
          if (entry.msg === 'improvement hub ready') resolve(entry.port)
        } catch {
          /* not a log line */
        }
      })
    })
    bUrl = `http://127.0.0.1:${port}`
  })
  afterAll(async () => {
    socket?.disconnect()
    if (b && b.exitCode === null) {
      b.kill('SIGTERM')
      await new Promise((r) => b.once('exit', r))
    }
    await a?.close()
  })

  it('an invitation accepted on instance A reaches a reader connected to instance B', async () => {
    const lead = new Visitor(bUrl)
    await lead.signIn('lead.london@example.org')
    socket = connect(bUrl, { transports: ['websocket'], extraHeaders: { cookie: lead.cookieHeader }, reconnection: false })
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve())
      socket.once('connect_error', reject)
    })
    const camden = await a.database.prisma.council.findUniqueOrThrow({ where: { slug: 'camden' } })
    expect(await socket.emitWithAck('join', rooms.council(camden.id))).toEqual({ ok: true })
    const events: unknown[] = []
    socket.on('people.changed', (p) => events.push(p))

    const director = new Visitor(a.url)
    await director.signIn('dcs.camden@example.org')
    await director.post('/invite', { email: 'scaled@camden.example', role: 'officer', councilId: camden.id })
    const link = linkIn(outbox(a.dataDir).filter((m) => m.to.includes('scaled@camden.example')).at(-1)!.text, '/invitations')
    expect((await new Visitor(a.url).post(link, { name: 'Scaled Out', password: 'correct-horse-battery', confirmPassword: 'correct-horse-battery' })).status).toBe(302)

    const until = Date.now() + 3000
    while (!events.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
    const user = await a.database.prisma.user.findUniqueOrThrow({ where: { email: 'scaled@camden.example' } })
    expect(events).toEqual([{ userId: user.id }])
  })

  it('a forum reply written on instance A reaches a thread reader on instance B, and presence spans both', async () => {
    const reader = new Visitor(bUrl)
    await reader.signIn('dcs.hackney@example.org')
    const onB = connect(bUrl, { transports: ['websocket'], extraHeaders: { cookie: reader.cookieHeader }, reconnection: false })
    await new Promise<void>((resolve, reject) => {
      onB.once('connect', () => resolve())
      onB.once('connect_error', reject)
    })
    const writer = new Visitor(a.url)
    await writer.signIn('dcs.camden@example.org')
    const started = await writer.post('/forums/london/new', { kind: 'discussion', title: 'Across instances', 'body.text': 'Opening' })
    const threadId = started.headers.get('location')!.split('/').pop()!
    const onA = connect(a.url, { transports: ['websocket'], extraHeaders: { cookie: writer.cookieHeader }, reconnection: false })
    await new Promise<void>((resolve) => onA.once('connect', () => resolve()))
    const changes: { change: number; post?: { html: string } }[] = []
    const presence: { count: number }[] = []
    onB.on('thread.change', (e) => changes.push(e))
    onB.on('presence', (p) => presence.push(p))
    expect(await onB.emitWithAck('join', rooms.thread(threadId))).toEqual({ ok: true })
    expect(await onA.emitWithAck('join', rooms.thread(threadId))).toEqual({ ok: true })
    expect((await writer.post(`/threads/${threadId}`, { intent: 'reply', 'body.text': 'Hello from A' })).status).toBe(303)
    const until = Date.now() + 3000
    while ((!changes.length || !presence.some((p) => p.count === 2)) && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
    onA.disconnect()
    onB.disconnect()
    expect(changes.map((c) => c.change)).toEqual([2])
    expect(changes[0].post?.html).toContain('Hello from A')
    expect(presence.some((p) => p.count === 2)).toBe(true)
  })
})
