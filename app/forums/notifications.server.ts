import { db, services } from '~/services.server'
import { can, type Actor, type RoleName } from '~/policy/policy'
import { publish } from '~/realtime/publish.server'
import { rooms } from '~/realtime/rooms'
import { sendEmail } from '~/email/mailer.server'
import { mentionCandidates, findMentions } from './mentions'
import { excerpt, findThread, postFacts, type ThreadRow } from './threads.server'
import { postHref } from './thread-view'
import { reminderItems, type ReminderKind } from '~/peer-challenge/reminders.server'

// Notifications: the bell (in-app, live) and email (at once for mentions, a daily digest
// for those who ask). Every recipient is checked against the policy when notified and
// again when emailed, so a private space never leaks through either.

type Kind = 'mention' | 'answer' | 'reply' | 'new_thread'
const PRIORITY: Kind[] = ['mention', 'answer', 'reply', 'new_thread']

type Recipient = Actor & { email: string; name: string }

/** The people behind these ids, as the policy sees them. Disabled accounts are left out. */
async function recipients(ids: string[]): Promise<Recipient[]> {
  if (!ids.length) return []
  const users = await db().user.findMany({
    where: { id: { in: ids }, disabledAt: null },
    select: { id: true, email: true, name: true, councilId: true, council: { select: { regionId: true } }, roles: { select: { role: true, regionId: true } } },
  })
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    councilId: u.councilId,
    councilRegionId: u.council?.regionId ?? null,
    roles: u.roles.map((r) => ({ role: r.role as RoleName, regionId: r.regionId })),
  }))
}

