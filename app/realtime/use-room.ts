import { useEffect, useRef } from 'react'
import type { Socket } from 'socket.io-client'

// Live updates on a page: join one Socket.IO room (the server asks the policy) and hear
// its events. Events only say what changed; the page refetches through its loaders, so a
// client never learns anything from an event it could not load itself. socket.io-client
// is imported on first use, keeping it out of pages that are not live.

let shared: Promise<Socket> | null = null
function connection(): Promise<Socket> {
  shared ??= import('socket.io-client').then(({ io }) => io({ transports: ['websocket', 'polling'], withCredentials: true }))
  return shared
}

/** Sends an event on the page's live connection (typing indicators). Does nothing before it connects. */
export function emitLive(event: string, payload: unknown) {
  void shared?.then((s) => s.connected && s.emit(event, payload))
}

const SPECIAL = ['rejoined', 'joined']

/**
 * `handlers` maps event names to what to do. The special `rejoined` handler runs after a
 * lost connection comes back: events sent meanwhile were missed, so the page refetches.
 * `joined` runs each time the server has admitted the socket to the room (the first time
 * too): a page can then ask for anything that changed since it was rendered.
 */
export function useRoom(room: string | null, handlers: Record<string, (payload: unknown) => void>) {
  const latest = useRef(handlers)
  latest.current = handlers
  useEffect(() => {
    if (!room) return
    let socket: Socket | null = null
    let gone = false
    let joinedBefore = false
    const join = () => {
      socket?.emit('join', room, (reply: { ok?: boolean } | undefined) => {
        if (reply?.ok && !gone) latest.current.joined?.(undefined)
      })
      if (joinedBefore) latest.current.rejoined?.(undefined)
      joinedBefore = true
    }
    const listeners = new Map<string, (payload: unknown) => void>()
    void connection().then((s) => {
      if (gone) return
      socket = s
      for (const event of Object.keys(latest.current).filter((e) => !SPECIAL.includes(e))) {
        const listener = (payload: unknown) => latest.current[event]?.(payload)
        listeners.set(event, listener)
        s.on(event, listener)
      }
      // After a reconnect the server has forgotten our rooms: join again, and let the
      // page catch up on what it missed.
      s.on('connect', join)
      if (s.connected) join()
    })
    return () => {
      gone = true
      if (!socket) return
      socket.emit('leave', room)
      socket.off('connect', join)
      for (const [event, listener] of listeners) socket.off(event, listener)
    }
  }, [room])
}
