import { db } from '~/services.server'
import { can, type Actor } from '~/policy/policy'
import { parseRoom } from './rooms'
import { assessmentResource } from '~/self-assessment/assessments.server'

/** Whether a signed-in user may join a Socket.IO room: resolved to a resource, asked of the policy. */
export async function mayJoinRoom(user: Actor, roomName: unknown): Promise<boolean> {
  const room = parseRoom(roomName)
  if (!room) return false
  switch (room.kind) {
    case 'user':
      return can(user, 'view', { kind: 'account', userId: room.id })
    case 'region':
      return can(user, 'subscribe', { kind: 'region', id: room.id })
    case 'council': {
      const council = await db().council.findUnique({ where: { id: room.id }, select: { id: true, regionId: true } })
      return !!council && can(user, 'subscribe', { kind: 'council', id: council.id, regionId: council.regionId })
    }
    case 'assessment': {
      // Whoever may read the assessment may follow its live comments and saves.
      const resource = await assessmentResource(room.id)
      return !!resource && can(user, 'view', resource)
    }
  }
}
