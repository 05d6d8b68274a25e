import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor, html } from './support/browser-less'
import { testDatabaseServer } from './support/database'

// Losing the database: needs a real PostgreSQL server we can cut off and restore.
describe.skipIf(!testDatabaseServer())('when the database goes away (PostgreSQL)', () => {
  let hub: TestHub
  let admin: pg.Client
  let dbName: string
  beforeAll(async () => {
    hub = await startTestHub()
    dbName = new URL(hub.database.connectionString).pathname.slice(1)
    admin = new pg.Client({ connectionString: testDatabaseServer() })
    await admin.connect()
  })
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`).catch(() => {})
    await admin?.end()
    await hub?.close()
  })

  it('answers 503 and a clear page while it is gone, and recovers when it is back', async () => {
    const v = new Visitor(hub.url)
    await v.signIn('dcs.camden@example.org')
    await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`)
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [dbName])

    const health = await fetch(`${hub.url}/healthz`)
    expect(health.status).toBe(503)
    expect(await health.json()).toMatchObject({ status: 'unavailable', database: 'down' })
    const page = await v.get('/regions/london')
    expect(page.status).toBe(503)
    expect(await html(page)).toContain('the service is unavailable')

    await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`)
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200)
    const back = await v.get('/regions/london')
    expect(back.status).toBe(200)
  })
})
