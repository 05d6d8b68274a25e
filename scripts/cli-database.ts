// Opens the hub's database for a command-line script: PostgreSQL when DATABASE_URL is
// set, otherwise the embedded database in DATA_DIR (stop the running hub first: the
// embedded database belongs to one process at a time).
import { readConfig } from '../app/config.server.ts'
import { openDatabase } from '../server/database.ts'
import { createLogger } from '../server/logger.ts'
import { setServices } from '../app/services.server.ts'

export async function openCliDatabase(options: { migrate?: boolean } = {}) {
  const config = readConfig()
  const logger = createLogger(config.logLevel === 'silent' ? 'silent' : 'info', (line) => process.stderr.write(line + '\n'))
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger, migrate: options.migrate })
  setServices({ db: database.prisma, config, logger, publish: () => {}, endSessions: () => {}, recheckRoom: async () => {}, demoMode: false })
  return { config, logger, database }
}
