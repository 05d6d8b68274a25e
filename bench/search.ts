// `npm run bench:search`: search over 100,000 forum posts. Target: p95 < 100 ms.
//
// 1. First start of the hub on a fresh database (migrations, demo data), then stopped.
// 2. 100,000 posts (10,000 threads) generated in SQL (bench/search-data.ts) straight into
//    that database, then ANALYZE.
// 3. Over HTTP: a signed-in director (dcs.camden: the national, London and a private
//    group space) runs a mix of realistic searches through GET /search, every connection
//    cycling through the whole mix; every answer must be a 200 results page.
// 4. In process: `searchHub` itself, timed for each query of the mix, as that director
//    and as an admin (who reads every space), with EXPLAIN ANALYZE of the post query.
//
// The same on the embedded database (default) and PostgreSQL (BENCH_DATABASE_URL). Knobs:
// those of bench/support.ts, and BENCH_POSTS (100000), BENCH_ROUNDS (in-process rounds, 15).
import path from 'node:path'
import { CONNECTIONS, DURATION_S, START_TIMEOUT_MS, WARMUP_S, num, profileArgs, resultsHead, resultsPath, root } from './support'
import { check, isClean, load, percentile, rssMb, runBench, signIn, waitHealthy, type CannonClient, type RunResult } from './support'
import { markdownTable, round, runsTable, settingsLine, summariseRuns, writeResults, yes } from './support'
import { generateForum } from './search-data'
import { openDatabase } from '../server/database'

const OUT = resultsPath('search')
const POSTS = num('BENCH_POSTS', 100_000)
const ROUNDS = num('BENCH_ROUNDS', 15)
const READER = 'dcs.camden@example.org'
const ADMIN = 'admin@example.org'
const TARGET_P95_MS = 100
const OVERALL_TIMEOUT_MS = 30 * 60_000

/** What people type: topics, phrases, operators, a common word, and some with filters. */
const MIX: Record<string, string>[] = [
  { q: 'placement sufficiency' },
  { q: 'foster carer recruitment' },
  { q: 'caseloads' },
  { q: '"return home interviews"' },
  { q: 'child exploitation screening' },
  { q: 'housing for care leavers' },
  { q: 'edge of care' },
  { q: 'agency staffing -residential' },
  { q: 'kinship or special guardianship' },
  { q: 'EHCP timeliness' },
  { q: 'social workers' },
  { q: 'county lines online harm' },
  { q: 'caseloads', kind: 'question' },
  { q: 'supervision', theme: 'workforce' },
  { q: 'court timeliness', region: 'london' },
  { q: 'audit', from: '2026-01-01', to: '2026-06-30' },
]
const qs = (m: Record<string, string>) => `/search?${new URLSearchParams(m)}`
const isResults = (body: string) => body.includes('data-testid="result-count"') && !body.includes('There is a problem')

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b)
  return { n: s.length, p50: round(percentile(s, 50), 2), p95: round(percentile(s, 95), 2), p99: round(percentile(s, 99), 2), max: round(s[s.length - 1], 2) }
}