/** People named with "@Full Name" in the text (before the policy decides who may hear). */
async function mentionedIds(text: string): Promise<string[]> {
  const names = mentionCandidates(text)
  if (!names.length) return []
  const people = await db().$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM "User" WHERE lower(name) = ANY(${names}) AND "disabledAt" IS NULL`
  return findMentions(text, people)
}

export async function notifyAboutPost(input: { thread: ThreadRow; postId: string; authorId: string; text: string; opening: boolean }) {
  // Fresh facts: the thread may have moved or been hidden since the post was written.
  const thread = await findThread(input.thread.id)
  const post = await db().post.findUnique({ where: { id: input.postId }, select: { id: true, seq: true, authorId: true, hiddenAt: true, text: true } })
  if (!thread || !post) return
  const kinds = new Map<string, Kind>()
  const offer = (ids: string[], kind: Kind) => {
    for (const id of ids) {
      const current = kinds.get(id)
      if (!current || PRIORITY.indexOf(kind) < PRIORITY.indexOf(current)) kinds.set(id, kind)
    }
  }
  offer(await mentionedIds(input.text), 'mention')
  if (input.opening) {
    const spaceWatchers = await db().watch.findMany({ where: { spaceId: thread.spaceId }, select: { userId: true } })
    offer(spaceWatchers.map((w) => w.userId), 'new_thread')
  } else {
    if (thread.kind === 'question') offer([thread.authorId], 'answer')
    const watchers = await db().watch.findMany({ where: { threadId: thread.id }, select: { userId: true } })
    offer(watchers.map((w) => w.userId), 'reply')
  }
  kinds.delete(input.authorId)
  const facts = postFacts(thread, post)
  const allowed = (await recipients([...kinds.keys()])).filter((r) => can(r, 'view', facts))
  if (!allowed.length) return
  await db().notification.createMany({
    data: allowed.map((r) => ({ userId: r.id, kind: kinds.get(r.id)!, threadId: thread.id, postId: post.id, actorId: input.authorId })),
  })
  for (const r of allowed) publish(rooms.user(r.id), 'notification', {})
  const mentioned = allowed.filter((r) => kinds.get(r.id) === 'mention')
  if (mentioned.length) await emailMentions(mentioned, thread, post, input.authorId)
}

async function emailMentions(people: Recipient[], thread: ThreadRow, post: { id: string; seq: number; text: string }, authorId: string) {
  const { config, logger } = services()
  const author = await db().user.findUnique({ where: { id: authorId }, select: { name: true } })
  for (const person of people) {
    try {
      await sendEmail({
        to: person.email,
        subject: `${author?.name ?? 'Someone'} mentioned you in “${thread.title}”`,
        text: [
          `${author?.name ?? 'Someone'} mentioned you in “${thread.title}” (${thread.space.name}):`,
          '',
          excerpt(post.text, 600),
          '',
          `Read and reply: ${new URL(postHref(thread.id, post.seq), config.baseUrl)}`,
          '',
          `You get this email because you were mentioned on the Improvement Hub. Manage emails: ${new URL('/account', config.baseUrl)}`,
        ].join('\n'),
      })
      await db().notification.updateMany({ where: { userId: person.id, postId: post.id, kind: 'mention' }, data: { emailedAt: new Date() } })
    } catch (error) {
      logger.error('mention email failed', { error, userId: person.id })
    }
  }
}

const KIND_TEXT: Record<Kind, string> = {
  mention: 'mentioned you in',
  answer: 'answered your question',
  reply: 'replied in',
  new_thread: 'started',
}

/** One line of the bell's list, whatever it is about: "<lead> <title>", then its context. */
export type NotificationItem = {
  id: string
  kind: Kind | ReminderKind
  lead: string
  title: string
  href: string
  context: string
  excerpt: string
  createdAt: string
  read: boolean
}

export async function unreadCount(userId: string) {
  return db().notification.count({ where: { userId, readAt: null } })
}

/** The person's latest notifications, each re-checked against the policy (access can end). */
export async function notificationsFor(user: Actor, take = 50): Promise<NotificationItem[]> {
  const rows = await db().notification.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: 'desc' },
    take,
    select: { id: true, kind: true, threadId: true, postId: true, challengeId: true, actorId: true, createdAt: true, readAt: true },
  })
  const threads = new Map<string, ThreadRow | null>()
  for (const id of new Set(rows.map((r) => r.threadId).filter((id): id is string => !!id))) threads.set(id, await findThread(id))
  const posts = new Map(
    (await db().post.findMany({ where: { id: { in: rows.map((r) => r.postId).filter((id): id is string => !!id) } }, select: { id: true, seq: true, authorId: true, hiddenAt: true, text: true } })).map((p) => [p.id, p]),
  )
  const actors = new Map((await db().user.findMany({ where: { id: { in: rows.map((r) => r.actorId).filter((id): id is string => !!id) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
  const reminders = await reminderItems(user, rows.filter((r) => r.challengeId).map((r) => ({ id: r.id, kind: r.kind as ReminderKind, challengeId: r.challengeId!, createdAt: r.createdAt, read: !!r.readAt })))
  return rows.flatMap((r): NotificationItem[] => {
    if (r.challengeId) return reminders.get(r.id) ?? []
    const thread = r.threadId ? threads.get(r.threadId) : undefined
    const post = r.postId ? posts.get(r.postId) : undefined
    if (!thread || !post || !can(user, 'view', postFacts(thread, post))) return []
    const kind = r.kind as Kind
    return [{
      id: r.id,
      kind,
      lead: `${(r.actorId && actors.get(r.actorId)) || 'Someone'} ${KIND_TEXT[kind]}`,
      title: thread.title,
      href: postHref(thread.id, post.seq),
      context: thread.space.name,
      excerpt: excerpt(post.text, 140),
      createdAt: r.createdAt.toISOString(),
      read: !!r.readAt,
    }]
  })
}

export async function markRead(userId: string, ids: string[] | 'all') {
  await db().notification.updateMany({ where: { userId, readAt: null, ...(ids === 'all' ? {} : { id: { in: ids } }) }, data: { readAt: new Date() } })
  publish(rooms.user(userId), 'notification', {})
}

/** Marks the person's notifications about a thread as read when they open it. */
export async function markThreadRead(userId: string, threadId: string) {
  const { count } = await db().notification.updateMany({ where: { userId, threadId, readAt: null }, data: { readAt: new Date() } })
  if (count) publish(rooms.user(userId), 'notification', {})
}

const DAY = 24 * 60 * 60 * 1000

/**
 * The daily digest: for each person who asked for it and had none in the last day, one
 * email of the unread notifications not yet emailed. Safe to run often (hourly).
 */
export async function sendDigests(now = new Date()): Promise<{ sent: number }> {
  const { config, logger } = services()
  const cutoff = new Date(now.getTime() - DAY + 5 * 60_000)
  const due = await db().user.findMany({
    where: { emailDigest: true, disabledAt: null, OR: [{ digestSentAt: null }, { digestSentAt: { lte: cutoff } }] },
    select: { id: true, digestSentAt: true },
  })
  let sent = 0
  for (const { id, digestSentAt } of due) {
    const [person] = await recipients([id])
    if (!person) continue
    const pending = await db().notification.findMany({ where: { userId: id, readAt: null, emailedAt: null }, select: { id: true } })
    const items = (await notificationsFor(person, 200)).filter((n) => !n.read && pending.some((p) => p.id === n.id))
    if (!items.length) continue
    // Claim this person's digest, so that two instances running the schedule never both send it.
    const claimed = await db().user.updateMany({ where: { id, digestSentAt }, data: { digestSentAt: now } })
    if (!claimed.count) continue
    try {
      await sendEmail({
        to: person.email,
        subject: `Improvement Hub: ${items.length} new ${items.length === 1 ? 'notification' : 'notifications'}`,
        text: [
          `Hello ${person.name},`,
          '',
          'Since your last digest:',
          '',
          ...items.map((n) => `- ${n.lead} “${n.title}” (${n.context})\n  ${new URL(n.href, config.baseUrl)}`),
          '',
          `You get this daily digest because you asked for it. Stop it: ${new URL('/account', config.baseUrl)}`,
        ].join('\n'),
      })
      await db().notification.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { emailedAt: now } })
      sent++
    } catch (error) {
      // Give the claim back: the next run tries again.
      await db().user.updateMany({ where: { id, digestSentAt: now }, data: { digestSentAt } })
      logger.error('digest email failed', { error, userId: id })
    }
  }
  return { sent }
}
