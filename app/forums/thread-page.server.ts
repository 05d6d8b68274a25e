import { can, type Actor } from '~/policy/policy'
import { db } from '~/services.server'
import { notFound } from '~/auth/current-user.server'
import { THEMES } from '~/self-assessment/template'
import { findThread, postFacts, threadFacts, threadPosts, threadState, type ThreadRow } from './threads.server'
import { isWatching } from './posts.server'
import { markThreadRead } from './notifications.server'
import type { ThreadAbilities } from './post-item'

/** A thread the actor may read, or a 404 (a hidden or private thread is not there for them). */
export async function readableThread(actor: Actor, id: string | undefined): Promise<ThreadRow> {
  const thread = id ? await findThread(id) : null
  if (!thread || !can(actor, 'view', threadFacts(thread))) notFound()
  return thread
}

/** What the viewer may do here, asked of the policy once for each kind of post. */
export function abilities(actor: Actor, thread: ThreadRow): ThreadAbilities {
  const facts = threadFacts(thread)
  const own = postFacts(thread, { authorId: actor.id, hiddenAt: null })
  const others = postFacts(thread, { authorId: `not:${actor.id}`, hiddenAt: null })
  return {
    viewerId: actor.id,
    reply: can(actor, 'reply', facts),
    editOwn: can(actor, 'edit', own),
    react: can(actor, 'react', others),
    flagOthers: can(actor, 'flag', others),
    acceptAnswer: thread.kind === 'question' && can(actor, 'accept_answer', facts),
    moderate: can(actor, 'moderate', facts),
  }
}

export async function threadPage(actor: Actor, thread: ThreadRow, window: { fromSeq?: number; all?: boolean } = {}) {
  const [{ posts, earlier, fromSeq }, watching] = await Promise.all([threadPosts(actor, thread, window), isWatching(actor.id, { threadId: thread.id })])
  await markThreadRead(actor.id, thread.id)
  // The accepted answer may be older than the window of replies shown: the page still links to it.
  const answer = thread.acceptedPostId
    ? (posts.find((p) => p.id === thread.acceptedPostId) ??
      (await db().post.findFirst({ where: { id: thread.acceptedPostId, threadId: thread.id, hiddenAt: null }, select: { id: true, seq: true, author: { select: { name: true } } } }).then((p) => (p ? { id: p.id, seq: p.seq, authorName: p.author.name } : null))))
    : null
  const themeLabels = new Map<string, string>(THEMES.map((t) => [t.key, t.label]))
  return {
    thread: {
      id: thread.id,
      kind: thread.kind,
      themes: thread.themes.map((key) => ({ key, label: themeLabels.get(key) ?? key })),
      contact: thread.contact,
      hidden: !!thread.hiddenAt,
      space: { slug: thread.space.slug, name: thread.space.name, scope: thread.space.scope },
    },
    state: threadState(thread),
    change: thread.changeSeq,
    posts,
    /** Replies before the window shown, and where it starts. */
    earlier,
    fromSeq,
    watching,
    acceptedAnswer: answer ? { id: answer.id, seq: answer.seq, authorName: answer.authorName } : null,
    may: abilities(actor, thread),
  }
}
