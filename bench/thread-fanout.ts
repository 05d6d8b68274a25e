// `npm run bench:fanout`: how fast a new reply reaches 1,000 people reading the thread.
// Targets (forums issue): p99 < 250 ms from the writer's POST to a reader's `thread.change`
// event, and at most 2× a bare Socket.IO broadcast of the same payload on the same machine.
//
// 1. First start (migrations, demo data), then stopped. With the hub stopped,
//    bench/forum-content.ts writes a 50-post thread in the national space and 1,000
//    sessions (spread over the 153 demo directors, so several sockets share a person).
// 2. The measured hub (LOG_LEVEL=warn). Worker processes (bench/fanout-client.ts; 2 by
//    default, separate from the hub's process, on the same 2 cores) each open 500
//    socket.io-client sockets over the websocket transport, authenticated by the session
//    cookie, and join `thread:<id>`; every join must be acked `{ ok: true }`.
// 3. dcs.camden (signed in through POST /login) posts 30 replies of ~1,000 characters
//    through the thread's action, as the page's script does (`POST /threads/<id>.data?index`,
//    `intent=reply`, `body.text`, `_live=1`), one after another with 200 ms between an
//    answer and the next POST. Latency of a delivery = the reader's receipt of the event
//    carrying that post − the moment just before the POST was sent (one clock: every
//    process reads performance.timeOrigin + performance.now()). Also recorded: the POST's
//    answer time (the hub answers after the commit and the emit) and receipt − answer.
// 4. The same with a bare Socket.IO server (bench/fanout-bare.ts: same socket.io, no auth,
//    no database), fresh worker processes, the payload a hub reader actually received, and
//    the broadcast triggered by an HTTP POST. The hub is stopped first.
// Every reader must get every post: deliveries = readers × posts, or the bench fails.
//
// Knobs: BENCH_READERS (1000), BENCH_FANOUT_POSTS (30), BENCH_FANOUT_GAP_MS (200),
// BENCH_FANOUT_WORKERS (2), BENCH_OUT, BENCH_DATABASE_URL, BENCH_PROFILE_DIR.
import { fork, spawn, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { writeForumFixture } from './forum-content'
import { START_TIMEOUT_MS, freePort, num, percentile, profileArgs, resultsHead, resultsPath, root, round, signIn, sleep, waitHealthy, writeResults } from './support'
import { cpuMs, markdownTable, runBench, yes } from './support'

const OUT = resultsPath('thread-fanout')
const READERS = num('BENCH_READERS', 1000)
const POSTS = num('BENCH_FANOUT_POSTS', 30)
const GAP_MS = num('BENCH_FANOUT_GAP_MS', 200)
const WORKERS = num('BENCH_FANOUT_WORKERS', 2)
const WRITER = 'dcs.camden@example.org'
const TARGETS = { p99Ms: 250, ratio: 2 }
const OVERALL_TIMEOUT_MS = 15 * 60_000
const now = () => performance.timeOrigin + performance.now()

const workers = new Set<ChildProcess>()
process.on('exit', () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL')
})

type Collected = { received: [number, number[]][]; deliveries: number; sample: unknown; sampleBytes: number; disconnects: number; connected: number }

function ask<T>(worker: ChildProcess, message: object, answer: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== answer) return
      worker.off('message', onMessage)
      worker.off('exit', onExit)
      resolve(m as T)
    }
    const onExit = (code: number | null) => reject(new Error(`a client worker exited (${code}) before answering ${answer}`))
    worker.on('message', onMessage)
    worker.once('exit', onExit)
    worker.send(message)
  })
}

