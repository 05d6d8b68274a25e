// `npm run bench`: cold start of the built hub, and the throughput of a real page (a
// region, signed in) against a bare Remix route (/ping), the framework's ceiling.
// The hub runs as a child process on 127.0.0.1 with a fresh embedded database in the
// system temp folder; the child is always stopped, even on error. Figures go to stdout
// as a markdown table and to bench/results/region-page.json (docs/PERFORMANCE.md).
//
// Knobs (environment): BENCH_DURATION (s per measured run, 10), BENCH_CONNECTIONS (10),
// BENCH_WARMUP (s per route, 10: with 3 s the first region run came out up to 2× slower
// than the second, the hub still warming up), BENCH_COLD_STARTS (5), BENCH_OUT (JSON path),
// BENCH_PROFILE_DIR (run the measured server with --cpu-prof into that folder).
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuild } from '../scripts/ensure-build.mjs'
import { createScratchDatabase } from '../test/support/database'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const HOST = '127.0.0.1'
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isFinite(v) && v > 0 ? v : fallback
}
const DURATION_S = num('BENCH_DURATION', 10)
const CONNECTIONS = num('BENCH_CONNECTIONS', 10)
const WARMUP_S = num('BENCH_WARMUP', 10)
const COLD_STARTS = num('BENCH_COLD_STARTS', 5)
// BENCH_DATABASE_URL=postgresql://…/postgres runs the hub on PostgreSQL: the bench makes
// (and afterwards drops) a database of its own on that server.
const DATABASE_SERVER = process.env.BENCH_DATABASE_URL || undefined
let databaseUrl: string | undefined
const OUT = process.env.BENCH_OUT || path.join(root, `bench/results/region-page${DATABASE_SERVER ? '-postgresql' : ''}.json`)
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : undefined
const USER = 'dcs.camden@example.org'
const PASSWORD = 'demo-password'
const REGION_PATH = '/regions/london'
const TARGETS = { ratio: 0.5, coldStartMs: 5_000 }
const POLL_MS = 25
const START_TIMEOUT_MS = 60_000
const SEED_TIMEOUT_MS = 180_000
// Everything (build aside) must fit in this; then the children are killed and we exit.
const OVERALL_TIMEOUT_MS = 15 * 60_000

// ---------------------------------------------------------------------------------------
// autocannon (CommonJS, no bundled types): only the parts used here, typed locally.
type CannonResult = {
  duration: number
  requests: { average: number; total: number }
  latency: { average: number; p50: number; p90: number; p97_5: number; p99: number; max: number }
  throughput: { average: number }
  errors: number
  timeouts: number
  non2xx: number
  mismatches: number
  '2xx': number
}
type CannonInstance = {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void
  stop(): void
}
type CannonOptions = {
  url: string
  connections: number
  duration: number
  timeout: number
  headers?: Record<string, string>
  verifyBody?: (body: string) => boolean
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: CannonOptions,
  done: (error: Error | null, result: CannonResult) => void,
) => CannonInstance

// ---------------------------------------------------------------------------------------
// Child processes: tracked so that every exit path stops them.
const children = new Set<ChildProcess>()
const alive = (c: ChildProcess) => c.exitCode === null && c.signalCode === null
function killAll(signal: NodeJS.Signals = 'SIGKILL') {
  for (const c of children) if (alive(c)) c.kill(signal)
}
// The fresh data folder, removed on every way out (signals included).
let tempDataDir: string | undefined
process.on('exit', () => {
  killAll()
  if (tempDataDir) fs.rmSync(tempDataDir, { recursive: true, force: true })
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`bench: ${signal}, stopping the hub`)
    killAll()
    process.exit(130)
  })
}
const overall = setTimeout(() => {
  console.error(`bench: took longer than ${OVERALL_TIMEOUT_MS / 60_000} min, giving up`)
  killAll()
  process.exit(2)
}, OVERALL_TIMEOUT_MS)

type Hub = {
  child: ChildProcess
  port: number
  url: string
  spawnedAt: number
  exited: Promise<void>
  output: string[]
  /** Parsed `improvement hub ready` log line, when the log level shows it. */
  ready?: { startupMs?: number }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, HOST, () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => resolve(port))
    })
  })
}

