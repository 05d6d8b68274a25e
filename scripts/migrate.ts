// `npm run migrate`: applies pending migrations (the hub also does this on start).
import { openCliDatabase } from './cli-database.ts'

const { database } = await openCliDatabase({ migrate: true })
console.log(`Migrations are up to date (${database.kind} database).`)
await database.close()
