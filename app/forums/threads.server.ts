import type { Prisma } from '~/generated/prisma/client'
import { db } from '~/services.server'
import { can, type Actor, type Resource } from '~/policy/policy'
import { renderRichText } from '~/rich-text/render.server'
import { findSpace, spaceFacts, type SpaceRow } from './spaces.server'
import { isPractice, PRACTICE_PARTS, type PostContent, type ThreadKind } from './post-form'
import type { CatchUp, PostView, ReactionKey, ThreadState } from './thread-view'

// Loading threads and posts, and what the policy needs to know about them. Writes live in
// posts.server.ts and moderation.server.ts.

export type ThreadRow = {
  id: string
  spaceId: string
  kind: ThreadKind
  title: string
  themes: string[]
  contact: string
  authorId: string
  councilId: string | null
  createdAt: Date
  lastSeq: number
  changeSeq: number
  acceptedPostId: string | null
  pinnedAt: Date | null
  lockedAt: Date | null
  hiddenAt: Date | null
  space: SpaceRow
}

const threadSelect = {
  id: true, spaceId: true, kind: true, title: true, themes: true, contact: true, authorId: true, councilId: true, createdAt: true,
  lastSeq: true, changeSeq: true, acceptedPostId: true, pinnedAt: true, lockedAt: true, hiddenAt: true,
} as const

export async function findThread(id: string): Promise<ThreadRow | null> {
  if (!/^[a-z0-9]{1,40}$/.test(id)) return null
  const thread = await db().thread.findUnique({ where: { id }, select: threadSelect })
  if (!thread) return null
  const space = await findSpace(thread.spaceId)
  return space ? { ...thread, space } : null
}

export const threadFacts = (t: ThreadRow) =>
  ({ kind: 'thread', space: spaceFacts(t.space), authorId: t.authorId, locked: !!t.lockedAt, hidden: !!t.hiddenAt }) satisfies Resource

export const postFacts = (t: ThreadRow, p: { authorId: string; hiddenAt: Date | null }) =>
  ({ kind: 'post', space: spaceFacts(t.space), authorId: p.authorId, threadLocked: !!t.lockedAt, hidden: !!p.hiddenAt || !!t.hiddenAt }) satisfies Resource

export const threadState = (t: Pick<ThreadRow, 'title' | 'lockedAt' | 'pinnedAt' | 'acceptedPostId'>): ThreadState => ({
  title: t.title,
  lockedAt: t.lockedAt?.toISOString() ?? null,
  pinnedAt: t.pinnedAt?.toISOString() ?? null,
  acceptedPostId: t.acceptedPostId,
})

/** Safe HTML for a post's content; a good-practice write-up gets a heading per part. */
export function renderPostContent(content: PostContent): string {
  if (!isPractice(content)) return renderRichText(content.doc)
  return PRACTICE_PARTS.map((p) => `<h3>${p.label}</h3>${renderRichText(content.practice[p.key])}`).join('')
}

// No `text`: a page needs it only for the quoted excerpts of the posts replied to, read
// apart (in a 500-post thread it doubled what the query carried).
const postSelect = {
  id: true, seq: true, changedSeq: true, authorId: true, councilId: true, replyToId: true, html: true, createdAt: true, editedAt: true, hiddenAt: true,
  author: { select: { name: true } },
  reactions: { select: { userId: true, emoji: true }, orderBy: { createdAt: 'asc' } },
} as const satisfies Prisma.PostSelect
type PostRow = Prisma.PostGetPayload<{ select: typeof postSelect }>
const replyTargetSelect = { id: true, seq: true, hiddenAt: true, text: true, author: { select: { name: true } } } as const satisfies Prisma.PostSelect
type ReplyTarget = Prisma.PostGetPayload<{ select: typeof replyTargetSelect }>

async function councilNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))]
  if (!wanted.length) return new Map()
  const councils = await db().council.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
  return new Map(councils.map((c) => [c.id, c.name]))
}

function toViews(rows: PostRow[], names: Map<string, string>, replyTargets: Map<string, ReplyTarget>): PostView[] {
  return rows.map((p) => {
    const target = p.replyToId ? replyTargets.get(p.replyToId) : undefined
    const reactions = new Map<string, string[]>()
    for (const r of p.reactions) reactions.set(r.emoji, [...(reactions.get(r.emoji) ?? []), r.userId])
    return {
      id: p.id,
      seq: p.seq,
      change: p.changedSeq,
      authorId: p.authorId,
      authorName: p.author.name,
      councilName: p.councilId ? (names.get(p.councilId) ?? null) : null,
      createdAt: p.createdAt.toISOString(),
      editedAt: p.editedAt?.toISOString() ?? null,
      html: p.html,
      replyTo: target && !target.hiddenAt ? { seq: target.seq, authorName: target.author.name, excerpt: excerpt(target.text) } : null,
      reactions: [...reactions].map(([key, userIds]) => ({ key: key as ReactionKey, userIds })),
      hidden: !!p.hiddenAt,
    }
  })
}

export const excerpt = (text: string, length = 160) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > length ? `${flat.slice(0, length - 1).trimEnd()}…` : flat
}

