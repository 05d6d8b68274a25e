// The baseline of bench/thread-fanout.ts: a bare Socket.IO server (the hub's socket.io
// version and server options, no authentication, no database, no Remix) on 127.0.0.1.
// A client's `join` puts it in the room and acks `{ ok: true }`, as the hub does;
// `POST /emit` with JSON `{ room, event, payload }` broadcasts the payload to the room and
// answers 204, so a broadcast is triggered the way the hub's is: by an HTTP request.
import http from 'node:http'
import { Server } from 'socket.io'

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') {
    res.writeHead(404).end()
    return
  }
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const { room, event, payload } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { room: string; event: string; payload: unknown }
    io.to(room).emit(event, payload)
    res.writeHead(204).end()
  })
})
const io = new Server(server, { serveClient: false, cors: undefined, maxHttpBufferSize: 64 * 1024, connectionStateRecovery: undefined })
io.on('connection', (socket) => {
  socket.on('join', async (room: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: { ok: boolean }) => void) : () => {}
    if (typeof room !== 'string') return reply({ ok: false })
    await socket.join(room)
    reply({ ok: true })
  })
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`bare socket.io listening on ${process.env.PORT}`))
process.on('SIGTERM', () => {
  io.close()
  server.close(() => process.exit(0))
})
