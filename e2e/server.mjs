// Starts the hub for the browser tests (playwright.config.ts runs this as its webServer).
//
// - a fresh data folder under the system temp folder, deleted when this process ends;
// - with TEST_DATABASE_URL (or DATABASE_URL) set: a fresh PostgreSQL database
//   hub_e2e_<random> on that server, seeded with the demo data (SEED_DEMO=1) and dropped
//   when this process ends; otherwise the embedded database inside the data folder;
// - the data folder's path is written to test-results/e2e-data-dir.txt so the tests can
//   read the emails the hub writes to DATA_DIR/outbox/.
//
// The hub itself runs as a child process (`node scripts/start.mjs`, which builds when
// sources are newer than build/), so this process can drop the database after the hub
// has closed its connections. SIGTERM/SIGINT are forwarded to the hub.
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.E2E_PORT ?? 3210)
const baseUrl = `http://127.0.0.1:${port}`
const DATA_DIR_FILE = path.join(root, 'test-results', 'e2e-data-dir.txt')

const log = (message) => process.stderr.write(`[e2e server] ${message}\n`)

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-e2e-'))
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined
let database // { name, url } of the scratch PostgreSQL database, once created
let hub // the child process
let stopping = false
let cleanedUp = false

async function withAdmin(fn) {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

async function cleanUp() {
  if (cleanedUp) return
  cleanedUp = true
  if (database) {
    try {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`))
      log(`dropped database ${database.name}`)
    } catch (error) {
      log(`could not drop database ${database.name}: ${error.message}`)
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
}

async function finish(code) {
  await cleanUp()
  process.exit(code)
}

function onSignal(signal) {
  if (stopping) return
  stopping = true
  // Playwright signals the whole process group, so the hub usually has it already;
  // forwarding is harmless (the hub ignores a second one) and covers a lone `kill <pid>`.
  if (hub && hub.exitCode === null && hub.signalCode === null) hub.kill(signal)
  else void finish(0)
}
process.on('SIGTERM', () => onSignal('SIGTERM'))
process.on('SIGINT', () => onSignal('SIGINT'))

try {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: baseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  }
  delete env.SMTP_URL // emails must land in DATA_DIR/outbox/
  delete env.REDIS_URL
  delete env.TEST_DATABASE_URL
  if (serverUrl) {
    const name = `hub_e2e_${crypto.randomBytes(6).toString('hex')}`
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`))
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    database = { name, url: url.toString() }
    env.DATABASE_URL = database.url
    env.SEED_DEMO = '1'
    log(`created database ${name}`)
  } else {
    delete env.DATABASE_URL
  }
  fs.mkdirSync(path.dirname(DATA_DIR_FILE), { recursive: true })
  fs.writeFileSync(DATA_DIR_FILE, dataDir)

  if (stopping) await finish(0)
  hub = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: 'inherit' })
  hub.on('exit', (code, signal) => {
    if (!stopping) log(`the hub exited unexpectedly (code ${code}, signal ${signal})`)
    void finish(stopping ? 0 : (code ?? 1))
  })
} catch (error) {
  log(`could not start: ${error.stack ?? error}`)
  await finish(1)
}
