// Socket.IO room names. A client asks to join one by name; the server resolves the
// name to a policy resource and asks `can(user, 'subscribe', resource)`.
export const rooms = {
  user: (id: string) => `user:${id}`,
  council: (id: string) => `council:${id}`,
  region: (id: string) => `region:${id}`,
  assessment: (id: string) => `assessment:${id}`,
  /** A forum thread: its changes, typing and presence. */
  thread: (id: string) => `thread:${id}`,
  /**
   * The council's own side of an assessment room: saves and status moves of drafts. No
   * client can ask for it by name; joining `assessment:<id>` with `view_drafts` adds it.
   */
  drafts: (id: string) => `drafts:${id}`,
}

export type RoomRef = { kind: 'user' | 'council' | 'region' | 'assessment' | 'thread'; id: string }

export function parseRoom(name: unknown): RoomRef | null {
  if (typeof name !== 'string' || name.length > 100) return null
  const match = /^(user|council|region|assessment|thread):([a-z0-9]{1,40})$/.exec(name)
  return match ? { kind: match[1] as RoomRef['kind'], id: match[2] } : null
}
