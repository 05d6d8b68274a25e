// `npm run bench:assessment`: a shared self-assessment with every section filled (about
// 30 KB of text) as another council's director reads it, and the section editor's autosave.
// Targets (issue item 10): page p95 < 50 ms, autosave p95 < 30 ms, on this 2-core machine,
// held to the runs at BENCH_CONNECTIONS (10) connections; one-connection runs give the
// latency of a single person on an idle hub.
//
// Everything is set up over HTTP through the real routes, as people would:
// 1. dcs.bromley starts Bromley's assessment (POST /councils/bromley/assessments), fills
//    every section through the autosave endpoint, sends it for sign-off, signs it off and
//    shares it with the region. dcs.bexley (another London council) reads it.
// 2. For autosave, the directors of Brent, Barnet and Islington each start their own draft
//    (these councils, like Bromley, have no demo assessment; each director edits only their
//    own council), giving 12 sections that hold a rich-text document (context, journey,
//    strengths, evidence): one a connection, so no two connections ever save the same
//    section. A draft, not Bromley's shared assessment: the first save to a shared one
//    starts a new revision, which is not what the editor does on every keystroke pause.
//
// The hub runs as a child process on a fresh database (bench/support.ts). Figures go to
// stdout as markdown and to bench/results/assessment.json (-postgresql.json on PostgreSQL).
// Knobs: those of bench/support.ts (BENCH_DURATION, BENCH_CONNECTIONS up to 12,
// BENCH_WARMUP, BENCH_OUT, BENCH_PROFILE_DIR, BENCH_DATABASE_URL).
import path from 'node:path'
import { completeAssessment, LAST_SECTION_PHRASE, narrative } from './assessment-content'
import { CONNECTIONS, DURATION_S, START_TIMEOUT_MS, WARMUP_S, profileArgs, resultsHead, resultsPath, root } from './support'
import { check, isClean, load, postForm, rssMb, runBench, signIn, waitHealthy, type CannonClient, type Hub, type LoadOptions, type RunResult } from './support'
import { markdownTable, round, runsTable, settingsLine, summariseRuns, writeResults, yes } from './support'

const OUT = resultsPath('assessment')
const OWNER = 'bromley'
const READER = 'dcs.bexley@example.org'
const AUTOSAVE_COUNCILS = ['brent', 'barnet', 'islington'] as const
const AUTOSAVE_SECTIONS = ['context', 'journey', 'strengths', 'evidence'] as const
const AUTOSAVE_CHARS = 5_000
const TARGETS = { pageP95Ms: 50, autosaveP95Ms: 30 }
const OVERALL_TIMEOUT_MS = 15 * 60_000
const director = (council: string) => `dcs.${council}@example.org`

// ---------------------------------------------------------------------------------------
// Set-up through the routes.

/** Starts this year's assessment as the council's director: its id, from the redirect. */
async function startAssessment(hub: Hub, cookie: string, council: string) {
  const res = await postForm(hub, `/councils/${council}/assessments`, cookie, { intent: 'start' })
  const id = /^\/assessments\/([a-z0-9]+)$/.exec(res.location ?? '')?.[1]
  if (res.status !== 302 || !id) throw new Error(`starting ${council}'s assessment answered ${res.status} → ${res.location}`)
  return id
}

/**
 * The version the section editor starts from, read from its form as the browser gets it
 * (0 for a section never saved; a new assessment's context already holds the headline data).
 */
async function editorVersion(hub: Hub, cookie: string, id: string, key: string) {
  const res = await fetch(`${hub.url}/assessments/${id}/sections/${key}`, { redirect: 'manual', headers: { cookie } })
  const version = /name="baseVersion" value="(\d+)"/.exec(await res.text())?.[1]
  if (res.status !== 200 || version === undefined) throw new Error(`the editor of ${key} in ${id} answered ${res.status} with no baseVersion`)
  return Number(version)
}

/** The answer of the autosave endpoint, which must be a save (200). */
async function autosave(hub: Hub, cookie: string, id: string, key: string, body: string) {
  const res = await fetch(`${hub.url}/assessments/${id}/sections/${key}/autosave`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: hub.url, cookie },
    body,
  })
  return { status: res.status, json: (await res.json()) as { ok: boolean; version?: number; error?: string; theirs?: { version: number } | null } }
}

