import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../app/generated/prisma/client.ts'
import { applyMigrations } from './db/migrate.server.ts'
import type { Logger } from './logger.ts'

export type Database = {
  prisma: PrismaClient
  /** `embedded` is PGlite inside this process; `postgresql` a real server. */
  kind: 'embedded' | 'postgresql'
  /** A URL other tools (migrations, psql) can use while the hub runs. */
  connectionString: string
  /** Answers whether the database takes queries right now. */
  ping(): Promise<boolean>
  close(): Promise<void>
}

type Options = {
  databaseUrl?: string
  /** Folder for the embedded database; `memory` keeps it in memory (tests). */
  dataDir?: string | 'memory'
  logger?: Logger
  migrate?: boolean
}

/**
 * Opens the hub's database: PostgreSQL when a URL is given, otherwise an embedded
 * PostgreSQL (PGlite) served on a loopback port so the very same pg driver, adapter,
 * SQL and migrations are used either way (docs/decisions/002-embedded-database.md).
 */
export async function openDatabase(options: Options): Promise<Database> {
  const { logger } = options
  let connectionString: string
  let stopEmbedded: (() => Promise<void>) | undefined
  let poolSize: number

  if (options.databaseUrl) {
    connectionString = options.databaseUrl
    poolSize = 10
  } else {
    const embedded = await startEmbedded(options.dataDir ?? './.data')
    connectionString = embedded.connectionString
    stopEmbedded = embedded.stop
    // PGlite is a single session: one connection, queries queue behind each other.
    poolSize = 1
  }

  if (options.migrate !== false) {
    const { applied } = await applyMigrations(connectionString, { log: (m) => logger?.info(m) })
    if (applied.length) logger?.info('migrations applied', { applied })
  }

  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: options.databaseUrl ? 30_000 : 0,
  })
  // A dropped connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => logger?.error('database connection lost', { error }))
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })

  return {
    prisma,
    kind: options.databaseUrl ? 'postgresql' : 'embedded',
    connectionString,
    async ping() {
      try {
        const client = await pool.connect()
        try {
          await client.query('select 1')
          return true
        } finally {
          client.release()
        }
      } catch {
        return false
      }
    },
    async close() {
      await prisma.$disconnect().catch(() => {})
      await pool.end().catch(() => {})
      await stopEmbedded?.()
    },
  }
}

async function startEmbedded(dataDir: string | 'memory') {
  const { PGlite } = await import('@electric-sql/pglite')
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
  let db
  if (dataDir === 'memory') {
    db = await PGlite.create()
  } else {
    const dir = path.resolve(dataDir, 'pgdata')
    fs.mkdirSync(path.dirname(dir), { recursive: true })
    db = await PGlite.create(dir)
  }
  // Port 0: the OS picks a free loopback port, so several hubs (tests) can run at once.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 })
  await server.start()
  const port = Number(server.getServerConn().split(':').pop())
  return {
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop().catch(() => {})
      await db.close().catch(() => {})
    },
  }
}
