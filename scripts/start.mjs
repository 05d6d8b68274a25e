// `npm start`: builds the app when the build is missing or older than the sources, then
// runs the hub in this same process (no child processes to leave behind).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
process.chdir(root)
process.env.NODE_ENV ??= 'production'

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of fs.readdirSync(entry)) {
    if (child === 'generated') continue
    newest = Math.max(newest, newestMtime(path.join(entry, child)))
  }
  return newest
}

const builtAt = newestMtime('build/server/index.js')
const sourcesAt = Math.max(newestMtime('app'), newestMtime('vite.config.ts'), newestMtime('package-lock.json'))
if (!builtAt || sourcesAt > builtAt) {
  console.log('Building the hub (first start or changed sources)…')
  const result = spawnSync(process.execPath, ['node_modules/@remix-run/dev/dist/cli.js', 'vite:build'], { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const { register } = await import('tsx/esm/api')
register()
await import('../server/index.ts')
