// A worker process of bench/thread-fanout.ts: holds many socket.io-client readers (websocket
// transport, one connection each), joins each to one room and records when every
// `thread.change` event arrives, on the machine's clock (performance.timeOrigin + now, the
// same clock the parent uses). Talks to its parent over the fork IPC channel.
import { io, type Socket } from 'socket.io-client'

type Start = { type: 'start'; url: string; room: string; cookies: (string | null)[]; batch: number }
type Message = Start | { type: 'collect' } | { type: 'close' }

const now = () => performance.timeOrigin + performance.now()
const sockets: Socket[] = []
// seq of the post an event carries → receipt times.
const received = new Map<number, number[]>()
let sample: unknown = null
let sampleBytes = 0
let deliveries = 0
let disconnects = 0

function connectOne(url: string, room: string, cookie: string | null): Promise<'ok' | string> {
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 60_000,
      extraHeaders: cookie ? { cookie } : {},
    })
    sockets.push(socket)
    socket.on('thread.change', (event: { post?: { seq: number } }) => {
      const t = now()
      const seq = event.post?.seq
      if (seq === undefined) return
      let list = received.get(seq)
      if (!list) received.set(seq, (list = []))
      list.push(t)
      deliveries++
      if (!sample) {
        sample = event
        sampleBytes = Buffer.byteLength(JSON.stringify(event))
      }
    })
    socket.on('disconnect', () => disconnects++)
    socket.once('connect_error', (error) => resolve(`connect: ${error.message}`))
    socket.once('connect', () => {
      socket.timeout(60_000).emit('join', room, (error: Error | null, reply?: { ok: boolean; error?: string }) => {
        if (error) resolve(`join: ${error.message}`)
        else resolve(reply?.ok ? 'ok' : `join: ${reply?.error ?? 'refused'}`)
      })
    })
  })
}

process.on('message', async (message: Message) => {
  if (message.type === 'start') {
    const started = now()
    const failures: string[] = []
    for (let i = 0; i < message.cookies.length; i += message.batch) {
      const outcomes = await Promise.all(message.cookies.slice(i, i + message.batch).map((c) => connectOne(message.url, message.room, c)))
      for (const o of outcomes) if (o !== 'ok') failures.push(o)
    }
    process.send!({ type: 'ready', joined: message.cookies.length - failures.length, failures, ms: now() - started })
  } else if (message.type === 'collect') {
    process.send!({ type: 'collected', received: [...received], deliveries, sample, sampleBytes, disconnects, connected: sockets.filter((s) => s.connected).length })
  } else if (message.type === 'close') {
    for (const s of sockets) s.disconnect()
    setTimeout(() => process.exit(0), 200)
  }
})
process.on('disconnect', () => process.exit(0))
