// `npm run bench:cycle`: the server render of the peer-challenge pages a region lead uses
// most, on the demo data. Target (the design's "dashboard of a region with 35 councils"):
// the London cycle board (33 councils) p95 < 100 ms, with 1 connection and with 10.
//
// 1. First start on an empty folder (migrations, demo data), then the measured hub
//    (LOG_LEVEL=warn).
// 2. GET /cycles/<London's current cycle> as lead.london: every council's group, stage and
//    deadlines. Also measured, 1 connection: the North East's pairing page as its lead
//    (proposed groups with reasons; the engine's inputs are read from the database), and
//    Camden's challenge page as Camden's director.
//
// Knobs: those of bench/support.ts (BENCH_DURATION, BENCH_CONNECTIONS, BENCH_WARMUP,
// BENCH_OUT, BENCH_PROFILE_DIR, BENCH_DATABASE_URL).
import path from 'node:path'
import { CONNECTIONS, DURATION_S, START_TIMEOUT_MS, WARMUP_S, profileArgs, resultsHead, resultsPath, root } from './support'
import { check, isClean, load, rssMb, runBench, signIn, waitHealthy, type RunResult } from './support'
import { markdownTable, round, runsTable, settingsLine, summariseRuns, writeResults, yes } from './support'

const OUT = resultsPath('cycle-board')
const TARGETS = { p95Ms: 100 }
const OVERALL_TIMEOUT_MS = 15 * 60_000

/** The first link to a cycle (the newest) on a region's peer-challenge page. */
async function firstCycle(url: string, cookie: string) {
  const res = await fetch(url, { headers: { cookie } })
  const id = /href="\/cycles\/([a-z0-9]+)"/.exec(await res.text())?.[1]
  if (!id) throw new Error(`no cycle linked from ${url}`)
  return id
}