/** searchHub in this process, on the bench's database (the hub stopped first, for the embedded one). */
async function inProcess(databaseUrl: string | undefined, dataDir: string) {
  const database = await openDatabase({ databaseUrl, dataDir, migrate: false })
  try {
    const { setServices } = await import('../app/services.server')
    setServices({ db: database.prisma } as never)
    const { searchHub, searchOptions } = await import('../app/search/search.server')
    const { toSignedInUser } = await import('../app/auth/session.server')
    const { parseSearchParams } = await import('../app/search/query')
    const { knownValues } = await import('../app/search/search.server')
    const actorOf = async (email: string) =>
      toSignedInUser(await database.prisma.user.findUniqueOrThrow({ where: { email }, include: { council: { include: { region: true } }, roles: { include: { region: true } } } }))
    const out: Record<string, { all: ReturnType<typeof stats>; perQuery: { query: string; p50: number; p95: number; total: number }[] }> = {}
    for (const email of [READER, ADMIN]) {
      const actor = await actorOf(email)
      const options = await searchOptions(actor)
      const queries = MIX.map((m) => {
        const parsed = parseSearchParams(new URLSearchParams(m), knownValues(options))
        if (!parsed.ok) throw new Error(`bench query ${JSON.stringify(m)} did not parse`)
        return { label: new URLSearchParams(m).toString(), query: parsed.query }
      })
      // Warm-up round, then ROUNDS timed rounds; options loaded inside, as the page does.
      for (const q of queries) await searchHub(actor, q.query)
      const times = new Map<string, number[]>(queries.map((q) => [q.label, []]))
      const totals = new Map<string, number>()
      for (let r = 0; r < ROUNDS; r++) {
        for (const q of queries) {
          const t0 = performance.now()
          const outcome = await searchHub(actor, q.query)
          times.get(q.label)!.push(performance.now() - t0)
          totals.set(q.label, outcome.total)
        }
      }
      out[email] = {
        all: stats([...times.values()].flat()),
        perQuery: queries.map((q) => ({ query: q.label, ...stats(times.get(q.label)!), total: totals.get(q.label)! })).map(({ query, p50, p95, total }) => ({ query, p50, p95, total })),
      }
    }
    // The plans of the post query as searchHub runs it (all spaces): a query with a few
    // thousand matches (all ranked), and a very common one (the newest 5,000 ranked).
    const cte = (q: string) => `
      WITH c AS MATERIALIZED (SELECT p."id", p."createdAt", ts_rank_cd('{0.05,0.1,0.2,1.0}'::float4[], p."search", websearch_to_tsquery('english', '${q}'), 1) AS rank
        FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId"
        WHERE p."search" @@ websearch_to_tsquery('english', '${q}') AND p."hiddenAt" IS NULL AND t."hiddenAt" IS NULL LIMIT 5001)
      SELECT c.*, (SELECT count(*) FROM c) AS n FROM c ORDER BY rank DESC, "createdAt" DESC LIMIT 20`
    const explain = async (sql: string, bitmapOff = false) =>
      database.prisma.$transaction(async (tx) => {
        if (bitmapOff) await tx.$executeRawUnsafe('SET LOCAL enable_bitmapscan = off')
        return (await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`)).map((r) => r['QUERY PLAN'])
      })
    const plan = [
      '-- "placement sufficiency": every match ranked',
      ...(await explain(cte('placement sufficiency'))),
      '-- "social workers": more than 5,000 matches, the newest 5,000 ranked',
      ...(await explain(
        `SELECT c."id", ts_rank_cd('{0.05,0.1,0.2,1.0}'::float4[], c.sv, websearch_to_tsquery('english', 'social workers'), 1) AS rank
        FROM (SELECT p."id", p."createdAt", p."search" AS sv FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId"
          WHERE p."search" @@ websearch_to_tsquery('english', 'social workers') AND p."hiddenAt" IS NULL AND t."hiddenAt" IS NULL
          ORDER BY p."createdAt" DESC LIMIT 5000) c ORDER BY rank DESC, c."createdAt" DESC LIMIT 20`,
        true,
      )),
    ]
    return { byUser: out, explain: plan }
  } finally {
    await database.close()
  }
}

runBench(OVERALL_TIMEOUT_MS, async (bench) => {
  const seedStartMs = await bench.seed()

  console.log(`bench: generating ${POSTS.toLocaleString('en-GB')} posts…`)
  const t0 = performance.now()
  const gen = await (async () => {
    const database = await openDatabase({ databaseUrl: bench.databaseUrl, dataDir: bench.dataDir, migrate: false })
    try {
      return await generateForum(database.prisma, POSTS)
    } finally {
      await database.close()
    }
  })()
  const generateMs = performance.now() - t0
  console.log(`bench: ${gen.posts.toLocaleString('en-GB')} posts in ${gen.threads.toLocaleString('en-GB')} threads, ${round(generateMs / 1000)} s`)

  const hub = await bench.start('warn', profileArgs())
  await waitHealthy(hub, START_TIMEOUT_MS)
  const headers = { cookie: await signIn(hub, READER) }
  for (const m of MIX) await check(hub, qs(m), headers, isResults)
  const mixLoad = (seconds: number, connections: number, serverPid?: number) => {
    let next = 0
    // Each connection cycles through the whole mix, starting at a different query.
    const setupClient = (client: CannonClient) => {
      const start = next++
      client.setRequests(MIX.map((_, i) => ({ method: 'GET' as const, path: qs(MIX[(start + i) % MIX.length]), headers })))
    }
    return load({ url: hub.url + qs(MIX[0]), route: 'search mix', seconds, connections, headers, verifyBody: isResults, setupClient, serverPid })
  }
  console.log(`bench: warming up (${WARMUP_S} s)…`)
  await mixLoad(WARMUP_S, CONNECTIONS)
  const pid = hub.child.pid
  const runs: RunResult[] = []
  for (const connections of [CONNECTIONS, 1, CONNECTIONS, 1]) {
    const r = await mixLoad(DURATION_S, connections, pid)
    runs.push(r)
    console.log(`bench: search × ${connections}: ${r.requestsPerSec} req/s, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}`)
  }
  const serverRssMb = rssMb(pid)
  await bench.stop(hub)

  console.log('bench: searchHub in process…')
  const direct = await inProcess(bench.databaseUrl, bench.dataDir)

  const many = summariseRuns(runs, CONNECTIONS)
  const one = summariseRuns(runs, 1)
  const results = {
    ...resultsHead('search', bench, { reader: READER, mix: MIX.map((m) => new URLSearchParams(m).toString()), rounds: ROUNDS }),
    firstStartWithSeedMs: round(seedStartMs),
    data: { ...gen, generateSeconds: round(generateMs / 1000) },
    runs,
    summary: { http: many, httpOneConnection: one, serverRssMbAfterLoad: serverRssMb, allResponsesValid: runs.every(isClean) },
    searchHub: direct.byUser,
    explain: direct.explain,
    targets: {
      httpP95OneConnection: { target: `< ${TARGET_P95_MS} ms`, met: one.p95Ms < TARGET_P95_MS },
      searchHubP95: { target: `< ${TARGET_P95_MS} ms`, met: Object.values(direct.byUser).every((u) => u.all.p95 < TARGET_P95_MS) },
    },
  }
  writeResults(OUT, results)
  console.log(`
## Search bench, ${results.date}

${settingsLine(results.machine)} Database: ${bench.databaseLabel}. ${gen.posts.toLocaleString('en-GB')} posts in ${gen.threads.toLocaleString('en-GB')} threads (generated in ${round(generateMs / 1000)} s).

${runsTable(runs, { showConnections: true })}

${markdownTable(['searchHub (in process)', 'calls', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], 'lrrrrr', Object.entries(direct.byUser).map(([who, s]) => [who, s.all.n, s.all.p50, s.all.p95, s.all.p99, s.all.max]))}

${markdownTable(['query', `p50 ms (${READER})`, 'p95 ms', 'results'], 'lrrr', direct.byUser[READER].perQuery.map((q) => [`\`${q.query}\``, q.p50, q.p95, q.total]))}

${markdownTable(['measure', 'value', 'target', 'met'], 'lrll', [
  [`HTTP p95, ${CONNECTIONS} connections`, `${many.p95Ms} ms`, '', ''],
  ['HTTP p95, 1 connection', `${one.p95Ms} ms`, `< ${TARGET_P95_MS} ms`, yes(results.targets.httpP95OneConnection.met)],
  ['searchHub p95 (both users)', Object.values(direct.byUser).map((u) => `${u.all.p95} ms`).join(' / '), `< ${TARGET_P95_MS} ms`, yes(results.targets.searchHubP95.met)],
])}

Plans of the post query (EXPLAIN ANALYZE, every space):
${direct.explain.map((l) => `    ${l}`).join('\n')}

Results written to ${path.relative(root, OUT)}.`)
  if (!runs.every(isClean)) {
    console.error('bench: some responses were not a 200 results page; figures are not valid')
    process.exitCode = 1
  }
})
