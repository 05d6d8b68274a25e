// `npm run bench`: cold start of the built hub, and the throughput of a real page (a
// region, signed in) against a bare Remix route (/ping), the framework's ceiling.
// The hub runs as a child process on 127.0.0.1 with a fresh embedded database in the
// system temp folder; the child is always stopped, even on error. Figures go to stdout
// as a markdown table and to bench/results/region-page.json (docs/PERFORMANCE.md).
//
// Knobs (environment): BENCH_COLD_STARTS (5), and those of bench/support.ts: BENCH_DURATION
// (s per measured run, 10), BENCH_CONNECTIONS (10), BENCH_WARMUP (s per route, 10: with 3 s
// the first region run came out up to 2× slower than the second, the hub still warming up),
// BENCH_OUT (JSON path), BENCH_PROFILE_DIR (run the measured server with --cpu-prof into that
// folder), BENCH_DATABASE_URL (PostgreSQL).
import path from 'node:path'
import { DURATION_S, START_TIMEOUT_MS, WARMUP_S, num, profileArgs, resultsHead, resultsPath, root } from './support'
import { check, cpuMs, isClean, load, rssMb, runBench, signIn, sleep, waitHealthy, type RunResult } from './support'
import { markdownTable, mean, median, round, runsTable, settingsLine, writeResults, yes } from './support'

const COLD_STARTS = num('BENCH_COLD_STARTS', 5)
const OUT = resultsPath('region-page')
const USER = 'dcs.camden@example.org'
const REGION_PATH = '/regions/london'
const TARGETS = { ratio: 0.5, coldStartMs: 5_000 }
// Everything (build aside) must fit in this; then the children are killed and we exit.
const OVERALL_TIMEOUT_MS = 15 * 60_000

const isRegionPage = (body: string) => body.includes('<h1 class="govuk-heading-xl">London</h1>')
const isPong = (body: string) => body === 'pong'
// A document with no loader and no database, signed out: the framework's ceiling for a page.
const STATIC_PAGE = '/cookies'
const isStaticPage = (body: string) => body.includes('<h1 class="govuk-heading-xl">Cookies</h1>')

