import { db, services } from '~/services.server'
import type { Actor } from '~/policy/policy'
import { publish } from '~/realtime/publish.server'
import { rooms } from '~/realtime/rooms'
import { type ThreadInput, type PostContent } from './post-form'
import { excerpt, findThread, visiblePostView, renderPostContent, threadState, type ThreadRow } from './threads.server'
import type { SpaceRow } from './spaces.server'
import type { PostView, ReactionKey, ThreadChange } from './thread-view'
import { notifyAboutPost } from './notifications.server'

// Writing in the forums: starting threads, replying, editing, reacting, flagging and
// accepting answers. Callers have asked the policy; each write bumps the thread's change
// number in the same transaction, and the live event goes out after it commits.

type Author = Pick<Actor, 'id' | 'councilId'>

/** Tells everyone reading the thread about one change; called after the commit. */
export async function publishChange(thread: ThreadRow, change: number, what: { postId?: string; removedPostId?: string; thread?: boolean; view?: PostView }) {
  // The event carries a post as every reader sees it: everyone in the room was admitted
  // by the policy to read the thread's visible posts. A hidden post is only removed.
  const event: ThreadChange = { threadId: thread.id, change }
  if (what.view) event.post = what.view
  else if (what.postId) {
    const view = await visiblePostView(thread, what.postId)
    if (view) event.post = view
    else event.removedPostId = what.postId
  }
  if (what.removedPostId) event.removedPostId = what.removedPostId
  if (what.thread) {
    const fresh = await findThread(thread.id)
    if (fresh) event.thread = threadState(fresh)
  }
  publish(rooms.thread(thread.id), 'thread.change', event)
}

export async function createThread(author: Author, space: SpaceRow, input: ThreadInput): Promise<string> {
  const thread = await db().$transaction(async (tx) => {
    const created = await tx.thread.create({
      data: {
        spaceId: space.id,
        kind: input.kind,
        title: input.title,
        themes: input.themes,
        contact: input.contact,
        authorId: author.id,
        councilId: author.councilId,
        lastSeq: 1,
        changeSeq: 1,
      },
      select: { id: true },
    })
    const post = await tx.post.create({
      data: {
        threadId: created.id,
        seq: 1,
        changedSeq: 1,
        authorId: author.id,
        councilId: author.councilId,
        content: input.content as object,
        text: input.text,
        html: renderPostContent(input.content),
        title: input.title,
      },
      select: { id: true },
    })
    // The author follows their own thread.
    await tx.watch.create({ data: { userId: author.id, threadId: created.id } })
    return { id: created.id, postId: post.id }
  })
  const row = await findThread(thread.id)
  if (row) afterCommit(() => notifyAboutPost({ thread: row, postId: thread.postId, authorId: author.id, text: `${input.title}\n${input.text}`, opening: true }))
  return thread.id
}

export type ReplyOutcome = { ok: true; postId: string; seq: number } | { ok: false; error: string }

/**
 * A reply. Its live event is built from what the write already holds (the author's name and
 * council come with the signed-in user), not read back: with a thousand readers waiting,
 * every query before the emit is latency for all of them.
 */
export async function reply(
  author: Author & { name: string; council: { name: string } | null },
  thread: ThreadRow,
  input: { content: PostContent; text: string; replyToSeq?: number },
): Promise<ReplyOutcome> {
  const html = renderPostContent(input.content)
  const outcome = await db().$transaction(async (tx) => {
    const replyTo = input.replyToSeq
      ? await tx.post.findUnique({
          where: { threadId_seq: { threadId: thread.id, seq: input.replyToSeq } },
          select: { id: true, seq: true, hiddenAt: true, text: true, author: { select: { name: true } } },
        })
      : null
    if (input.replyToSeq && (!replyTo || replyTo.hiddenAt)) return { ok: false as const, error: 'The post you are replying to is no longer there' }
    // Row lock on the thread: posts get consecutive numbers, and changes a strict order.
    const counters = await tx.thread.update({
      where: { id: thread.id },
      data: { lastSeq: { increment: 1 }, changeSeq: { increment: 1 }, replyCount: { increment: 1 }, lastPostAt: new Date() },
      select: { lastSeq: true, changeSeq: true },
    })
    const post = await tx.post.create({
      data: {
        threadId: thread.id,
        seq: counters.lastSeq,
        changedSeq: counters.changeSeq,
        authorId: author.id,
        councilId: author.councilId,
        replyToId: replyTo?.id ?? null,
        content: input.content as object,
        text: input.text,
        html,
      },
      select: { id: true, createdAt: true },
    })
    await tx.watch.upsert({ where: { userId_threadId: { userId: author.id, threadId: thread.id } }, create: { userId: author.id, threadId: thread.id }, update: {} })
    const view: PostView = {
      id: post.id,
      seq: counters.lastSeq,
      change: counters.changeSeq,
      authorId: author.id,
      authorName: author.name,
      councilName: author.councilId ? (author.council?.name ?? null) : null,
      createdAt: post.createdAt.toISOString(),
      editedAt: null,
      html,
      replyTo: replyTo ? { seq: replyTo.seq, authorName: replyTo.author.name, excerpt: excerpt(replyTo.text) } : null,
      reactions: [],
      hidden: false,
    }
    return { ok: true as const, postId: post.id, seq: counters.lastSeq, change: counters.changeSeq, view }
  })
  if (!outcome.ok) return outcome
  await publishChange(thread, outcome.change, { postId: outcome.postId, view: outcome.view })
  afterCommit(() => notifyAboutPost({ thread, postId: outcome.postId, authorId: author.id, text: input.text, opening: false }))
  return { ok: true, postId: outcome.postId, seq: outcome.seq }
}

