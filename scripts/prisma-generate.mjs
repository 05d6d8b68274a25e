// Runs `prisma generate` without letting the Prisma CLI download its native schema
// engine (this project's machines reach only the npm registry). Generation does not
// need the engine; pointing the CLI at a stub that refuses to run keeps any command that
// would need it failing loudly instead of pretending to succeed.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const stub = path.join(root, 'scripts', 'no-schema-engine.sh')
const result = spawnSync('npx', ['prisma', 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
})
process.exit(result.status ?? 1)
