import { describe, expect, it } from 'vitest'
import { parseRoom, rooms } from './rooms'

describe('room names', () => {
  it('round-trips the rooms the server makes', () => {
    expect(parseRoom(rooms.council('abc123'))).toEqual({ kind: 'council', id: 'abc123' })
    expect(parseRoom(rooms.region('r1'))).toEqual({ kind: 'region', id: 'r1' })
    expect(parseRoom(rooms.user('u1'))).toEqual({ kind: 'user', id: 'u1' })
  })
  it('rejects anything else', () => {
    for (const bad of ['session:abc', 'council:', 'council:ABC', 'assessments:a', 'council:a b', 'x'.repeat(200), 42, null, { room: 'council:a' }, 'council:a:b']) {
      expect(parseRoom(bad)).toBeNull()
    }
  })
})
