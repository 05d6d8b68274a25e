import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { applyMigrations } from './migrate.server.ts'

// A fresh in-memory PGlite behind pglite-socket: the same path the embedded hub uses.
let db: PGlite
let server: PGLiteSocketServer
let url: string

beforeAll(async () => {
  db = await PGlite.create()
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 })
  await server.start()
  const port = Number(server.getServerConn().split(':').pop())
  url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`
})

afterAll(async () => {
  await server?.stop()
  await db?.close()
})

describe('applyMigrations', () => {
  it('applies every migration once, with Prisma bookkeeping, and is idempotent', async () => {
    const first = await applyMigrations(url)
    expect(first.applied.length).toBeGreaterThan(0)
    expect(first.applied[0]).toMatch(/^\d{14}_init$/)

    const tables = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
    )
    expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['User', 'Council', 'Session']))

    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"',
    )
    expect(rows.rows.map((r) => r.migration_name)).toEqual(first.applied)
    for (const row of rows.rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/)
      expect(row.finished_at).not.toBeNull()
    }

    expect(await applyMigrations(url)).toEqual({ applied: [] })
  })

  it('refuses when an applied migration no longer matches its checksum', async () => {
    const { rows } = await db.query<{ id: string; checksum: string }>(
      'SELECT id, checksum FROM "_prisma_migrations" ORDER BY started_at LIMIT 1',
    )
    const [{ id, checksum }] = rows as [{ id: string; checksum: string }]
    await db.query('UPDATE "_prisma_migrations" SET checksum = $1 WHERE id = $2', ['0'.repeat(64), id])
    try {
      await expect(applyMigrations(url)).rejects.toThrow(/edited after it was applied/)
    } finally {
      await db.query('UPDATE "_prisma_migrations" SET checksum = $1 WHERE id = $2', [checksum, id])
    }
  })

  it('refuses while a failed migration is recorded', async () => {
    await db.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('failed-test', $1, '99990101000000_failed')`,
      ['0'.repeat(64)],
    )
    try {
      await expect(applyMigrations(url)).rejects.toThrow(/99990101000000_failed failed earlier/)
    } finally {
      await db.query(`DELETE FROM "_prisma_migrations" WHERE id = 'failed-test'`)
    }
    expect(await applyMigrations(url)).toEqual({ applied: [] })
  })
})
