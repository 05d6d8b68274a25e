import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'
import { io as connect } from 'socket.io-client'
import { Visitor } from './support/browser-less'

// The hub as `npm start` runs it, in its own process, on an embedded database folder.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-shutdown-'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function startHub() {
  const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../scripts/start.mjs')], {
    // Vitest puts BASE_URL=/ into the environment; the hub must not inherit it.
    env: { ...process.env, BASE_URL: '', DATABASE_URL: '', REDIS_URL: '', SMTP_URL: '', NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const lines: string[] = []
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)))
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line)
      if (line.includes('"improvement hub ready"')) resolve(JSON.parse(line).port)
    })
  })
  return { child, url: `http://127.0.0.1:${port}`, lines }
}

describe('stopping the hub', () => {
  it('on SIGTERM closes live sockets and the database, exits 0, and starts again on the same data', async () => {
    const hub = await startHub()
    const v = new Visitor(hub.url)
    await v.signIn('dcs.camden@example.org')
    const socket = connect(hub.url, { transports: ['websocket'], extraHeaders: { cookie: v.cookieHeader }, reconnection: false })
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve())
      socket.once('connect_error', reject)
    })
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)))
    const exited = new Promise<number | null>((resolve) => hub.child.once('exit', (code) => resolve(code)))
    hub.child.kill('SIGTERM')
    expect(await disconnected).toBe('io server disconnect')
    expect(await exited).toBe(0)
    expect(hub.lines.some((l) => l.includes('"shutting down"'))).toBe(true)

    // The embedded database was closed cleanly: the next start opens it with the data intact.
    const again = await startHub()
    expect(again.lines.some((l) => l.includes('demo data seeded'))).toBe(false)
    expect((await new Visitor(again.url).post('/login', { email: 'dcs.camden@example.org', password: 'demo-password' })).status).toBe(302)
    const stopped = new Promise<number | null>((resolve) => again.child.once('exit', (code) => resolve(code)))
    again.child.kill('SIGTERM')
    expect(await stopped).toBe(0)
  }, 120_000)
})
