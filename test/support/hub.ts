import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readConfig } from '~/config.server'
import { seedDemoData } from '~/seed/seed.server'
import { createHubServer } from '../../server/app'
import { openDatabase, type Database } from '../../server/database'
import { createLogger } from '../../server/logger'
import { createScratchDatabase, testDatabaseServer } from './database'

export type TestHub = {
  url: string
  database: Database
  dataDir: string
  /** Ids by slug: councils as `camden`, regions as `region:london`. */
  ids(): Promise<Record<string, string>>
  close(): Promise<void>
}

/**
 * A whole hub (database, Remix build, Socket.IO) on a free port, seeded with demo data,
 * on the embedded database or on PostgreSQL (see test/support/database.ts).
 */
export async function startTestHub(options: { env?: Record<string, string> } = {}): Promise<TestHub> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-'))
  const server = testDatabaseServer()
  const scratch = server ? await createScratchDatabase(server) : undefined
  const logger = createLogger(process.env.TEST_LOG === '1' ? 'debug' : 'silent')
  const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: 'memory' })
  await seedDemoData(database.prisma)
  // Port 0 until we know the real one: BASE_URL must match for links and origin checks.
  const probe = await createHubServer({
    config: readConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0', ...options.env }),
    logger,
    database,
    demoMode: true,
    mode: 'production',
  })
  const port = await probe.listen(0, '127.0.0.1')
  const url = `http://127.0.0.1:${port}`
  // Re-point config at the real address (services are read per request).
  const { services, setServices } = await import('~/services.server')
  setServices({ ...services(), config: readConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, PORT: String(port), BASE_URL: url, ...options.env }) })
  return {
    url,
    database,
    dataDir,
    async ids() {
      const councils = await database.prisma.council.findMany({ select: { id: true, slug: true } })
      const regions = await database.prisma.region.findMany({ select: { id: true, slug: true } })
      return Object.fromEntries([...councils.map((c) => [c.slug, c.id]), ...regions.map((r) => [`region:${r.slug}`, r.id])])
    },
    async close() {
      await probe.close()
      await database.close()
      await scratch?.drop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
