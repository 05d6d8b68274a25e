import { db, services } from '~/services.server'
import { can, type Actor } from '~/policy/policy'
import { publish } from '~/realtime/publish.server'
import { rooms } from '~/realtime/rooms'
import { publishChange } from './posts.server'
import { allSpaces, spaceFacts } from './spaces.server'
import { excerpt, type ThreadRow } from './threads.server'

// Moderators' actions: hide and restore posts and threads, lock, pin, move, and the queue
// of flags. Callers have asked the policy (`moderate`).

async function bumpChange(threadId: string, postId: string | null, data: Record<string, unknown> = {}) {
  return db().$transaction(async (tx) => {
    const { changeSeq } = await tx.thread.update({ where: { id: threadId }, data: { changeSeq: { increment: 1 }, ...data }, select: { changeSeq: true } })
    if (postId) await tx.post.update({ where: { id: postId }, data: { changedSeq: changeSeq } })
    return changeSeq
  })
}

/** Hides a post from everyone but moderators (it vanishes live), or restores it. Its open flags are resolved. */
export async function setPostHidden(moderator: Actor, thread: ThreadRow, postId: string, hide: boolean, reason = '') {
  const change = await db().$transaction(async (tx) => {
    await tx.post.update({
      where: { id: postId },
      data: hide ? { hiddenAt: new Date(), hiddenById: moderator.id, hideReason: reason || null } : { hiddenAt: null, hiddenById: null, hideReason: null },
    })
    if (hide) await tx.flag.updateMany({ where: { postId, resolvedAt: null }, data: { resolvedAt: new Date(), resolvedById: moderator.id, outcome: 'hidden' } })
    const { changeSeq } = await tx.thread.update({ where: { id: thread.id }, data: { changeSeq: { increment: 1 } }, select: { changeSeq: true } })
    await tx.post.update({ where: { id: postId }, data: { changedSeq: changeSeq } })
    return changeSeq
  })
  await publishChange(thread, change, hide ? { removedPostId: postId } : { postId })
}

/** Hides a whole thread (readers lose it at once) or restores it. */
export async function setThreadHidden(moderator: Actor, thread: ThreadRow, hide: boolean) {
  await db().thread.update({ where: { id: thread.id }, data: hide ? { hiddenAt: new Date(), hiddenById: moderator.id } : { hiddenAt: null, hiddenById: null } })
  await accessChanged(thread)
}

export async function setLocked(thread: ThreadRow, lock: boolean) {
  const change = await bumpChange(thread.id, null, { lockedAt: lock ? new Date() : null })
  await publishChange(thread, change, { thread: true })
}

export async function setPinned(thread: ThreadRow, pin: boolean) {
  const change = await bumpChange(thread.id, null, { pinnedAt: pin ? new Date() : null })
  await publishChange(thread, change, { thread: true })
}

/** Moves a thread to another space the moderator also moderates. Readers who lose access leave the room. */
export async function moveThread(thread: ThreadRow, spaceId: string) {
  await db().thread.update({ where: { id: thread.id }, data: { spaceId } })
  await accessChanged(thread)
}

/** Who may read the thread has changed: open pages reload, and sockets no longer allowed leave. */
async function accessChanged(thread: ThreadRow) {
  publish(rooms.thread(thread.id), 'thread.access', { threadId: thread.id })
  await services().recheckRoom(rooms.thread(thread.id))
}

/** The spaces a thread can be moved to by this moderator. */
export async function moveTargets(moderator: Actor, thread: ThreadRow) {
  return (await allSpaces()).filter((s) => s.id !== thread.spaceId && can(moderator, 'moderate', spaceFacts(s)))
}

/** Open flags on posts in the spaces this person moderates, oldest first. */
export async function flagQueue(moderator: Actor) {
  const spaces = (await allSpaces()).filter((s) => can(moderator, 'moderate', spaceFacts(s)))
  if (!spaces.length) return { spaces, flags: [] }
  const flags = await db().flag.findMany({
    where: { resolvedAt: null, post: { thread: { spaceId: { in: spaces.map((s) => s.id) } } } },
    orderBy: { createdAt: 'asc' },
    take: 200,
    select: {
      id: true,
      reason: true,
      createdAt: true,
      user: { select: { name: true } },
      post: { select: { id: true, seq: true, text: true, hiddenAt: true, author: { select: { name: true } }, thread: { select: { id: true, title: true, spaceId: true } } } },
    },
  })
  const spaceNames = new Map(spaces.map((s) => [s.id, s.name]))
  return {
    spaces,
    flags: flags.map((f) => ({
      id: f.id,
      reason: f.reason,
      createdAt: f.createdAt.toISOString(),
      flaggedBy: f.user.name,
      postId: f.post.id,
      postSeq: f.post.seq,
      postAuthor: f.post.author.name,
      postExcerpt: excerpt(f.post.text, 300),
      postHidden: !!f.post.hiddenAt,
      threadId: f.post.thread.id,
      threadTitle: f.post.thread.title,
      spaceName: spaceNames.get(f.post.thread.spaceId) ?? '',
    })),
  }
}

export async function findFlag(id: string) {
  if (!/^[a-z0-9]{1,40}$/.test(id)) return null
  return db().flag.findUnique({ where: { id }, select: { id: true, postId: true, resolvedAt: true } })
}

/** Dismisses a flag: the post stays. */
export async function dismissFlag(moderator: Actor, flagId: string) {
  await db().flag.updateMany({ where: { id: flagId, resolvedAt: null }, data: { resolvedAt: new Date(), resolvedById: moderator.id, outcome: 'dismissed' } })
}
