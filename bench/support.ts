// What the benches share: the built hub as a child process on 127.0.0.1 (free port, a fresh
// data folder in the system temp folder, or a scratch PostgreSQL database), stopped on every
// way out; signing in; autocannon runs with exact latency percentiles and the hub's CPU per
// request; the machine's description; results as JSON and markdown tables.
//
// Knobs every bench reads (environment): BENCH_DURATION (s per measured run, 10),
// BENCH_CONNECTIONS (10), BENCH_WARMUP (s per route, 10), BENCH_OUT (JSON path),
// BENCH_PROFILE_DIR (run the measured hub with --cpu-prof into that folder) and
// BENCH_DATABASE_URL (postgresql://…/postgres: the bench makes, and afterwards drops, a
// database of its own on that server).
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

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const HOST = '127.0.0.1'
export const num = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isFinite(v) && v > 0 ? v : fallback
}
export const DURATION_S = num('BENCH_DURATION', 10)
export const CONNECTIONS = num('BENCH_CONNECTIONS', 10)
export const WARMUP_S = num('BENCH_WARMUP', 10)
export const DATABASE_SERVER = process.env.BENCH_DATABASE_URL || undefined
export const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : undefined
/** Node arguments for the measured hub: a CPU profile when BENCH_PROFILE_DIR is set. */
export const profileArgs = () => (PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])
export const DEMO_PASSWORD = 'demo-password'
const POLL_MS = 25
export const START_TIMEOUT_MS = 60_000
const SEED_TIMEOUT_MS = 180_000

/** Where a bench's results go: BENCH_OUT, or bench/results/<name>[-postgresql].json. */
export const resultsPath = (name: string) => process.env.BENCH_OUT || path.join(root, `bench/results/${name}${DATABASE_SERVER ? '-postgresql' : ''}.json`)