/** Posts of a thread; hidden ones only when asked for (moderators see them). */
async function postViews(thread: ThreadRow, includeHidden: boolean, where: Prisma.PostWhereInput = {}): Promise<PostView[]> {
  const rows = await db().post.findMany({
    where: { threadId: thread.id, ...(includeHidden ? {} : { hiddenAt: null }), ...where },
    select: postSelect,
    orderBy: { seq: 'asc' },
  })
  const replyToIds = [...new Set(rows.map((r) => r.replyToId).filter((id): id is string => !!id))]
  const [targets, names] = await Promise.all([
    replyToIds.length ? db().post.findMany({ where: { id: { in: replyToIds }, threadId: thread.id }, select: replyTargetSelect }) : [],
    councilNames(rows.map((r) => r.councilId)),
  ])
  return toViews(rows, names, new Map(targets.map((t) => [t.id, t])))
}

/**
 * How many replies a thread page shows at first: the latest ones. Earlier replies come on
 * request, so a long thread's page stays quick to render and to read.
 */
export const REPLY_WINDOW = 50

/**
 * The posts the actor may see (hidden ones only for the thread's moderators): the opening
 * post and the latest replies, or every reply from `fromSeq` on, or all of them.
 */
export async function threadPosts(actor: Actor, thread: ThreadRow, options: { fromSeq?: number; all?: boolean } = {}) {
  const moderator = can(actor, 'moderate', threadFacts(thread))
  const start = options.all ? 2 : Math.max(2, Math.min(options.fromSeq ?? Number.MAX_SAFE_INTEGER, thread.lastSeq - REPLY_WINDOW + 1))
  const [posts, earlier] = await Promise.all([
    postViews(thread, moderator, start > 2 ? { OR: [{ seq: 1 }, { seq: { gte: start } }] } : {}),
    start > 2 ? db().post.count({ where: { threadId: thread.id, seq: { gte: 2, lt: start }, ...(moderator ? {} : { hiddenAt: null }) } }) : 0,
  ])
  return { posts, earlier, fromSeq: start }
}

/** One visible post as every reader of the thread sees it (for live events), or null if hidden. */
export async function visiblePostView(thread: ThreadRow, postId: string): Promise<PostView | null> {
  return (await postViews(thread, false, { id: postId }))[0] ?? null
}

/** Everything that changed in a thread after change number `after`: for a reader that reconnects. */
export async function changesSince(actor: Actor, thread: ThreadRow, after: number): Promise<CatchUp> {
  const moderator = can(actor, 'moderate', threadFacts(thread))
  const changed = await postViews(thread, moderator, { changedSeq: { gt: after } })
  const removed = moderator
    ? []
    : await db().post.findMany({ where: { threadId: thread.id, changedSeq: { gt: after }, hiddenAt: { not: null } }, select: { id: true } })
  return { change: thread.changeSeq, posts: changed, removedPostIds: removed.map((p) => p.id), thread: threadState(thread) }
}

export type ThreadListItem = {
  id: string
  kind: ThreadKind
  title: string
  themes: string[]
  authorName: string
  councilName: string | null
  createdAt: string
  lastPostAt: string
  replyCount: number
  pinned: boolean
  locked: boolean
  hidden: boolean
  answered: boolean
}

export const THREADS_PER_PAGE = 25

/** A space's threads: pinned first, then most recently active. Hidden ones only for moderators. */
export async function spaceThreads(actor: Actor, space: SpaceRow, filter: { kind?: ThreadKind; theme?: string; page: number }) {
  const moderator = can(actor, 'moderate', spaceFacts(space))
  const where: Prisma.ThreadWhereInput = {
    spaceId: space.id,
    ...(moderator ? {} : { hiddenAt: null }),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.theme ? { themes: { has: filter.theme } } : {}),
  }
  const [total, rows] = await Promise.all([
    db().thread.count({ where }),
    db().thread.findMany({
      where,
      orderBy: [{ pinnedAt: { sort: 'desc', nulls: 'last' } }, { lastPostAt: 'desc' }],
      skip: (filter.page - 1) * THREADS_PER_PAGE,
      take: THREADS_PER_PAGE,
      select: { ...threadSelect, lastPostAt: true, replyCount: true, author: { select: { name: true } } },
    }),
  ])
  const names = await councilNames(rows.map((r) => r.councilId))
  const threads: ThreadListItem[] = rows.map((t) => ({
    id: t.id,
    kind: t.kind,
    title: t.title,
    themes: t.themes,
    authorName: t.author.name,
    councilName: t.councilId ? (names.get(t.councilId) ?? null) : null,
    createdAt: t.createdAt.toISOString(),
    lastPostAt: t.lastPostAt.toISOString(),
    replyCount: t.replyCount,
    pinned: !!t.pinnedAt,
    locked: !!t.lockedAt,
    hidden: !!t.hiddenAt,
    answered: !!t.acceptedPostId,
  }))
  return { total, threads, pages: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)) }
}

/** The newest threads in these spaces (the ones the policy lets the person read): the forums home page. */
export async function latestThreads(spaceIds: string[], take = 10) {
  const rows = await db().thread.findMany({
    where: { spaceId: { in: spaceIds }, hiddenAt: null },
    orderBy: { lastPostAt: 'desc' },
    take,
    select: { id: true, kind: true, title: true, lastPostAt: true, replyCount: true, spaceId: true, acceptedPostId: true, author: { select: { name: true } } },
  })
  return rows
}

/** A post with its thread, for actions on one post. */
export async function findPost(postId: string) {
  if (!/^[a-z0-9]{1,40}$/.test(postId)) return null
  const post = await db().post.findUnique({
    where: { id: postId },
    select: { id: true, threadId: true, seq: true, authorId: true, hiddenAt: true, content: true, title: true, text: true, editedAt: true, createdAt: true },
  })
  if (!post) return null
  const thread = await findThread(post.threadId)
  return thread ? { post, thread } : null
}
