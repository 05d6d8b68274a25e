// What a thread page shows, shared by the server (loader, catch-up, live events) and the
// browser (which applies live changes). No server code here.

export const REACTIONS = [
  { key: 'thumbs_up', emoji: '👍', label: 'Agree' },
  { key: 'lightbulb', emoji: '💡', label: 'Useful idea' },
  { key: 'heart', emoji: '❤️', label: 'Thank you' },
  { key: 'clap', emoji: '👏', label: 'Well done' },
] as const
export type ReactionKey = (typeof REACTIONS)[number]['key']
export const isReaction = (v: unknown): v is ReactionKey => REACTIONS.some((r) => r.key === v)

/** A link to one post: the thread page starts its window of replies there if it is an older one. */
export const postHref = (threadId: string, seq: number) => (seq <= 1 ? `/threads/${threadId}` : `/threads/${threadId}?from=${seq}#post-${seq}`)

export type PostView = {
  id: string
  seq: number
  /** The thread's change number when this post last changed. */
  change: number
  authorId: string
  authorName: string
  councilName: string | null
  createdAt: string
  editedAt: string | null
  /** Sanitised HTML, rendered when the post was written. */
  html: string
  replyTo: { seq: number; authorName: string; excerpt: string } | null
  reactions: { key: ReactionKey; userIds: string[] }[]
  /** Only moderators ever receive hidden posts. */
  hidden: boolean
}

export type ThreadState = {
  title: string
  lockedAt: string | null
  pinnedAt: string | null
  acceptedPostId: string | null
}

/**
 * One change to a thread, in order: `change` numbers them without gaps. A client that
 * sees a gap asks for the changes it missed, so nothing is lost or applied twice.
 */
export type ThreadChange = {
  threadId: string
  change: number
  post?: PostView
  /** A post no longer visible to readers (hidden by a moderator). */
  removedPostId?: string
  thread?: ThreadState
}

export type CatchUp = { change: number; posts: PostView[]; removedPostIds: string[]; thread: ThreadState }

/** Applies changes to the posts held in the browser: new posts in seq order, changed in place. */
export function applyToPosts(posts: PostView[], change: { post?: PostView; removedPostId?: string }): PostView[] {
  let next = posts
  if (change.removedPostId) next = next.filter((p) => p.id !== change.removedPostId)
  const post = change.post
  if (post) {
    const at = next.findIndex((p) => p.id === post.id)
    if (at >= 0) {
      if (next[at].change > post.change) return next
      next = [...next.slice(0, at), post, ...next.slice(at + 1)]
    } else {
      const before = next.findIndex((p) => p.seq > post.seq)
      next = before < 0 ? [...next, post] : [...next.slice(0, before), post, ...next.slice(before)]
    }
  }
  return next
}
