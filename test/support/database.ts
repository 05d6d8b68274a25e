import crypto from 'node:crypto'
import pg from 'pg'

/**
 * Where tests keep their data: PostgreSQL when TEST_DATABASE_URL (or DATABASE_URL) names
 * a server, each test file in a database of its own made here and dropped after; otherwise
 * an in-memory embedded database.
 */
export function testDatabaseServer(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined
}

export async function createScratchDatabase(serverUrl: string) {
  const name = `hub_test_${crypto.randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await c.end()
    },
  }
}