// ---------------------------------------------------------------------------------------
runBench(OVERALL_TIMEOUT_MS, async (bench) => {
  // 1. First start on an empty folder: migrations and demo data.
  const seedStartMs = await bench.seed()

  // 2. Cold starts on the seeded folder.
  const cold: { ms: number; cpuMs: number | null; startupMs: number | null; exit: unknown }[] = []
  for (let i = 0; i < COLD_STARTS; i++) {
    const hub = await bench.start('info')
    const ms = await waitHealthy(hub, START_TIMEOUT_MS)
    const cpuToReady = cpuMs(hub.child.pid)
    // scripts/start.mjs rebuilds when sources changed since the build (someone editing
    // app/ meanwhile): that start timed a build, not a cold start.
    if (hub.output.some((l) => l.includes('Building the hub'))) {
      throw new Error('the hub rebuilt itself during a cold start (sources changed while benchmarking); run the bench again')
    }
    // The ready line is written just before listening; give the pipe a moment.
    for (let t = 0; t < 20 && !hub.ready; t++) await sleep(25)
    const exit = await bench.stop(hub)
    cold.push({ ms: round(ms), cpuMs: cpuToReady, startupMs: hub.ready?.startupMs ?? null, exit })
    console.log(
      `bench: cold start ${i + 1}/${COLD_STARTS}: ${round(ms)} ms (hub CPU ${cpuToReady ?? '?'} ms; in-process startupMs ${hub.ready?.startupMs ?? '?'})`,
    )
    if (exit.code !== 0) throw new Error(`the hub did not stop cleanly on SIGTERM: ${JSON.stringify(exit)}`)
  }

  // 3. Throughput, with LOG_LEVEL=warn so request logging does not count.
  const hub = await bench.start('warn', profileArgs())
  await waitHealthy(hub, START_TIMEOUT_MS)
  const cookie = await signIn(hub, USER)
  const signedIn = { cookie }
  const ping = await check(hub, '/ping', {}, isPong)
  const region = await check(hub, REGION_PATH, signedIn, isRegionPage)
  console.log(`bench: signed in as ${USER}; /ping ${ping.bytes} B, ${REGION_PATH} ${region.bytes} B`)

  console.log(`bench: warming up (${WARMUP_S} s per route)…`)
  await load({ url: hub.url + '/ping', seconds: WARMUP_S, verifyBody: isPong })
  await load({ url: hub.url + REGION_PATH, seconds: WARMUP_S, headers: signedIn, verifyBody: isRegionPage })
  await load({ url: hub.url + STATIC_PAGE, seconds: WARMUP_S, verifyBody: isStaticPage })

  const runs: RunResult[] = []
  for (const [route, headers, verify] of [
    ['/ping', {}, isPong],
    [STATIC_PAGE, {}, isStaticPage],
    [REGION_PATH, signedIn, isRegionPage],
    ['/ping', {}, isPong],
    [STATIC_PAGE, {}, isStaticPage],
    [REGION_PATH, signedIn, isRegionPage],
  ] as const) {
    const r = await load({ url: hub.url + route, seconds: DURATION_S, headers, verifyBody: verify, serverPid: hub.child.pid })
    runs.push(r)
    console.log(`bench: ${route}: ${r.requestsPerSec} req/s, p95 ${r.latencyMs.p95} ms, hub CPU ${r.serverCpuMsPerRequest} ms/request`)
  }
  // The session must still be good after the runs (no redirect to /login midway).
  await check(hub, REGION_PATH, signedIn, isRegionPage)
  const serverRssMb = rssMb(hub.child.pid)
  await bench.stop(hub)

  // 4. Summary.
  const pings = runs.filter((r) => r.route === '/ping')
  const regions = runs.filter((r) => r.route === REGION_PATH)
  const bareRps = mean(pings.map((r) => r.requestsPerSec))
  const regionRps = mean(regions.map((r) => r.requestsPerSec))
  const ratio = regionRps / bareRps
  const staticRps = mean(runs.filter((r) => r.route === STATIC_PAGE).map((r) => r.requestsPerSec))
  const ratioToStaticPage = regionRps / staticRps
  const cpuPerRequest = (rs: RunResult[]) =>
    rs.every((r) => r.serverCpuMsPerRequest !== null) ? mean(rs.map((r) => r.serverCpuMsPerRequest!)) : null
  const bareCpu = cpuPerRequest(pings)
  const regionCpu = cpuPerRequest(regions)
  const coldMs = cold.map((c) => c.ms)
  const clean = runs.every(isClean)
  const results = {
    ...resultsHead('region-page', bench, { coldStarts: COLD_STARTS, user: USER, regionPath: REGION_PATH }),
    coldStart: {
      firstStartWithSeedMs: round(seedStartMs),
      runsMs: coldMs,
      /** The hub's CPU time (user + system, all threads) from spawn to ready: barely moved by other load. */
      cpuMsToReady: cold.map((c) => c.cpuMs),
      /** `startupMs` of the hub's ready log line: from server/index.ts's first line, so without Node boot, tsx and imports. */
      inProcessStartupMs: cold.map((c) => c.startupMs),
      medianMs: round(median(coldMs)),
      maxMs: round(Math.max(...coldMs)),
    },
    runs,
    summary: {
      bareRequestsPerSec: round(bareRps),
      regionRequestsPerSec: round(regionRps),
      bareP95Ms: round(mean(pings.map((r) => r.latencyMs.p95)), 2),
      regionP95Ms: round(mean(regions.map((r) => r.latencyMs.p95)), 2),
      ratio: round(ratio, 3),
      staticPageRequestsPerSec: round(staticRps),
      /** region ÷ a static document page (root layout, no loader, no database). */
      ratioToStaticPage: round(ratioToStaticPage, 3),
      bareServerCpuMsPerRequest: bareCpu === null ? null : round(bareCpu, 2),
      regionServerCpuMsPerRequest: regionCpu === null ? null : round(regionCpu, 2),
      /** bare CPU per request ÷ region CPU per request: the ratio the hub's own costs predict. */
      cpuCostRatio: bareCpu && regionCpu ? round(bareCpu / regionCpu, 3) : null,
      responseBytes: { ping: ping.bytes, region: region.bytes },
      serverRssMbAfterLoad: serverRssMb,
      allResponsesValid: clean,
    },
    targets: {
      ratio: { target: `>= ${TARGETS.ratio}`, met: ratio >= TARGETS.ratio },
      coldStart: { target: `< ${TARGETS.coldStartMs} ms (max of runs)`, met: Math.max(...coldMs) < TARGETS.coldStartMs },
    },
  }
  writeResults(OUT, results)

  console.log(`
## Region page bench, ${results.date}

${settingsLine(results.machine)}

${runsTable(runs)}

${markdownTable(['measure', 'value', 'target', 'met'], 'lrll', [
  ['bare `/ping` req/s (mean of 2)', round(bareRps), '', ''],
  [`\`${REGION_PATH}\` req/s (mean of 2)`, round(regionRps), '', ''],
  ['region / bare throughput', round(ratio, 3), `≥ ${TARGETS.ratio}`, yes(results.targets.ratio.met)],
  [`static page \`${STATIC_PAGE}\` req/s (mean of 2)`, round(staticRps), '', ''],
  ['region / static page throughput', round(ratioToStaticPage, 3), '', ''],
  [
    'hub CPU per request, bare / region (ms)',
    `${results.summary.bareServerCpuMsPerRequest ?? '–'} / ${results.summary.regionServerCpuMsPerRequest ?? '–'} (ratio ${results.summary.cpuCostRatio ?? '–'})`,
    '',
    '',
  ],
  [`cold start, median of ${COLD_STARTS} (spawn → first 200 from /healthz)`, `${results.coldStart.medianMs} ms`, '', ''],
  [`cold start, max of ${COLD_STARTS}`, `${results.coldStart.maxMs} ms`, `< ${TARGETS.coldStartMs} ms`, yes(results.targets.coldStart.met)],
  [`hub CPU time to ready, median of ${COLD_STARTS}`, cold.every((c) => c.cpuMs !== null) ? median(cold.map((c) => c.cpuMs!)) + ' ms' : '–', '', ''],
  ['first start on an empty folder (migrations + seed)', `${results.coldStart.firstStartWithSeedMs} ms`, '', ''],
])}

Results written to ${path.relative(root, OUT)}.`)
  if (!clean) {
    console.error('bench: some responses were not the expected 200 page; figures are not valid')
    process.exitCode = 1
  }
})
