// Configuration for the Prisma CLI (generate). Migrations are applied by our own
// runner (scripts/migrate.ts) because the CLI's native schema engine cannot be
// downloaded here; see docs/decisions/003-offline-migrations.md.
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/improvement_hub' },
})
