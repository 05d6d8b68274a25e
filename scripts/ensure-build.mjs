// Builds the Remix app when build/ is missing or older than its sources.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

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

export function ensureBuild({ quiet = false } = {}) {
  const at = (p) => newestMtime(path.join(root, p))
  const builtAt = at('build/server/index.js')
  const sourcesAt = Math.max(at('app'), at('public'), at('vite.config.ts'), at('package-lock.json'))
  if (builtAt && builtAt >= sourcesAt) return
  if (!quiet) console.log('Building the hub (first start or changed sources)…')
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], {
    cwd: root,
    stdio: quiet ? 'pipe' : 'inherit',
    // Under Vitest the config leaves out the Remix plugin, and NODE_ENV is 'test': the
    // build needs the plugin and must be a production build whoever asks for it.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST'))), NODE_ENV: 'production' },
  })
  if (result.status !== 0) {
    if (quiet) process.stderr.write(result.stdout + result.stderr)
    throw new Error('The build failed')
  }
}