runBench(OVERALL_TIMEOUT_MS, async (bench) => {
  const seedStartMs = await bench.seed()
  const hub = await bench.start('warn', profileArgs())
  await waitHealthy(hub, START_TIMEOUT_MS)
  const lead = { cookie: await signIn(hub, 'lead.london@example.org') }
  const neLead = { cookie: await signIn(hub, 'lead.north-east@example.org') }
  const camden = { cookie: await signIn(hub, 'dcs.camden@example.org') }
  const london = await firstCycle(`${hub.url}/regions/london/cycles`, lead.cookie)
  const northEast = await firstCycle(`${hub.url}/regions/north-east/cycles`, neLead.cookie)
  const challengeId = /href="\/challenges\/([a-z0-9]+)"/.exec(await (await fetch(`${hub.url}/councils/camden`, { headers: camden })).text())?.[1]
  if (!challengeId) throw new Error('no challenge linked from Camden’s page')

  const boardPath = `/cycles/${london}`
  const isBoard = (body: string) => body.includes('data-testid="cycle-board"') && body.includes('Westminster')
  const pairingPath = `/cycles/${northEast}/pairing`
  const isPairing = (body: string) => body.includes('data-testid="groups"') && body.includes('Publish the groups')
  const challengePath = `/challenges/${challengeId}`
  const isChallenge = (body: string) => body.includes('Camden’s peer challenge') && body.includes('Agreed actions')
  const board = await check(hub, boardPath, lead, isBoard)
  const pairing = await check(hub, pairingPath, neLead, isPairing)
  const challenge = await check(hub, challengePath, camden, isChallenge)
  console.log(`bench: ${boardPath} ${board.bytes} B; ${pairingPath} ${pairing.bytes} B; ${challengePath} ${challenge.bytes} B`)

  console.log(`bench: warming up (${WARMUP_S} s per page)…`)
  await load({ url: hub.url + boardPath, seconds: WARMUP_S, connections: CONNECTIONS, headers: lead, verifyBody: isBoard })
  await load({ url: hub.url + pairingPath, seconds: WARMUP_S, connections: 1, headers: neLead, verifyBody: isPairing })
  await load({ url: hub.url + challengePath, seconds: WARMUP_S, connections: 1, headers: camden, verifyBody: isChallenge })

  const pid = hub.child.pid
  const runs: RunResult[] = []
  for (const connections of [1, CONNECTIONS, 1, CONNECTIONS]) {
    const r = await load({ url: hub.url + boardPath, seconds: DURATION_S, connections, headers: lead, verifyBody: isBoard, serverPid: pid })
    runs.push(r)
    console.log(`bench: ${r.route} × ${connections}: ${r.requestsPerSec} req/s, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, hub CPU ${r.serverCpuMsPerRequest} ms/request`)
  }
  const others: RunResult[] = []
  for (const [route, headers, verify] of [
    [pairingPath, neLead, isPairing],
    [challengePath, camden, isChallenge],
  ] as const) {
    const r = await load({ url: hub.url + route, seconds: DURATION_S, connections: 1, headers, verifyBody: verify, serverPid: pid })
    others.push(r)
    console.log(`bench: ${r.route} × 1: ${r.requestsPerSec} req/s, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, hub CPU ${r.serverCpuMsPerRequest} ms/request`)
  }
  const serverRssMb = rssMb(pid)
  await bench.stop(hub)

  const one = summariseRuns(runs, 1)
  const many = summariseRuns(runs, CONNECTIONS)
  const clean = [...runs, ...others].every(isClean)
  const results = {
    ...resultsHead('cycle-board', bench, {}),
    firstStartWithSeedMs: round(seedStartMs),
    pages: { board: { path: boardPath, bytes: board.bytes }, pairing: { path: pairingPath, bytes: pairing.bytes }, challenge: { path: challengePath, bytes: challenge.bytes } },
    runs,
    others,
    summary: { oneConnection: one, connections: many, serverRssMbAfterLoad: serverRssMb, allResponsesValid: clean },
    targets: {
      p95OneConnection: { target: `< ${TARGETS.p95Ms} ms at 1 connection`, met: one.p95Ms < TARGETS.p95Ms },
      p95: { target: `< ${TARGETS.p95Ms} ms at ${CONNECTIONS} connections`, met: many.p95Ms < TARGETS.p95Ms },
    },
  }
  writeResults(OUT, results)

  console.log(`
## Cycle board bench, ${results.date}

${settingsLine(results.machine)} Database: ${bench.databaseLabel}. Load average before/after: ${results.machine.loadAverageBefore.join(' ')} / ${results.machine.loadAverageAfter.join(' ')}.

${runsTable([...runs, ...others], { showConnections: true })}

${markdownTable(['measure', 'value', 'target', 'met'], 'lrll', [
  ['board p50 / p95 / p99, 1 connection', `${one.p50Ms} / ${one.p95Ms} / ${one.p99Ms} ms`, `p95 < ${TARGETS.p95Ms} ms`, yes(results.targets.p95OneConnection.met)],
  [`board p50 / p95 / p99, ${CONNECTIONS} connections`, `${many.p50Ms} / ${many.p95Ms} / ${many.p99Ms} ms`, `p95 < ${TARGETS.p95Ms} ms`, yes(results.targets.p95.met)],
  ['board hub CPU per request, 1 / 10 connections (ms)', `${one.serverCpuMsPerRequest ?? '–'} / ${many.serverCpuMsPerRequest ?? '–'}`, '', ''],
  ...others.map((r) => [`${r.route}, 1 connection: p50 / p95, hub CPU`, `${r.latencyMs.p50} / ${r.latencyMs.p95} ms, ${r.serverCpuMsPerRequest ?? '–'} ms/req`, '', '']),
])}

Results written to ${path.relative(root, OUT)}.`)
  if (!clean) {
    console.error('bench: some responses were not the expected page; figures are not valid')
    process.exitCode = 1
  }
})
