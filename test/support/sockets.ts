import { io as connect, type Socket } from 'socket.io-client'
import { Visitor } from './browser-less'

/** Resolves once the socket is connected; rejects with the server's refusal. */
export function connected(socket: Socket) {
  return new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', (e) => reject(e))
  })
}

/** Joins a room as a page does, with the server's answer. */
export const join = (socket: Socket, room: string) => socket.emitWithAck('join', room) as Promise<{ ok: boolean; error?: string }>

/**
 * Socket.IO clients for a test file, as the hub's pages open them (websocket, cookie in the
 * handshake, no automatic reconnection). `closeAll` in afterAll disconnects every one.
 */
export function socketsOf(base: () => string) {
  const open: Socket[] = []
  function socketFor(cookie?: string) {
    const socket = connect(base(), { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true })
    open.push(socket)
    return socket
  }
  /** A connected socket on a session of its own, so signing out elsewhere does not end it. */
  async function signedInSocket(email: string) {
    const visitor = new Visitor(base())
    await visitor.signIn(email)
    const socket = socketFor(visitor.cookieHeader)
    await connected(socket)
    return { socket, visitor }
  }
  return { socketFor, signedInSocket, closeAll: () => open.forEach((s) => s.disconnect()) }
}
