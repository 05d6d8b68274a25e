// Applies prisma/migrations with the plain pg driver, keeping Prisma's own bookkeeping
// (`_prisma_migrations`) so `prisma migrate deploy` agrees wherever its native engine
// can be had (docs/decisions/003-offline-migrations.md).
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const DEFAULT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations')

// The advisory lock key Prisma's schema engine takes on PostgreSQL, so our runner and
// `prisma migrate deploy` also exclude each other.
const LOCK_KEY = 72707369

// Prisma's DDL, verbatim; IF NOT EXISTS because we create it on every run.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`

type Migration = { name: string; sql: string; checksum: string }
type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }

export async function applyMigrations(
  connectionString: string,
  options: { migrationsDir?: string; log?: (msg: string) => void } = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {})
  const migrations = await readMigrations(options.migrationsDir ?? DEFAULT_DIR)
  // One client only: embedded PGlite is a single session.
  const client = new pg.Client({ connectionString })
  // A dropped connection also rejects the pending query; without a listener it would crash the process.
  client.on('error', (error) => log(`migration connection error: ${error.message}`))
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY])
    try {
      return await applyPending(client, migrations, log)
    } finally {
      // Must not mask the real error; closing the session releases the lock anyway.
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {})
    }
  } finally {
    await client.end()
  }
}

async function applyPending(client: pg.Client, migrations: Migration[], log: (msg: string) => void) {
  await client.query(CREATE_TABLE)
  const { rows } = await client.query<Row>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  )

  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null)
  if (failed.length) {
    throw new Error(
      `Migration ${failed.map((r) => r.migration_name).join(', ')} failed earlier and is marked failed in ` +
        '_prisma_migrations, so no migration is applied (Prisma error P3009). Repair the database by hand, ' +
        'then mark it rolled back (`prisma migrate resolve --rolled-back <name>`, or ' +
        `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '<name>' AND finished_at IS NULL) ` +
        'and run again.',
    )
  }

  const byName = new Map(migrations.map((m) => [m.name, m]))
  const done = new Set<string>()
  for (const row of rows) {
    if (row.finished_at === null || row.rolled_back_at !== null) continue // rolled back: applies again
    done.add(row.migration_name)
    const migration = byName.get(row.migration_name)
    if (!migration) {
      log(`migration ${row.migration_name} is applied to the database but missing from the migrations folder`)
    } else if (row.checksum !== migration.checksum && !checksumMatches(migration.sql, row.checksum)) {
      throw new Error(
        `Migration ${row.migration_name} was edited after it was applied (its checksum differs from ` +
          '_prisma_migrations). Restore the file and put the change in a new migration.',
      )
    }
  }

  const applied: string[] = []
  for (const migration of migrations) {
    if (done.has(migration.name)) continue
    log(`applying migration ${migration.name}`)
    // The script and its bookkeeping row commit together or not at all, so a failure
    // leaves no half-applied migration (unlike Prisma, which records a failed row).
    await client.query('BEGIN')
    try {
      const id = randomUUID()
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 0)`,
        [id, migration.checksum, migration.name],
      )
      await client.query(migration.sql) // simple query protocol: runs a multi-statement script
      await client.query(
        'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
        [id],
      )
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, {
        cause: error,
      })
    }
    applied.push(migration.name)
  }
  return { applied }
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const lock = await fs.readFile(path.join(dir, 'migration_lock.toml'), 'utf8').catch(() => null)
  const provider = lock?.match(/^\s*provider\s*=\s*"([^"]*)"/m)?.[1]
  if (provider && provider !== 'postgresql') {
    throw new Error(`${dir}/migration_lock.toml is for ${provider}, not postgresql`)
  }
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  // Same order as Prisma: directory names compared with localeCompare.
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b))
  return Promise.all(
    names.map(async (name) => {
      const bytes = await fs.readFile(path.join(dir, name, 'migration.sql'))
      return { name, sql: bytes.toString('utf8'), checksum: checksum(bytes) }
    }),
  )
}

function checksum(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

// Like Prisma: a checkout with other line endings (git on Windows) still matches.
function checksumMatches(sql: string, expected: string): boolean {
  const lf = sql.replace(/\r\n/g, '\n')
  return [sql, lf, lf.replace(/\n/g, '\r\n')].some((s) => checksum(s) === expected)
}