async function startHub(dataDir: string, logLevel: 'info' | 'warn', nodeArgs: string[] = []): Promise<Hub> {
  const port = await freePort()
  const url = `http://${HOST}:${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST,
    BASE_URL: url,
    DATA_DIR: dataDir,
    LOG_LEVEL: logLevel,
    // Empty values count as unset: always the embedded database, no Redis, no mail.
    DATABASE_URL: databaseUrl ?? '',
    REDIS_URL: '',
    SMTP_URL: '',
    SEED_DEMO: databaseUrl ? '1' : '',
  }
  const spawnedAt = performance.now()
  const child = spawn(process.execPath, [...nodeArgs, 'scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  const hub: Hub = {
    child,
    port,
    url,
    spawnedAt,
    output: [],
    exited: new Promise((resolve) => child.once('exit', () => resolve())),
  }
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue
      hub.output.push(line)
      if (hub.output.length > 200) hub.output.shift()
      if (line.includes('"improvement hub ready"')) {
        try {
          hub.ready = JSON.parse(line)
        } catch {
          /* not JSON: ignore */
        }
      }
    }
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  return hub
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: HOST, port, path: '/healthz', agent: false, timeout: 2_000 }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', () => resolve(0))
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(0))
  })
}

/** Milliseconds from spawn to the first 200 from /healthz, polled every 25 ms. */
async function waitHealthy(hub: Hub, timeoutMs: number): Promise<number> {
  const deadline = hub.spawnedAt + timeoutMs
  for (;;) {
    if (!alive(hub.child)) throw new Error(`the hub exited before it was ready:\n${hub.output.slice(-30).join('\n')}`)
    if ((await healthStatus(hub.port)) === 200) return performance.now() - hub.spawnedAt
    if (performance.now() > deadline) throw new Error(`the hub was not healthy after ${timeoutMs} ms:\n${hub.output.slice(-30).join('\n')}`)
    await sleep(POLL_MS)
  }
}

async function stopHub(hub: Hub) {
  if (alive(hub.child)) hub.child.kill('SIGTERM')
  const stopped = await Promise.race([hub.exited.then(() => true), sleep(15_000).then(() => false)])
  if (!stopped) {
    console.error('bench: the hub ignored SIGTERM for 15 s, killing it')
    hub.child.kill('SIGKILL')
    await hub.exited
  }
  children.delete(hub.child)
  return { code: hub.child.exitCode, signal: hub.child.signalCode }
}

/** CPU time (user + system, ms) the process has used, from /proc (Linux; USER_HZ is 100). */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

function rssMb(pid: number | undefined): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Math.round(Number(m[1]) / 1024) : null
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------
// HTTP helpers for sign-in and checks (fetch, no redirects followed).
async function signIn(hub: Hub): Promise<string> {
  const res = await fetch(`${hub.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: hub.url },
    body: new URLSearchParams({ email: USER, password: PASSWORD, redirectTo: '' }),
  })
  await res.arrayBuffer()
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('hub_session=') && c.length > 'hub_session='.length)
  if (res.status !== 302 || !cookie) throw new Error(`signing in as ${USER} failed: ${res.status}`)
  return cookie
}

const isRegionPage = (body: string) => body.includes('<h1 class="govuk-heading-xl">London</h1>')
const isPong = (body: string) => body === 'pong'
// A document with no loader and no database, signed out: the framework's ceiling for a page.
const STATIC_PAGE = '/cookies'
const isStaticPage = (body: string) => body.includes('<h1 class="govuk-heading-xl">Cookies</h1>')

async function check(hub: Hub, route: string, headers: Record<string, string>, ok: (body: string) => boolean) {
  const res = await fetch(hub.url + route, { redirect: 'manual', headers })
  const body = await res.text()
  if (res.status !== 200 || !ok(body)) {
    throw new Error(`GET ${route} answered ${res.status}${res.headers.get('location') ? ` → ${res.headers.get('location')}` : ''}, not the expected page`)
  }
  return { status: res.status, bytes: Buffer.byteLength(body) }
}

