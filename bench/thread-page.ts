// `npm run bench:thread`: the server render of a forum thread with 500 posts, as a member
// reads it. Target (forums issue): p95 < 100 ms, with 1 connection and with 10.
//
// 1. First start on an empty folder (migrations, demo data), then stopped.
// 2. With the hub stopped, bench/forum-content.ts writes a thread of 500 posts into the
//    national space straight into the tables: 600–1,500 characters each (paragraphs, bold
//    lead-ins, bullet lists, a link in every 7th), HTML rendered as the hub does at write,
//    reactions on a third of the posts, every 20th reply quoting an earlier post, authors
//    spread over the demo directors.
// 3. The measured hub (LOG_LEVEL=warn) serves GET /threads/<id> to dcs.camden (a reader:
//    not the author, not a moderator), signed in through POST /login. Every response must
//    be a 200 that ends with the last post's text. The page shows the opening post and the
//    latest 50 replies (REPLY_WINDOW); GET /threads/<id>?all=1, every one of the 500 posts,
//    is measured too, with 1 connection.
//
// Knobs: those of bench/support.ts (BENCH_DURATION, BENCH_CONNECTIONS, BENCH_WARMUP,
// BENCH_OUT, BENCH_PROFILE_DIR, BENCH_DATABASE_URL) and BENCH_POSTS (500).
import path from 'node:path'
import { writeForumFixture } from './forum-content'
import { CONNECTIONS, DURATION_S, START_TIMEOUT_MS, WARMUP_S, num, profileArgs, resultsHead, resultsPath, root } from './support'
import { check, isClean, load, rssMb, runBench, signIn, waitHealthy, type RunResult } from './support'
import { markdownTable, round, runsTable, settingsLine, summariseRuns, writeResults, yes } from './support'

const OUT = resultsPath('thread-page')
const POSTS = num('BENCH_POSTS', 500)
const READER = 'dcs.camden@example.org'
const TARGETS = { p95Ms: 100 }
const OVERALL_TIMEOUT_MS = 15 * 60_000