/** Worker processes holding `cookies.length` readers joined to `room`. */
async function connectReaders(url: string, room: string, cookies: (string | null)[]) {
  const started = now()
  const group: ChildProcess[] = []
  for (let i = 0; i < WORKERS; i++) {
    const w = fork(path.join(root, 'bench/fanout-client.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    workers.add(w)
    group.push(w)
  }
  const share = Math.ceil(cookies.length / WORKERS)
  const ready = await Promise.all(
    group.map((w, i) => ask<{ joined: number; failures: string[]; ms: number }>(w, { type: 'start', url, room, cookies: cookies.slice(i * share, (i + 1) * share), batch: 50 }, 'ready')),
  )
  const joined = ready.reduce((n, r) => n + r.joined, 0)
  const failures = ready.flatMap((r) => r.failures)
  console.log(`bench: ${joined}/${cookies.length} readers connected and joined in ${round(now() - started)} ms${failures.length ? `; failures: ${[...new Set(failures)].join(', ')}` : ''}`)
  return {
    joined,
    failures,
    connectMs: round(now() - started),
    collect: () => Promise.all(group.map((w) => ask<Collected>(w, { type: 'collect' }, 'collected'))),
    async close() {
      for (const w of group) if (w.exitCode === null) w.send({ type: 'close' })
      await sleep(500)
      for (const w of group) if (w.exitCode === null) w.kill('SIGKILL')
    },
  }
}

type Sent = { seq: number; sentAt: number; answeredAt: number; status: number }

/** Waits until every reader has every post (or `timeoutMs`), then the latencies. */
async function gather(readers: Awaited<ReturnType<typeof connectReaders>>, sent: Sent[], readerCount: number, timeoutMs = 10_000) {
  const deadline = now() + timeoutMs
  let parts: Collected[]
  for (;;) {
    await sleep(500)
    parts = await readers.collect()
    const got = parts.reduce((n, p) => n + p.deliveries, 0)
    if (got >= readerCount * sent.length || now() > deadline) break
  }
  const bySeq = new Map(sent.map((s) => [s.seq, s]))
  const fromSend: number[] = []
  const fromAnswer: number[] = []
  const perPost = new Map<number, number[]>()
  let stray = 0
  for (const part of parts)
    for (const [seq, times] of part.received) {
      const s = bySeq.get(seq)
      if (!s) {
        stray += times.length
        continue
      }
      for (const t of times) {
        fromSend.push(t - s.sentAt)
        fromAnswer.push(t - s.answeredAt)
        perPost.set(seq, [...(perPost.get(seq) ?? []), t - s.sentAt])
      }
    }
  fromSend.sort((a, b) => a - b)
  fromAnswer.sort((a, b) => a - b)
  const answerMs = sent.map((s) => s.answeredAt - s.sentAt).sort((a, b) => a - b)
  const stats = (xs: number[]) => ({ p50: round(percentile(xs, 50), 2), p95: round(percentile(xs, 95), 2), p99: round(percentile(xs, 99), 2), max: round(xs[xs.length - 1] ?? NaN, 2) })
  const lastReceipt = [...perPost.values()].map((xs) => Math.max(...xs)).sort((a, b) => a - b)
  return {
    expectedDeliveries: readerCount * sent.length,
    deliveries: fromSend.length,
    missed: readerCount * sent.length - fromSend.length,
    strayEvents: stray,
    disconnects: parts.reduce((n, p) => n + p.disconnects, 0),
    stillConnected: parts.reduce((n, p) => n + p.connected, 0),
    payloadBytes: parts.find((p) => p.sampleBytes)?.sampleBytes ?? null,
    sample: parts.find((p) => p.sample)?.sample ?? null,
    latencyMs: stats(fromSend),
    /** The POST's answer: the hub answers after the commit and the emit call. */
    postAnswerMs: stats(answerMs),
    /** Receipt − the POST's answer (negative: the reader had it before the writer's answer). */
    afterAnswerMs: stats(fromAnswer),
    /** Per post, the time until the last of the readers had it. */
    lastReaderMs: stats(lastReceipt),
    httpStatuses: [...new Set(sent.map((s) => s.status))],
  }
}

runBench(OVERALL_TIMEOUT_MS, async (bench) => {
  await bench.seed()
  const fixture = await writeForumFixture({ dataDir: bench.dataDir, databaseUrl: bench.databaseUrl, posts: 50, readerSessions: READERS })
  const room = `thread:${fixture.threadId}`
  const text = (i: number) =>
    `Reply ${i} from the bench. ` +
    'We tried a step-down panel that meets monthly with the family, the school and the social worker, and it kept most placements stable beyond six months. '.repeat(6) +
    '\n\nThe thing that made the difference was a named worker who stayed with the family through the change.'

  // 1. The hub.
  const hub = await bench.start('warn', profileArgs())
  await waitHealthy(hub, START_TIMEOUT_MS)
  const writer = await signIn(hub, WRITER)
  const hubReaders = await connectReaders(hub.url, room, fixture.readerCookies)
  await sleep(2_000) // presence recounts after the joins settle
  const hubCpuBefore = cpuMs(hub.child.pid)
  const hubSent: Sent[] = []
  for (let i = 1; i <= POSTS; i++) {
    const sentAt = now()
    const res = await fetch(`${hub.url}/threads/${fixture.threadId}.data?index`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: hub.url, cookie: writer },
      body: new URLSearchParams({ intent: 'reply', 'body.text': text(i), _live: '1' }),
    })
    const answeredAt = now()
    const body = await res.text()
    const seq = Number(/"seq",(\d+)/.exec(body)?.[1] ?? /seq\D{1,4}(\d+)/.exec(body)?.[1])
    if (res.status !== 200 || !seq) throw new Error(`reply ${i} answered ${res.status}: ${body.slice(0, 300)}`)
    hubSent.push({ seq, sentAt, answeredAt, status: res.status })
    await sleep(GAP_MS)
  }
  const hubResult = await gather(hubReaders, hubSent, hubReaders.joined)
  const hubCpuMs = hubCpuBefore !== null ? (cpuMs(hub.child.pid) ?? 0) - hubCpuBefore : null
  await hubReaders.close()
  await bench.stop(hub)
  console.log(`bench: hub: ${hubResult.deliveries}/${hubResult.expectedDeliveries} deliveries, p50 ${hubResult.latencyMs.p50} ms, p99 ${hubResult.latencyMs.p99} ms, max ${hubResult.latencyMs.max} ms`)

  // 2. The bare Socket.IO server, with the payload a hub reader got.
  const port = await freePort()
  const bareUrl = `http://127.0.0.1:${port}`
  const bare = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout-bare.ts'], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] })
  workers.add(bare)
  await new Promise<void>((resolve, reject) => {
    bare.stdout!.on('data', (c: Buffer) => c.toString().includes('listening') && resolve())
    bare.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)))
  })
  const bareReaders = await connectReaders(bareUrl, room, Array.from({ length: READERS }, () => null))
  await sleep(2_000)
  const sample = hubResult.sample as { threadId: string; change: number; post: { seq: number } }
  const bareCpuBefore = cpuMs(bare.pid)
  const bareSent: Sent[] = []
  for (let i = 1; i <= POSTS; i++) {
    const seq = 1000 + i
    const payload = { ...sample, change: sample.change + i, post: { ...sample.post, seq } }
    const sentAt = now()
    const res = await fetch(`${bareUrl}/emit`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ room, event: 'thread.change', payload }) })
    const answeredAt = now()
    await res.arrayBuffer()
    bareSent.push({ seq, sentAt, answeredAt, status: res.status })
    await sleep(GAP_MS)
  }
  const bareResult = await gather(bareReaders, bareSent, bareReaders.joined)
  const bareCpuMs = bareCpuBefore !== null ? (cpuMs(bare.pid) ?? 0) - bareCpuBefore : null
  await bareReaders.close()
  bare.kill('SIGTERM')
  console.log(`bench: bare: ${bareResult.deliveries}/${bareResult.expectedDeliveries} deliveries, p50 ${bareResult.latencyMs.p50} ms, p99 ${bareResult.latencyMs.p99} ms, max ${bareResult.latencyMs.max} ms`)

  const { sample: _a, ...hubOut } = hubResult
  const { sample: _b, ...bareOut } = bareResult
  const ratioP99 = round(hubResult.latencyMs.p99 / bareResult.latencyMs.p99, 2)
  const complete = hubResult.missed === 0 && bareResult.missed === 0 && hubReaders.joined === READERS && bareReaders.joined === READERS
  const results = {
    ...resultsHead('thread-fanout', bench, { readers: READERS, posts: POSTS, gapMs: GAP_MS, clientWorkers: WORKERS, transport: 'websocket', writer: WRITER, cpus: os.availableParallelism() }),
    thread: { id: fixture.threadId, postsBefore: fixture.posts },
    hub: { joined: hubReaders.joined, connectFailures: hubReaders.failures, connectMs: hubReaders.connectMs, serverCpuMsPerPost: hubCpuMs === null ? null : round(hubCpuMs / POSTS, 1), ...hubOut },
    bare: { joined: bareReaders.joined, connectFailures: bareReaders.failures, connectMs: bareReaders.connectMs, serverCpuMsPerPost: bareCpuMs === null ? null : round(bareCpuMs / POSTS, 1), ...bareOut },
    summary: { hubP99Ms: hubResult.latencyMs.p99, bareP99Ms: bareResult.latencyMs.p99, ratioP99, everyReaderGotEveryPost: complete },
    targets: {
      hubP99: { target: `< ${TARGETS.p99Ms} ms`, met: hubResult.latencyMs.p99 < TARGETS.p99Ms },
      ratio: { target: `hub p99 ≤ ${TARGETS.ratio}× bare p99`, met: ratioP99 <= TARGETS.ratio },
    },
  }
  writeResults(OUT, results)
  const row = (name: string, r: typeof hubResult, joined: number, cpu: number | null) => [
    name,
    `${joined}/${READERS}`,
    `${r.deliveries}/${r.expectedDeliveries}`,
    r.latencyMs.p50,
    r.latencyMs.p95,
    r.latencyMs.p99,
    r.latencyMs.max,
    `${r.postAnswerMs.p50} / ${r.postAnswerMs.max}`,
    `${r.afterAnswerMs.p50} / ${r.afterAnswerMs.p99}`,
    cpu === null ? '–' : round(cpu / POSTS, 1),
  ]
  console.log(`
## Thread fan-out bench, ${results.date}

${results.machine.cpus} CPUs (${results.machine.cpuModel}), Node ${results.machine.node}. Database: ${bench.databaseLabel}. Load average before/after: ${results.machine.loadAverageBefore.join(' ')} / ${results.machine.loadAverageAfter.join(' ')}. ${READERS} readers in ${WORKERS} worker processes (websocket), ${POSTS} posts ${GAP_MS} ms apart; payload ${hubResult.payloadBytes} B.

${markdownTable(['server', 'joined', 'deliveries', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'POST answer p50 / max ms', 'receipt − answer p50 / p99 ms', 'server CPU ms/post'], 'lllrrrrlll', [
  row('hub', hubResult, hubReaders.joined, hubCpuMs),
  row('bare Socket.IO', bareResult, bareReaders.joined, bareCpuMs),
])}

${markdownTable(['measure', 'value', 'target', 'met'], 'lrll', [
  ['hub p99', `${hubResult.latencyMs.p99} ms`, `< ${TARGETS.p99Ms} ms`, yes(results.targets.hubP99.met)],
  ['hub p99 ÷ bare p99', ratioP99, `≤ ${TARGETS.ratio}`, yes(results.targets.ratio.met)],
  ['every reader got every post', complete ? 'yes' : 'no', 'yes', yes(complete)],
])}

Results written to ${path.relative(root, OUT)}.`)
  if (!complete) {
    console.error('bench: a reader failed to join or missed a post; figures are not valid')
    process.exitCode = 1
  }
})