export function writeResults(file: string, results: unknown) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n')
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Nearest-rank percentile of recorded latencies. */
export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

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
/** One request of a client's sequence. `setupRequest` runs before each send, `onResponse` after each answer. */
export type CannonRequest = {
  method?: 'GET' | 'POST'
  path?: string
  headers?: Record<string, string>
  body?: string
  setupRequest?: (request: CannonRequest, context: Record<string, unknown>) => CannonRequest
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void
}
/** An autocannon connection, as `setupClient` sees it. */
export type CannonClient = { setRequests(requests: CannonRequest[]): void }
type CannonOptions = {
  url: string
  connections: number
  duration: number
  timeout: number
  headers?: Record<string, string>
  verifyBody?: (body: string) => boolean
  setupClient?: (client: CannonClient) => void
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
let guarded = false
function guardExits(overallTimeoutMs: number) {
  if (!guarded) {
    guarded = true
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
  }
  return setTimeout(() => {
    console.error(`bench: took longer than ${overallTimeoutMs / 60_000} min, giving up`)
    killAll()
    process.exit(2)
  }, overallTimeoutMs)
}

export type Hub = {
  child: ChildProcess
  port: number
  url: string
  spawnedAt: number
  exited: Promise<void>
  output: string[]
  /** Parsed `improvement hub ready` log line, when the log level shows it. */
  ready?: { startupMs?: number }
}

export function freePort(): Promise<number> {
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

async function startHub(dataDir: string, databaseUrl: string | undefined, logLevel: 'info' | 'warn', nodeArgs: string[] = []): Promise<Hub> {
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
export async function waitHealthy(hub: Hub, timeoutMs: number): Promise<number> {
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
export function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

export function rssMb(pid: number | undefined): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Math.round(Number(m[1]) / 1024) : null
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------
// A bench's life: build, a fresh data folder (and scratch database), hubs started and
// always stopped, everything removed afterwards, whatever happens.
export type Bench = {
  startedAt: Date
  loadBefore: number[]
  dataDir: string
  /** The scratch PostgreSQL database, or undefined for the embedded one. */
  databaseUrl: string | undefined
  databaseLabel: string
  start(logLevel: 'info' | 'warn', nodeArgs?: string[]): Promise<Hub>
  stop(hub: Hub): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** First start on the empty folder (migrations and demo data), then stopped: ms to healthy. */
  seed(): Promise<number>
}

/**
 * Runs a bench: sets exit code 1 on failure, and stops every hub, removes the data folder and
 * drops the scratch database on every way out. The whole run is capped at `overallTimeoutMs`.
 */
export function runBench(overallTimeoutMs: number, main: (bench: Bench) => Promise<void>) {
  const overall = guardExits(overallTimeoutMs)
  const run = async () => {
    const startedAt = new Date()
    const loadBefore = os.loadavg()
    console.log('bench: checking the production build…')
    ensureBuild()
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'))
    tempDataDir = dataDir
    const scratch = DATABASE_SERVER ? await createScratchDatabase(DATABASE_SERVER) : undefined
    const live = new Set<Hub>()
    const bench: Bench = {
      startedAt,
      loadBefore,
      dataDir,
      databaseUrl: scratch?.url,
      databaseLabel: scratch ? 'PostgreSQL (local server, pool of 10)' : 'embedded (PGlite)',
      async start(logLevel, nodeArgs) {
        const hub = await startHub(dataDir, scratch?.url, logLevel, nodeArgs)
        live.add(hub)
        return hub
      },
      stop(hub) {
        live.delete(hub)
        return stopHub(hub)
      },
      async seed() {
        console.log(`bench: first start (migrations + seed) in ${dataDir}`)
        const hub = await bench.start('info')
        const ms = await waitHealthy(hub, SEED_TIMEOUT_MS)
        await bench.stop(hub)
        return ms
      },
    }
    try {
      await main(bench)
    } finally {
      for (const hub of live) await stopHub(hub).catch(() => {})
      killAll()
      fs.rmSync(dataDir, { recursive: true, force: true })
      await scratch?.drop()
    }
  }
  run()
    .catch((error) => {
      console.error('bench failed:', error instanceof Error ? error.message : error)
      process.exitCode = 1
    })
    .finally(() => {
      clearTimeout(overall)
      killAll()
    })
}

// ---------------------------------------------------------------------------------------
// HTTP helpers for set-up and checks (fetch, no redirects followed).

/** Signs in through `POST /login` and returns the session cookie (`hub_session=…`). */
export async function signIn(hub: Hub, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${hub.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: hub.url },
    body: new URLSearchParams({ email, password, redirectTo: '' }),
  })
  await res.arrayBuffer()
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('hub_session=') && c.length > 'hub_session='.length)
  if (res.status !== 302 || !cookie) throw new Error(`signing in as ${email} failed: ${res.status}`)
  return cookie
}

/** A form POST as a browser sends it (same-origin `Origin`), redirects not followed. */
export async function postForm(hub: Hub, route: string, cookie: string, form: Record<string, string>) {
  const res = await fetch(hub.url + route, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: hub.url, cookie },
    body: new URLSearchParams(form),
  })
  return { status: res.status, location: res.headers.get('location'), body: await res.text() }
}

export async function check(hub: Hub, route: string, headers: Record<string, string>, ok: (body: string) => boolean) {
  const res = await fetch(hub.url + route, { redirect: 'manual', headers })
  const body = await res.text()
  if (res.status !== 200 || !ok(body)) {
    throw new Error(`GET ${route} answered ${res.status}${res.headers.get('location') ? ` → ${res.headers.get('location')}` : ''}, not the expected page`)
  }
  return { status: res.status, bytes: Buffer.byteLength(body) }
}