runBench(OVERALL_TIMEOUT_MS, async (bench) => {
  const seedStartMs = await bench.seed()
  const fixture = await writeForumFixture({ dataDir: bench.dataDir, databaseUrl: bench.databaseUrl, posts: POSTS })
  console.log(`bench: thread ${fixture.threadId}: ${fixture.posts} posts, ${fixture.textChars} characters of text, ${fixture.reactions} reactions, ${fixture.repliesTo} replies-to`)

  const hub = await bench.start('warn', profileArgs())
  await waitHealthy(hub, START_TIMEOUT_MS)
  const reader = { cookie: await signIn(hub, READER) }
  const pagePath = `/threads/${fixture.threadId}`
  const isPage = (body: string) => body.includes(fixture.lastPhrase) && body.includes(`${fixture.posts - 1} replies`)
  const page = await check(hub, pagePath, reader, isPage)
  console.log(`bench: ${pagePath}: ${page.bytes} B of HTML as ${READER}`)

  const pageLoad = (seconds: number, connections: number, serverPid?: number) => load({ url: hub.url + pagePath, seconds, connections, headers: reader, verifyBody: isPage, serverPid })
  console.log(`bench: warming up (${WARMUP_S} s)…`)
  await pageLoad(WARMUP_S, CONNECTIONS)

  const pid = hub.child.pid
  const runs: RunResult[] = []
  for (const connections of [1, CONNECTIONS, 1, CONNECTIONS]) {
    const r = await pageLoad(DURATION_S, connections, pid)
    runs.push(r)
    console.log(`bench: ${r.route} × ${connections}: ${r.requestsPerSec} req/s, p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, hub CPU ${r.serverCpuMsPerRequest} ms/request`)
  }
  // Diagnostic: the loader and its serialisation alone (Remix's `.data` request: no React render), 1 connection.
  const isData = (body: string) => body.includes(fixture.lastPhrase)
  await load({ url: `${hub.url}${pagePath}.data`, seconds: WARMUP_S, connections: 1, headers: reader, verifyBody: isData })
  const dataRun = await load({ url: `${hub.url}${pagePath}.data`, seconds: DURATION_S, connections: 1, headers: reader, verifyBody: isData, serverPid: pid })
  console.log(`bench: ${dataRun.route} × 1: ${dataRun.requestsPerSec} req/s, p50 ${dataRun.latencyMs.p50} ms, p95 ${dataRun.latencyMs.p95} ms, hub CPU ${dataRun.serverCpuMsPerRequest} ms/request`)
  // The whole thread on one page (`?all=1`), 1 connection.
  const allPath = `${pagePath}?all=1`
  const allPage = await check(hub, allPath, reader, isPage)
  await load({ url: hub.url + allPath, seconds: WARMUP_S, connections: 1, headers: reader, verifyBody: isPage })
  const allRun = await load({ url: hub.url + allPath, seconds: DURATION_S, connections: 1, headers: reader, verifyBody: isPage, serverPid: pid })
  console.log(`bench: ${allRun.route} × 1: ${allRun.requestsPerSec} req/s, p50 ${allRun.latencyMs.p50} ms, p95 ${allRun.latencyMs.p95} ms, hub CPU ${allRun.serverCpuMsPerRequest} ms/request, ${allPage.bytes} B`)
  await check(hub, pagePath, reader, isPage)
  const serverRssMb = rssMb(pid)
  await bench.stop(hub)

  const one = summariseRuns(runs, 1)
  const many = summariseRuns(runs, CONNECTIONS)
  const clean = runs.every(isClean) && isClean(dataRun) && isClean(allRun)
  const { readerCookies: _, ...thread } = fixture
  const results = {
    ...resultsHead('thread-page', bench, { reader: READER, posts: POSTS }),
    firstStartWithSeedMs: round(seedStartMs),
    thread: { ...thread, path: pagePath, pageBytes: page.bytes },
    runs,
    loaderOnly: dataRun,
    allPosts: { path: allPath, pageBytes: allPage.bytes, run: allRun },
    summary: { oneConnection: one, connections: many, serverRssMbAfterLoad: serverRssMb, allResponsesValid: clean },
    targets: {
      p95OneConnection: { target: `< ${TARGETS.p95Ms} ms at 1 connection`, met: one.p95Ms < TARGETS.p95Ms },
      p95: { target: `< ${TARGETS.p95Ms} ms at ${CONNECTIONS} connections`, met: many.p95Ms < TARGETS.p95Ms },
    },
  }
  writeResults(OUT, results)

  console.log(`
## Thread page bench, ${results.date}

${settingsLine(results.machine)} Database: ${bench.databaseLabel}. Load average before/after: ${results.machine.loadAverageBefore.join(' ')} / ${results.machine.loadAverageAfter.join(' ')}.

Page \`${pagePath}\` as ${READER}: ${POSTS} posts, ${fixture.textChars.toLocaleString('en-GB')} characters of text, ${page.bytes.toLocaleString('en-GB')} B of HTML.

${runsTable(runs, { showConnections: true })}

${markdownTable(['measure', 'value', 'target', 'met'], 'lrll', [
  ['req/s, 1 connection (mean of 2)', one.requestsPerSec, '', ''],
  ['p50 / p95 / p99, 1 connection', `${one.p50Ms} / ${one.p95Ms} / ${one.p99Ms} ms`, `p95 < ${TARGETS.p95Ms} ms`, yes(results.targets.p95OneConnection.met)],
  [`req/s, ${CONNECTIONS} connections (mean of 2)`, many.requestsPerSec, '', ''],
  [`p50 / p95 / p99, ${CONNECTIONS} connections`, `${many.p50Ms} / ${many.p95Ms} / ${many.p99Ms} ms`, `p95 < ${TARGETS.p95Ms} ms`, yes(results.targets.p95.met)],
  ['hub CPU per request, 1 / 10 connections (ms)', `${one.serverCpuMsPerRequest ?? '–'} / ${many.serverCpuMsPerRequest ?? '–'}`, '', ''],
  ['loader and data only (`.data`, no render), 1 connection: p50 / p95, hub CPU', `${dataRun.latencyMs.p50} / ${dataRun.latencyMs.p95} ms, ${dataRun.serverCpuMsPerRequest ?? '–'} ms/req`, '', ''],
  [`every post on one page (\`?all=1\`, ${allPage.bytes.toLocaleString('en-GB')} B), 1 connection: p50 / p95, hub CPU`, `${allRun.latencyMs.p50} / ${allRun.latencyMs.p95} ms, ${allRun.serverCpuMsPerRequest ?? '–'} ms/req`, '', ''],
  ['non-2xx responses, all runs', runs.reduce((s, r) => s + r.non2xx, 0), '0', yes(runs.every((r) => r.non2xx === 0))],
])}

Results written to ${path.relative(root, OUT)}.`)
  if (!clean) {
    console.error('bench: some responses were not the whole thread page; figures are not valid')
    process.exitCode = 1
  }
})
