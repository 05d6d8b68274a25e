// The hub's one process: database, HTTP (Remix) and Socket.IO on one port.
import { readConfig } from '../app/config.server.ts'
import { isDemoInstall, isEmpty, seedDemoData } from '../app/seed/seed.server.ts'
import { ensureStandardSpaces } from '../app/forums/spaces.server.ts'
import { sendDigests } from '../app/forums/notifications.server.ts'
import { sendReviewReminders } from '../app/peer-challenge/reminders.server.ts'
import { createHubServer } from './app.ts'
import { openDatabase } from './database.ts'
import { createLogger } from './logger.ts'

const startedAt = performance.now()
const dev = process.argv.includes('--dev')
const config = readConfig()
const logger = createLogger(config.logLevel)

const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger })
if (config.seedDemo && (await isEmpty(database.prisma))) {
  const seeded = await seedDemoData(database.prisma)
  logger.info('demo data seeded', seeded)
}
// Installs made before the forums existed get their national and regional spaces.
await ensureStandardSpaces(database.prisma)
const demoMode = await isDemoInstall(database.prisma)
const hub = await createHubServer({ config, logger, database, demoMode, mode: dev ? 'development' : 'production' })
const port = await hub.listen(config.port, config.host)
logger.info('improvement hub ready', {
  url: config.baseUrl,
  port,
  database: database.kind,
  demo: demoMode,
  startupMs: Math.round(performance.now() - startedAt),
})

// The daily email digest: checked every hour; each person gets at most one a day, and
// several instances never send the same one twice (see sendDigests).
// Six-month review reminders ride the same hourly tick, claimed the same way.
const digests = setInterval(() => {
  sendDigests()
    .then(({ sent }) => sent && logger.info('digests sent', { sent }))
    .catch((error) => logger.error('digest run failed', { error }))
  sendReviewReminders()
    .then(({ sent }) => sent && logger.info('review reminders sent', { sent }))
    .catch((error) => logger.error('review reminder run failed', { error }))
}, 60 * 60 * 1000).unref()

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info('shutting down', { signal })
  const force = setTimeout(() => process.exit(1), 10_000).unref()
  clearInterval(digests)
  await hub.close().catch((error) => logger.error('closing the server failed', { error }))
  await database.close().catch((error) => logger.error('closing the database failed', { error }))
  clearTimeout(force)
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
