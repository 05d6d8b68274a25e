// `npm run seed -- --reference`: loads the 9 regions and 153 councils (safe to repeat).
// `npm run seed -- --demo`: also demo figures and demo accounts (for a demo or test hub).
import { seedDemoData, seedReferenceData } from '../app/seed/seed.server.ts'
import { openCliDatabase } from './cli-database.ts'

const demo = process.argv.includes('--demo')
if (!demo && !process.argv.includes('--reference')) {
  console.error('Say what to seed: npm run seed -- --reference   (regions and councils)\n                  npm run seed -- --demo        (plus demo figures and accounts)')
  process.exit(2)
}
const { database } = await openCliDatabase()
const result = demo ? await seedDemoData(database.prisma) : await seedReferenceData(database.prisma)
console.log(`Seeded ${demo ? 'demo' : 'reference'} data:`, result)
await database.close()