// ---------------------------------------------------------------------------------------
// Load runs.
type RunResult = {
  route: string
  seconds: number
  requests2xx: number
  requestsPerSec: number
  latencyMs: { mean: number; p50: number; p95: number; p97_5: number; p99: number; max: number }
  /** The hub's own CPU time per 2xx response: unlike req/s, barely moved by other load on the machine. */
  serverCpuMsPerRequest: number | null
  /** The hub's CPU use during the run; 100 = one core (the hub's JavaScript runs on one thread). */
  serverCpuPercent: number | null
  errors: number
  timeouts: number
  non2xx: number
  mismatches: number
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

/** Nearest-rank percentile of recorded latencies. */
function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

function load(
  url: string,
  seconds: number,
  headers: Record<string, string>,
  verifyBody: (body: string) => boolean,
  serverPid?: number,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = []
    const cpuBefore = cpuMs(serverPid)
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration: seconds, timeout: 10, headers, verifyBody },
      (error, r) => {
        if (error) return reject(error)
        const cpuAfter = cpuMs(serverPid)
        const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null
        latencies.sort((a, b) => a - b)
        resolve({
          route: new URL(url).pathname,
          seconds: round(r.duration, 2),
          requests2xx: r['2xx'],
          requestsPerSec: round(r['2xx'] / r.duration),
          latencyMs: {
            mean: round(latencies.reduce((s, v) => s + v, 0) / latencies.length, 2),
            p50: round(percentile(latencies, 50), 2),
            p95: round(percentile(latencies, 95), 2),
            p97_5: round(percentile(latencies, 97.5), 2),
            p99: round(percentile(latencies, 99), 2),
            max: round(latencies[latencies.length - 1] ?? NaN, 2),
          },
          serverCpuMsPerRequest: cpu === null || !r['2xx'] ? null : round(cpu / r['2xx'], 2),
          serverCpuPercent: cpu === null ? null : Math.round((100 * cpu) / (r.duration * 1000)),
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          mismatches: r.mismatches,
        })
      },
    )
    // Every 2xx response's time (ms, float) so that p95 is exact rather than guessed.
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms)
    })
  })
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