// ---------------------------------------------------------------------------------------
// Load runs.
export type RunResult = {
  route: string
  connections: number
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

/** The mean figures of the runs made with a number of connections (repeated runs of one route). */
export function summariseRuns(runs: RunResult[], connections: number) {
  const rs = runs.filter((r) => r.connections === connections)
  return {
    connections,
    runs: rs.length,
    requestsPerSec: round(mean(rs.map((r) => r.requestsPerSec))),
    p50Ms: round(mean(rs.map((r) => r.latencyMs.p50)), 2),
    p95Ms: round(mean(rs.map((r) => r.latencyMs.p95)), 2),
    p99Ms: round(mean(rs.map((r) => r.latencyMs.p99)), 2),
    serverCpuMsPerRequest: rs.every((r) => r.serverCpuMsPerRequest !== null) ? round(mean(rs.map((r) => r.serverCpuMsPerRequest!)), 2) : null,
    non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
  }
}

export type LoadOptions = {
  url: string
  seconds: number
  headers?: Record<string, string>
  verifyBody: (body: string) => boolean
  /** The hub's pid, to count its CPU time over the run. */
  serverPid?: number
  connections?: number
  /** Gives each connection its own requests (autocannon's `setupClient`). */
  setupClient?: (client: CannonClient) => void
  /** What to call the run in results, when it is not the URL's path. */
  route?: string
}

/** clean: no error, timeout, non-2xx answer or body mismatch. */
export const isClean = (r: RunResult) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0 && r.mismatches === 0

export function load({ url, seconds, headers = {}, verifyBody, serverPid, connections = CONNECTIONS, setupClient, route }: LoadOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = []
    const cpuBefore = cpuMs(serverPid)
    const instance = autocannon({ url, connections, duration: seconds, timeout: 10, headers, verifyBody, setupClient }, (error, r) => {
      if (error) return reject(error)
      const cpuAfter = cpuMs(serverPid)
      const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null
      latencies.sort((a, b) => a - b)
      resolve({
        route: route ?? new URL(url).pathname,
        connections,
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
    })
    // Every 2xx response's time (ms, float) so that p95 is exact rather than guessed.
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms)
    })
  })
}

// ---------------------------------------------------------------------------------------
// Reporting.

/** The machine, for results files. */
export function machine(loadBefore: number[]) {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageBefore: loadBefore.map((l) => round(l, 2)),
    loadAverageAfter: os.loadavg().map((l) => round(l, 2)),
  }
}

/** The start of a bench's results: its name, date, machine and settings (with its own `settings`). */
export function resultsHead(name: string, bench: Bench, settings: Record<string, unknown>) {
  return {
    bench: name,
    date: bench.startedAt.toISOString(),
    machine: machine(bench.loadBefore),
    settings: {
      durationSeconds: DURATION_S,
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_S,
      ...settings,
      database: bench.databaseLabel,
      logLevel: 'warn',
      latencyPercentiles: 'exact, nearest rank, over every 2xx response time autocannon reported',
      profiled: Boolean(PROFILE_DIR),
    },
  }
}

/** The line under a bench's heading: machine and load settings. */
export const settingsLine = (m: ReturnType<typeof machine>) =>
  `${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}; ${CONNECTIONS} connections, ${DURATION_S} s per run; latency percentiles exact (nearest rank).`

export const yes = (b: boolean) => (b ? 'yes' : '**no**')

/** A markdown table; `align` has one letter a column, `l` or `r`. Empty cells stay empty. */
export function markdownTable(head: string[], align: string, rows: (string | number)[][]) {
  const line = (cells: (string | number)[]) => `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`
  return [line(head), `|${head.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join('|')}|`, ...rows.map(line)].join('\n')
}

/** One row a run: route, req/s, latency percentiles, the hub's CPU and what went wrong. */
export function runsTable(runs: RunResult[], { showConnections = false } = {}) {
  return markdownTable(
    ['run', 'route', ...(showConnections ? ['connections'] : []), 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'hub CPU ms/req', 'hub CPU %', 'non-2xx / errors / mismatches'],
    showConnections ? 'llrrrrrrrl' : 'llrrrrrrl',
    runs.map((r, i) => [
      i + 1,
      `\`${r.route}\``,
      ...(showConnections ? [r.connections] : []),
      r.requestsPerSec,
      r.latencyMs.p50,
      r.latencyMs.p95,
      r.latencyMs.p99,
      r.serverCpuMsPerRequest ?? '–',
      r.serverCpuPercent ?? '–',
      `${r.non2xx} / ${r.errors + r.timeouts} / ${r.mismatches}`,
    ]),
  )
}
