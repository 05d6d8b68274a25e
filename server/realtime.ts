import type http from 'node:http'
import { Server, type Socket } from 'socket.io'
import { createAdapter } from '@socket.io/redis-adapter'
import { createClient } from 'redis'
import { SESSION_COOKIE, readCookie, validateSessionToken, type SignedInUser } from '../app/auth/session.server.ts'
import { mayJoinRoom, roomsToJoin } from '../app/realtime/access.server.ts'
import { rooms } from '../app/realtime/rooms.ts'
import type { Logger } from './logger.ts'

export type Realtime = {
  io: Server
  publish(room: string, event: string, payload: unknown): void
  /** Disconnects the sockets of ended sessions (sign out, password change). */
  endSessions(sessionIds: string[]): void
  /** Asks the policy again for every socket in a room, and removes those no longer allowed. */
  recheckRoom(room: string): Promise<void>
  close(): Promise<void>
}

type SocketData = { user: SignedInUser; sessionId: string }
const sessionRoom = (id: string) => `session:${id}`
const PRESENCE_DELAY_MS = 300

/**
 * Socket.IO on the hub's own HTTP server. A socket is admitted only with a valid session
 * cookie; it may join a room only when the policy allows; events only say what changed.
 */
export async function attachRealtime(httpServer: http.Server, options: { logger: Logger; redisUrl?: string }): Promise<Realtime> {
  const { logger } = options
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    // Same origin only: the browser sends the session cookie, so no cross-site sockets.
    cors: undefined,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
  })
  const redisClients: { quit(): Promise<unknown> }[] = []
  if (options.redisUrl) {
    const pub = createClient({ url: options.redisUrl })
    const sub = pub.duplicate()
    for (const client of [pub, sub]) client.on('error', (error) => logger.error('redis connection error', { error }))
    await Promise.all([pub.connect(), sub.connect()])
    io.adapter(createAdapter(pub, sub))
    redisClients.push(pub, sub)
    logger.info('socket.io uses the redis adapter')
  }

  io.use(async (socket, next) => {
    try {
      const token = readCookie(socket.request.headers.cookie, SESSION_COOKIE)
      const auth = token ? await validateSessionToken(token) : null
      if (!auth) return next(new Error('unauthorised'))
      socket.data = { user: auth.user, sessionId: auth.session.id }
      next()
    } catch (error) {
      logger.error('socket authentication failed', { error })
      next(new Error('unavailable'))
    }
  })

  // Presence: who has a thread open. Recounted shortly after people come and go, once per
  // burst, so a thousand readers arriving do not cause a thousand broadcasts.
  const presenceTimers = new Map<string, NodeJS.Timeout>()
  const schedulePresence = (room: string) => {
    if (!room.startsWith('thread:') || presenceTimers.has(room)) return
    presenceTimers.set(
      room,
      setTimeout(async () => {
        presenceTimers.delete(room)
        try {
          const sockets = await io.in(room).fetchSockets()
          const readers = new Map<string, string>()
          for (const s of sockets) readers.set((s.data as SocketData).user.id, (s.data as SocketData).user.name)
          io.to(room).emit('presence' as never, { room, count: readers.size, readers: [...readers].slice(0, 30).map(([id, name]) => ({ id, name })) } as never)
        } catch (error) {
          logger.error('presence count failed', { error })
        }
      }, PRESENCE_DELAY_MS).unref(),
    )
  }

  io.on('connection', (socket: Socket) => {
    const { user, sessionId } = socket.data as SocketData
    void socket.join([rooms.user(user.id), sessionRoom(sessionId)])
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) if (room.startsWith('thread:')) schedulePresence(room)
    })
    let lastTyping = 0
    socket.on('typing', (room: unknown) => {
      // Only in a room the socket was admitted to, and at most once a second.
      if (typeof room !== 'string' || !room.startsWith('thread:') || !socket.rooms.has(room)) return
      const now = Date.now()
      if (now - lastTyping < 1000) return
      lastTyping = now
      socket.to(room).emit('typing' as never, { room, userId: user.id, name: user.name } as never)
    })
    socket.on('join', async (room: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (r: { ok: boolean; error?: string }) => void) : () => {}
      try {
        const granted = await roomsToJoin(user, room)
        if (granted.length) {
          await socket.join(granted)
          reply({ ok: true })
          for (const room of granted) schedulePresence(room)
        } else {
          reply({ ok: false, error: 'forbidden' })
        }
      } catch (error) {
        logger.error('socket join failed', { error })
        reply({ ok: false, error: 'unavailable' })
      }
    })
    socket.on('leave', (room: unknown) => {
      if (typeof room !== 'string' || room.startsWith('session:') || room === rooms.user(user.id)) return
      void socket.leave(room)
      schedulePresence(room)
      if (room.startsWith('assessment:')) void socket.leave(rooms.drafts(room.slice('assessment:'.length)))
    })
  })

  return {
    io: io as unknown as Server,
    publish(room, event, payload) {
      io.to(room).emit(event as never, payload as never)
    },
    endSessions(sessionIds) {
      for (const id of sessionIds) io.in(sessionRoom(id)).disconnectSockets(true)
    },
    async recheckRoom(room) {
      // fetchSockets spans every instance when the Redis adapter is in use.
      const sockets = await io.in(room).fetchSockets()
      await Promise.all(
        sockets.map(async (socket) => {
          const { user } = socket.data as SocketData
          if (!(await mayJoinRoom(user, room))) socket.leave(room)
        }),
      )
      schedulePresence(room)
    },
    async close() {
      for (const timer of presenceTimers.values()) clearTimeout(timer)
      io.disconnectSockets(true)
      await new Promise<void>((resolve) => io.close(() => resolve()))
      await Promise.all(redisClients.map((c) => c.quit().catch(() => {})))
    },
  }
}