async function statusChange(hub: Hub, cookie: string, id: string, form: Record<string, string>, done: string) {
  const res = await postForm(hub, `/assessments/${id}`, cookie, form)
  if (res.status !== 200 || !res.body.includes(done)) throw new Error(`${form.intent} on ${id} answered ${res.status}, not “${done}”`)
}

/** Bromley's assessment, complete, signed off and shared with the region: its id and text size. */
async function sharedAssessment(hub: Hub) {
  const cookie = await signIn(hub, director(OWNER))
  const id = await startAssessment(hub, cookie, OWNER)
  const sections = completeAssessment()
  for (const s of sections) {
    const baseVersion = String(await editorVersion(hub, cookie, id, s.key))
    const saved = await autosave(hub, cookie, id, s.key, new URLSearchParams({ baseVersion, ...s.fields }).toString())
    if (saved.status !== 200) throw new Error(`saving ${s.key} answered ${saved.status}: ${saved.json.error}`)
  }
  await statusChange(hub, cookie, id, { intent: 'submit_for_sign_off' }, 'Sent for sign-off. The director can now sign it off.')
  await statusChange(hub, cookie, id, { intent: 'sign_off' }, 'Signed off. You can now share it.')
  await statusChange(hub, cookie, id, { intent: 'share', scope: 'region' }, 'Shared. Readers can see the signed-off text')
  const text = sections.map((s) => s.text).join('')
  return { id, sections: sections.map((s) => ({ key: s.key, textChars: s.text.length })), textChars: text.length, textBytes: Buffer.byteLength(text) }
}

// ---------------------------------------------------------------------------------------
// Autosave slots: one section a connection, its version tracked from each answer.
type Slot = {
  route: string
  headers: Record<string, string>
  version: number
  edits: number
  /** The form an autosave sends: the whole section, with one word changed each time. */
  body(): string
}

async function autosaveSlots(hub: Hub): Promise<Slot[]> {
  const slots: Slot[] = []
  for (const council of AUTOSAVE_COUNCILS) {
    const cookie = await signIn(hub, director(council))
    const id = await startAssessment(hub, cookie, council)
    for (const key of AUTOSAVE_SECTIONS) {
      const mark = 'EDITMARK'
      const doc = narrative(slots.length + 100, AUTOSAVE_CHARS, { last: `Draft note ${mark}: to check with the head of service.` })
      const form = new URLSearchParams({ ...(key === 'journey' ? { rating: 'fair' } : {}), 'doc.json': JSON.stringify(doc) }).toString()
      const [before, after] = form.split(mark)
      const slot: Slot = {
        route: `/assessments/${id}/sections/${key}/autosave`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: hub.url, cookie },
        version: await editorVersion(hub, cookie, id, key),
        edits: 0,
        body: () => `baseVersion=${slot.version}&${before}${++slot.edits}${after}`,
      }
      slots.push(slot)
    }
  }
  return slots
}

/**
 * Brings a slot's version up to date with one save outside the measurement: a run stops
 * with a request in flight on each connection, which the hub may or may not have saved.
 * A 409 names the stored version; the save after it succeeds.
 */
async function settle(hub: Hub, slot: Slot) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await fetch(hub.url + slot.route, { method: 'POST', headers: slot.headers, body: slot.body() })
    const json = (await res.json()) as { version?: number; theirs?: { version: number } | null }
    if (res.status === 200 && json.version) {
      slot.version = json.version
      return
    }
    if (res.status !== 409 || !json.theirs) break
    slot.version = json.theirs.version
  }
  throw new Error(`autosave to ${slot.route} could not be brought up to date`)
}

const isSaved = (body: string) => body.startsWith('{"ok":true,')

