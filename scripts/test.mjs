// `npm test`: every check the hub has, in order: types, lint, build, unit and
// integration tests (Vitest), browser tests (Playwright in Debian's Chromium).
// Set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server to run them there.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuild } from './ensure-build.mjs'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
process.chdir(root)
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const results = path.join(root, 'test-results')
fs.mkdirSync(results, { recursive: true })

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`)
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed`)
    process.exit(r.status ?? 1)
  }
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!fs.existsSync(chromium)) {
  console.error(`The browser tests need Debian's Chromium at ${chromium}. Install it with:\n\n  sudo apt-get install -y chromium\n`)
  process.exit(1)
}

const where = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL ? 'PostgreSQL' : 'the embedded database'
console.log(`Running every test on ${where}.`)
run('Type check', bin('tsc'), ['--noEmit'])
run('Lint', bin('eslint'), ['.', '--max-warnings=0'])
console.log('\n▶ Build')
ensureBuild()
run('Unit and integration tests (Vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${path.join(results, 'vitest.json')}`])
run('Browser tests (Playwright, Chromium)', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(results, 'playwright.json') })

// One closing line with the real counts from both runners.
const vitest = JSON.parse(fs.readFileSync(path.join(results, 'vitest.json'), 'utf8'))
let passed = vitest.numPassedTests
let failed = vitest.numFailedTests
let skipped = vitest.numPendingTests + (vitest.numTodoTests ?? 0)
const pwFile = path.join(results, 'playwright.json')
if (fs.existsSync(pwFile)) {
  const stats = JSON.parse(fs.readFileSync(pwFile, 'utf8')).stats
  passed += stats.expected + (stats.flaky ?? 0)
  failed += stats.unexpected
  skipped += stats.skipped
}
console.log(`\nAll checks passed on ${where}.`)
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