// ---------------------------------------------------------------------------------------
async function main() {
  const startedAt = new Date()
  const loadBefore = os.loadavg()
  console.log('bench: checking the production build…')
  ensureBuild()

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'))
  tempDataDir = dataDir
  const scratch = DATABASE_SERVER ? await createScratchDatabase(DATABASE_SERVER) : undefined
  databaseUrl = scratch?.url
  const live = new Set<Hub>()
  const stop = async (hub: Hub) => {
    live.delete(hub)
    return stopHub(hub)
  }
  try {
    // 1. First start on an empty folder: migrations and demo data.
    console.log(`bench: first start (migrations + seed) in ${dataDir}`)
    let hub = await startHub(dataDir, 'info')
    live.add(hub)
    const seedStartMs = await waitHealthy(hub, SEED_TIMEOUT_MS)
    await stop(hub)

    // 2. Cold starts on the seeded folder.
    const cold: { ms: number; cpuMs: number | null; startupMs: number | null; exit: unknown }[] = []
    for (let i = 0; i < COLD_STARTS; i++) {
      hub = await startHub(dataDir, 'info')
      live.add(hub)
      const ms = await waitHealthy(hub, START_TIMEOUT_MS)
      const cpuToReady = cpuMs(hub.child.pid)
      // scripts/start.mjs rebuilds when sources changed since the build (someone editing
      // app/ meanwhile): that start timed a build, not a cold start.
      if (hub.output.some((l) => l.includes('Building the hub'))) {
        throw new Error('the hub rebuilt itself during a cold start (sources changed while benchmarking); run the bench again')
      }
      // The ready line is written just before listening; give the pipe a moment.
      for (let t = 0; t < 20 && !hub.ready; t++) await sleep(25)
      const exit = await stop(hub)
      cold.push({ ms: round(ms), cpuMs: cpuToReady, startupMs: hub.ready?.startupMs ?? null, exit })
      console.log(
        `bench: cold start ${i + 1}/${COLD_STARTS}: ${round(ms)} ms (hub CPU ${cpuToReady ?? '?'} ms; in-process startupMs ${hub.ready?.startupMs ?? '?'})`,
      )
      if (exit.code !== 0) throw new Error(`the hub did not stop cleanly on SIGTERM: ${JSON.stringify(exit)}`)
    }

    // 3. Throughput, with LOG_LEVEL=warn so request logging does not count.
    const nodeArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []
    hub = await startHub(dataDir, 'warn', nodeArgs)
    live.add(hub)
    await waitHealthy(hub, START_TIMEOUT_MS)
    const cookie = await signIn(hub)
    const signedIn = { cookie }
    const ping = await check(hub, '/ping', {}, isPong)
    const region = await check(hub, REGION_PATH, signedIn, isRegionPage)
    console.log(`bench: signed in as ${USER}; /ping ${ping.bytes} B, ${REGION_PATH} ${region.bytes} B`)

    console.log(`bench: warming up (${WARMUP_S} s per route)…`)
    await load(hub.url + '/ping', WARMUP_S, {}, isPong)
    await load(hub.url + REGION_PATH, WARMUP_S, signedIn, isRegionPage)
    await load(hub.url + STATIC_PAGE, WARMUP_S, {}, isStaticPage)

    const runs: RunResult[] = []
    for (const [route, headers, verify] of [
      ['/ping', {}, isPong],
      [STATIC_PAGE, {}, isStaticPage],
      [REGION_PATH, signedIn, isRegionPage],
      ['/ping', {}, isPong],
      [STATIC_PAGE, {}, isStaticPage],
      [REGION_PATH, signedIn, isRegionPage],
    ] as const) {
      const r = await load(hub.url + route, DURATION_S, headers, verify, hub.child.pid)
      runs.push(r)
      console.log(`bench: ${route}: ${r.requestsPerSec} req/s, p95 ${r.latencyMs.p95} ms, hub CPU ${r.serverCpuMsPerRequest} ms/request`)
    }
    // The session must still be good after the runs (no redirect to /login midway).
    await check(hub, REGION_PATH, signedIn, isRegionPage)
    const serverRssMb = rssMb(hub.child.pid)
    await stop(hub)

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
    const clean = runs.every((r) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0 && r.mismatches === 0)
    const results = {
      bench: 'region-page',
      date: startedAt.toISOString(),
      machine: {
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: round(os.totalmem() / 1024 ** 3),
        node: process.version,
        platform: `${os.type()} ${os.release()}`,
        loadAverageBefore: loadBefore.map((l) => round(l, 2)),
        loadAverageAfter: os.loadavg().map((l) => round(l, 2)),
      },
      settings: {
        durationSeconds: DURATION_S,
        connections: CONNECTIONS,
        warmupSeconds: WARMUP_S,
        coldStarts: COLD_STARTS,
        database: databaseUrl ? 'PostgreSQL (local server, pool of 10)' : 'embedded (PGlite)',
        logLevel: 'warn',
        user: USER,
        regionPath: REGION_PATH,
        latencyPercentiles: 'exact, nearest rank, over every 2xx response time autocannon reported',
        profiled: Boolean(PROFILE_DIR),
      },
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
    fs.mkdirSync(path.dirname(OUT), { recursive: true })
    fs.writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n')

    const yes = (b: boolean) => (b ? 'yes' : '**no**')
    console.log(`
## Region page bench, ${results.date}

${results.machine.cpus} CPUs (${results.machine.cpuModel}), Node ${results.machine.node}; ${CONNECTIONS} connections, ${DURATION_S} s per run; latency percentiles exact (nearest rank).

| run | route | req/s | p50 ms | p95 ms | p99 ms | hub CPU ms/req | hub CPU % | non-2xx / errors / mismatches |
|---|---|---:|---:|---:|---:|---:|---:|---|
${runs.map((r, i) => `| ${i + 1} | \`${r.route}\` | ${r.requestsPerSec} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.serverCpuMsPerRequest ?? '–'} | ${r.serverCpuPercent ?? '–'} | ${r.non2xx} / ${r.errors + r.timeouts} / ${r.mismatches} |`).join('\n')}

| measure | value | target | met |
|---|---:|---|---|
| bare \`/ping\` req/s (mean of 2) | ${round(bareRps)} | | |
| \`${REGION_PATH}\` req/s (mean of 2) | ${round(regionRps)} | | |
| region / bare throughput | ${round(ratio, 3)} | ≥ ${TARGETS.ratio} | ${yes(results.targets.ratio.met)} |
| static page \`${STATIC_PAGE}\` req/s (mean of 2) | ${round(staticRps)} | | |
| region / static page throughput | ${round(ratioToStaticPage, 3)} | | |
| hub CPU per request, bare / region (ms) | ${results.summary.bareServerCpuMsPerRequest ?? '–'} / ${results.summary.regionServerCpuMsPerRequest ?? '–'} (ratio ${results.summary.cpuCostRatio ?? '–'}) | | |
| cold start, median of ${COLD_STARTS} (spawn → first 200 from /healthz) | ${results.coldStart.medianMs} ms | | |
| cold start, max of ${COLD_STARTS} | ${results.coldStart.maxMs} ms | < ${TARGETS.coldStartMs} ms | ${yes(results.targets.coldStart.met)} |
| hub CPU time to ready, median of ${COLD_STARTS} | ${cold.every((c) => c.cpuMs !== null) ? median(cold.map((c) => c.cpuMs!)) + ' ms' : '–'} | | |
| first start on an empty folder (migrations + seed) | ${results.coldStart.firstStartWithSeedMs} ms | | |

Results written to ${path.relative(root, OUT)}.`)
    if (!clean) {
      console.error('bench: some responses were not the expected 200 page; figures are not valid')
      process.exitCode = 1
    }
  } finally {
    for (const hub of live) await stopHub(hub).catch(() => {})
    killAll()
    fs.rmSync(dataDir, { recursive: true, force: true })
    await scratch?.drop()
  }
}

main()
  .catch((error) => {
    console.error('bench failed:', error instanceof Error ? error.message : error)
    process.exitCode = 1
  })
  .finally(() => {
    clearTimeout(overall)
    killAll()
  })