/**
 * Autosave load. autocannon's per-connection `context` is reset before every request when a
 * client has only one request to loop over, so it cannot carry a version: instead each
 * connection gets, through `setupClient`, its own request whose `setupRequest` builds the
 * body from its slot's current version and whose `onResponse` stores the version the save
 * returned. Each connection has one request in flight at a time (no pipelining), so every
 * save starts from the version the previous one made: a 409 would be a bug, and counts
 * as non-2xx.
 */
function autosaveLoad(hub: Hub, slots: Slot[], seconds: number, connections: number, serverPid?: number) {
  let next = 0
  const setupClient = (client: CannonClient) => {
    const slot = slots[next++]
    client.setRequests([
      {
        method: 'POST',
        path: slot.route,
        headers: slot.headers,
        setupRequest: (request) => ({ ...request, body: slot.body() }),
        onResponse: (status, body) => {
          if (status === 200) slot.version = (JSON.parse(body) as { version: number }).version
        },
      },
    ])
  }
  const options: LoadOptions = { url: hub.url + slots[0].route, route: 'autosave', seconds, connections, verifyBody: isSaved, setupClient, serverPid }
  return load(options).then(async (r) => {
    await Promise.all(slots.slice(0, connections).map((s) => settle(hub, s)))
    return r
  })
}

