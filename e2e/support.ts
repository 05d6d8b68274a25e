import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'

export const DEMO_PASSWORD = 'demo-password'

// ---------------------------------------------------------------------------------------
// Signing in

/** Signs in through the login form and waits for the home page (or `landing`). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, landing: string | RegExp = /\/$/) {
  await page.goto('/login')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(landing)
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
}

/**
 * Waits until the page has loaded and govuk-frontend's enhancements have run (they change
 * the markup axe sees): initAll() marks each component it sets up, the skip link included.
 */
export async function settle(page: Page) {
  await page.waitForLoadState('load')
  await page.waitForFunction(() => document.querySelector('.govuk-skip-link[data-govuk-skip-link-init]') !== null, undefined, { timeout: 10_000 })
}

// ---------------------------------------------------------------------------------------
// Accessibility: axe-core injected into the page (not @axe-core/playwright: it needs Node 22)

const requireCjs = createRequire(import.meta.url)
export const axeSource: string = (requireCjs('axe-core') as { source: string }).source

/**
 * The test function for axe-heavy specs: every page of the test's browser context gets
 * axe-core as an init script, which is cheaper than injecting it after each navigation.
 */
export const test = base.extend({
  // (`provide` is Playwright's `use`, renamed so the React hooks lint rule leaves it alone.)
  context: async ({ context }, provide) => {
    await context.addInitScript({ content: axeSource })
    await provide(context)
  },
})

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

type AxeNode = { target: unknown[]; html: string; failureSummary?: string }
type AxeViolation = { id: string; impact: 'minor' | 'moderate' | 'serious' | 'critical' | null; help: string; helpUrl: string; nodes: AxeNode[] }

function describe(v: AxeViolation) {
  const nodes = v.nodes.map((n) => `    - ${JSON.stringify(n.target)}\n      ${n.html.replace(/\s+/g, ' ').slice(0, 300)}`).join('\n')
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`
}

/**
 * Runs axe on the page as it is now. Fails the test on any serious or critical violation;
 * prints (and attaches to the report) the minor and moderate ones.
 */
export async function expectNoSeriousAxeViolations(page: Page, testInfo: TestInfo, label = page.url()) {
  await settle(page)
  // Pages without the init script (see `test` above) get axe now. page.evaluate runs
  // through the DevTools protocol, so the hub's CSP does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const violations = (await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return results.violations
  }, AXE_TAGS)) as AxeViolation[]

  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const others = violations.filter((v) => !blocking.includes(v))
  if (violations.length) {
    await testInfo.attach(`axe ${label}`, { body: JSON.stringify(violations, null, 2), contentType: 'application/json' })
  }
  if (others.length) console.log(`axe: ${others.length} minor/moderate issue(s) on ${label}\n${others.map(describe).join('\n')}`)
  expect(blocking.map((v) => v.id), `axe: serious or critical violations on ${label}\n${blocking.map(describe).join('\n')}`).toEqual([])
}

// ---------------------------------------------------------------------------------------
// The outbox: without SMTP_URL the hub writes each email to DATA_DIR/outbox/<…>.eml

/** The hub's DATA_DIR, written by e2e/server.mjs. */
export function dataDir(): string {
  if (process.env.E2E_DATA_DIR) return process.env.E2E_DATA_DIR
  const file = path.resolve(import.meta.dirname, '..', 'test-results', 'e2e-data-dir.txt')
  return fs.readFileSync(file, 'utf8').trim()
}

export type OutboxEmail = { file: string; to: string; subject: string; body: string }

function decodeQuotedPrintable(text: string) {
  const bytes = Buffer.from(
    text
      .replace(/=\r?\n/g, '') // soft line breaks
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  )
  return bytes.toString('utf8')
}

function decodeHeader(value: string) {
  // RFC 2047 encoded words, as nodemailer writes non-ASCII subjects.
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  )
}

/** Parses a single-part text email as nodemailer's stream transport writes it. */
export function parseEml(file: string, raw: string): OutboxEmail {
  const split = raw.search(/\r?\n\r?\n/)
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ') // unfold
  let body = raw.slice(split).replace(/^\r?\n\r?\n/, '')
  const header = (name: string) => head.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1].trim() ?? ''
  const encoding = header('Content-Transfer-Encoding').toLowerCase()
  if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  // Quoted-printable (and defensively any soft breaks or =3D left in a 7bit body).
  else body = decodeQuotedPrintable(body)
  return { file, to: decodeHeader(header('To')), subject: decodeHeader(header('Subject')), body }
}

export function readOutbox(): OutboxEmail[] {
  const dir = path.join(dataDir(), 'outbox')
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => parseEml(f, fs.readFileSync(path.join(dir, f), 'utf8')))
}

/** Waits for the newest email addressed to `to` (a few seconds at most) and returns it. */
export async function waitForEmail(to: string, timeout = 10_000): Promise<OutboxEmail> {
  const wanted = to.toLowerCase()
  let found: OutboxEmail | undefined
  await expect
    .poll(
      () => {
        found = readOutbox()
          .filter((m) => m.to.toLowerCase().replace(/^.*<|>.*$/g, '') === wanted)
          .at(-1)
        return !!found
      },
      { message: `an email to ${to} in ${path.join(dataDir(), 'outbox')}`, timeout },
    )
    .toBe(true)
  return found!
}

/** A unique address for this run, so reruns against a kept database never collide. */
export function uniqueEmail(prefix: string) {
  return `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`
}