/** Bumps the thread's change number and marks one post as changed at it. */
async function markChanged(tx: Parameters<Parameters<ReturnType<typeof db>['$transaction']>[0]>[0], threadId: string, postId: string | null) {
  const { changeSeq } = await tx.thread.update({ where: { id: threadId }, data: { changeSeq: { increment: 1 } }, select: { changeSeq: true } })
  if (postId) await tx.post.update({ where: { id: postId }, data: { changedSeq: changeSeq } })
  return changeSeq
}

/** An edit keeps the text it replaces as a revision. The opening post's edit may change the thread's title and details too. */
export async function editPost(
  editor: Author,
  thread: ThreadRow,
  post: { id: string; seq: number; content: unknown; title: string },
  input: { content: PostContent; text: string; thread?: Pick<ThreadInput, 'title' | 'themes' | 'contact'> },
) {
  const change = await db().$transaction(async (tx) => {
    await tx.postRevision.create({ data: { postId: post.id, content: post.content as object, title: post.title, editedById: editor.id } })
    const opening = post.seq === 1 && input.thread
    await tx.post.update({
      where: { id: post.id },
      data: {
        content: input.content as object,
        text: input.text,
        html: renderPostContent(input.content),
        editedAt: new Date(),
        ...(opening ? { title: input.thread!.title } : {}),
      },
    })
    if (opening) await tx.thread.update({ where: { id: thread.id }, data: { title: input.thread!.title, themes: input.thread!.themes, contact: input.thread!.contact } })
    return markChanged(tx, thread.id, post.id)
  })
  await publishChange(thread, change, { postId: post.id, thread: post.seq === 1 })
}

/** Adds the reaction, or takes it away if the person had already given it. */
export async function toggleReaction(user: Author, thread: ThreadRow, postId: string, key: ReactionKey) {
  const change = await db().$transaction(async (tx) => {
    const removed = await tx.reaction.deleteMany({ where: { postId, userId: user.id, emoji: key } })
    if (!removed.count) await tx.reaction.createMany({ data: [{ postId, userId: user.id, emoji: key }], skipDuplicates: true })
    return markChanged(tx, thread.id, postId)
  })
  await publishChange(thread, change, { postId })
}

export type FlagOutcome = 'flagged' | 'already'

export async function flagPost(user: Author, postId: string, reason: string): Promise<FlagOutcome> {
  const created = await db().flag.createMany({ data: [{ postId, userId: user.id, reason }], skipDuplicates: true })
  return created.count ? 'flagged' : 'already'
}

/** Marks (or with null, unmarks) the accepted answer of a question. */
export async function setAcceptedAnswer(thread: ThreadRow, postId: string | null) {
  const change = await db().$transaction(async (tx) => {
    await tx.thread.update({ where: { id: thread.id }, data: { acceptedPostId: postId } })
    return markChanged(tx, thread.id, null)
  })
  await publishChange(thread, change, { thread: true })
}

export async function setWatching(userId: string, target: { threadId: string } | { spaceId: string }, watching: boolean) {
  if ('threadId' in target) {
    if (watching) await db().watch.upsert({ where: { userId_threadId: { userId, threadId: target.threadId } }, create: { userId, threadId: target.threadId }, update: {} })
    else await db().watch.deleteMany({ where: { userId, threadId: target.threadId } })
  } else {
    if (watching) await db().watch.upsert({ where: { userId_spaceId: { userId, spaceId: target.spaceId } }, create: { userId, spaceId: target.spaceId }, update: {} })
    else await db().watch.deleteMany({ where: { userId, spaceId: target.spaceId } })
  }
}

export async function isWatching(userId: string, target: { threadId: string } | { spaceId: string }) {
  return (await db().watch.count({ where: { userId, ...target } })) > 0
}

/** Work after a commit that must not fail the request (notifications, email): errors are logged. */
function afterCommit(work: () => Promise<unknown>) {
  void work().catch((error) => services().logger.error('after-commit work failed', { error }))
}