// ---------------------------------------------------------------------------------------
runBench(OVERALL_TIMEOUT_MS, async (bench) => {
  const seedStartMs = await bench.seed()
  const hub = await bench.start('warn', profileArgs())
  await waitHealthy(hub, START_TIMEOUT_MS)

  console.log(`bench: ${director(OWNER)} fills, signs off and shares an assessment…`)
  const shared = await sharedAssessment(hub)
  const pagePath = `/assessments/${shared.id}`
  const reader = { cookie: await signIn(hub, READER) }
  const isPage = (body: string) => body.includes(LAST_SECTION_PHRASE)
  const page = await check(hub, pagePath, reader, isPage)
  console.log(`bench: ${pagePath}: ${shared.textChars} characters of text, ${page.bytes} B of HTML as ${READER}`)

  const slots = await autosaveSlots(hub)
  if (CONNECTIONS > slots.length) throw new Error(`BENCH_CONNECTIONS is at most ${slots.length}: one section a connection`)
  console.log(`bench: ${slots.length} draft sections ready for autosave (${AUTOSAVE_COUNCILS.join(', ')})`)

  const pageLoad = (seconds: number, connections: number, serverPid?: number) =>
    load({ url: hub.url + pagePath, seconds, connections, headers: reader, verifyBody: isPage, serverPid })

  console.log(`bench: warming up (${WARMUP_S} s per route)…`)
  await pageLoad(WARMUP_S, CONNECTIONS)
  await autosaveLoad(hub, slots, WARMUP_S, CONNECTIONS)

  const pid = hub.child.pid
  const runs: RunResult[] = []
  for (const [what, connections] of [
    ['page', CONNECTIONS],
    ['autosave', CONNECTIONS],
    ['page', CONNECTIONS],
    ['autosave', CONNECTIONS],
    ['page', 1],
    ['autosave', 1],
  ] as const) {
    const r = what === 'page' ? await pageLoad(DURATION_S, connections, pid) : await autosaveLoad(hub, slots, DURATION_S, connections, pid)
    runs.push(r)
    console.log(`bench: ${r.route} × ${connections}: ${r.requestsPerSec} req/s, p95 ${r.latencyMs.p95} ms, hub CPU ${r.serverCpuMsPerRequest} ms/request, non-2xx ${r.non2xx}`)
  }
  // The reader's session must still be good, and the page the same, after the runs.
  await check(hub, pagePath, reader, isPage)
  const serverRssMb = rssMb(pid)
  await bench.stop(hub)

  const pageSummary = summariseRuns(runs.filter((r) => r.route === pagePath), CONNECTIONS)
  const autosaveSummary = summariseRuns(runs.filter((r) => r.route === 'autosave'), CONNECTIONS)
  const pageAlone = summariseRuns(runs.filter((r) => r.route === pagePath), 1)
  const autosaveAlone = summariseRuns(runs.filter((r) => r.route === 'autosave'), 1)
  const clean = runs.every(isClean)
  const results = {
    ...resultsHead('assessment', bench, {
      reader: READER,
      owner: director(OWNER),
      autosave: `${AUTOSAVE_SECTIONS.join(', ')} of ${AUTOSAVE_COUNCILS.join(', ')} (drafts, one section a connection), ~${AUTOSAVE_CHARS} characters each`,
    }),
    firstStartWithSeedMs: round(seedStartMs),
    assessment: { ...shared, path: pagePath, htmlBytes: page.bytes },
    autosaveBodyBytes: Buffer.byteLength(slots[0].body()),
    runs,
    summary: { page: pageSummary, autosave: autosaveSummary, pageOneConnection: pageAlone, autosaveOneConnection: autosaveAlone, serverRssMbAfterLoad: serverRssMb, allResponsesValid: clean },
    // Held to the runs at CONNECTIONS; at one connection, for a single person on an idle hub.
    targets: {
      pageP95: { target: `< ${TARGETS.pageP95Ms} ms at ${CONNECTIONS} connections`, met: pageSummary.p95Ms < TARGETS.pageP95Ms },
      autosaveP95: { target: `< ${TARGETS.autosaveP95Ms} ms at ${CONNECTIONS} connections`, met: autosaveSummary.p95Ms < TARGETS.autosaveP95Ms },
      pageP95OneConnection: { target: `< ${TARGETS.pageP95Ms} ms at 1 connection`, met: pageAlone.p95Ms < TARGETS.pageP95Ms },
      autosaveP95OneConnection: { target: `< ${TARGETS.autosaveP95Ms} ms at 1 connection`, met: autosaveAlone.p95Ms < TARGETS.autosaveP95Ms },
    },
  }
  writeResults(OUT, results)

  const n = `${runs.filter((r) => r.route === 'autosave' && r.connections === CONNECTIONS).length}`
  console.log(`
## Self-assessment bench, ${results.date}

${settingsLine(results.machine)} Database: ${bench.databaseLabel}.

Page \`${pagePath}\` as ${READER}: ${shared.textChars.toLocaleString('en-GB')} characters of text in ${shared.sections.length} sections, ${page.bytes.toLocaleString('en-GB')} B of HTML. Autosave: ${results.autosaveBodyBytes.toLocaleString('en-GB')} B form, ~${AUTOSAVE_CHARS.toLocaleString('en-GB')} characters of text.

${runsTable(runs, { showConnections: true })}

${markdownTable(['measure', 'value', 'target', 'met'], 'lrll', [
  [`page req/s, ${CONNECTIONS} connections (mean of ${n})`, pageSummary.requestsPerSec, '', ''],
  [`page p95, ${CONNECTIONS} connections`, `${pageSummary.p95Ms} ms`, `< ${TARGETS.pageP95Ms} ms`, yes(results.targets.pageP95.met)],
  ['page p95, 1 connection', `${pageAlone.p95Ms} ms`, `(< ${TARGETS.pageP95Ms} ms)`, yes(results.targets.pageP95OneConnection.met)],
  [`autosave req/s, ${CONNECTIONS} connections (mean of ${n})`, autosaveSummary.requestsPerSec, '', ''],
  [`autosave p95, ${CONNECTIONS} connections`, `${autosaveSummary.p95Ms} ms`, `< ${TARGETS.autosaveP95Ms} ms`, yes(results.targets.autosaveP95.met)],
  ['autosave p95, 1 connection', `${autosaveAlone.p95Ms} ms`, `(< ${TARGETS.autosaveP95Ms} ms)`, yes(results.targets.autosaveP95OneConnection.met)],
  ['hub CPU per request, page / autosave (ms)', `${pageSummary.serverCpuMsPerRequest ?? '–'} / ${autosaveSummary.serverCpuMsPerRequest ?? '–'}`, '', ''],
  ['non-2xx responses, all runs', runs.reduce((s, r) => s + r.non2xx, 0), '0', yes(runs.every((r) => r.non2xx === 0))],
])}

Results written to ${path.relative(root, OUT)}.`)
  if (!clean) {
    console.error('bench: some responses were not a 200 page or a 200 save; figures are not valid')
    process.exitCode = 1
  }
})
