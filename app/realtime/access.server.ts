import { db } from '~/services.server'
import { can, type Actor } from '~/policy/policy'
import { parseRoom, rooms, type RoomRef } from './rooms'
import { assessmentResource } from '~/self-assessment/assessments.server'
import { findThread, threadFacts } from '~/forums/threads.server'

/** Whether a signed-in user may join a Socket.IO room: resolved to a resource, asked of the policy. */
export async function mayJoinRoom(user: Actor, roomName: unknown): Promise<boolean> {
  return (await roomsToJoin(user, roomName)).length > 0
}

/**
 * The rooms a join request puts a socket in: none when the policy refuses, the room
 * itself, and for an assessment's own council also its drafts room.
 */
export async function roomsToJoin(user: Actor, roomName: unknown): Promise<string[]> {
  const room = parseRoom(roomName)
  if (!room) return []
  if (room.kind === 'assessment') {
    const resource = await assessmentResource(room.id)
    if (!resource || !can(user, 'view', resource)) return []
    return can(user, 'view_drafts', resource) ? [rooms.assessment(room.id), rooms.drafts(room.id)] : [rooms.assessment(room.id)]
  }
  return (await mayJoinOther(user, room)) ? [roomName as string] : []
}

async function mayJoinOther(user: Actor, room: RoomRef): Promise<boolean> {
  switch (room.kind) {
    case 'user':
      return can(user, 'view', { kind: 'account', userId: room.id })
    case 'region':
      return can(user, 'subscribe', { kind: 'region', id: room.id })
    case 'council': {
      const council = await db().council.findUnique({ where: { id: room.id }, select: { id: true, regionId: true } })
      return !!council && can(user, 'subscribe', { kind: 'council', id: council.id, regionId: council.regionId })
    }
    case 'thread': {
      const thread = await findThread(room.id)
      return !!thread && can(user, 'view', threadFacts(thread))
    }
    case 'assessment':
      return false // handled by roomsToJoin
  }
}
