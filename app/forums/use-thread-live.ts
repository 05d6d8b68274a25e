import { useCallback, useEffect, useRef, useState } from 'react'
import { useRevalidator } from '@remix-run/react'
import { useRoom } from '~/realtime/use-room'
import { rooms } from '~/realtime/rooms'
import { applyToPosts, type CatchUp, type PostView, type ThreadChange, type ThreadState } from './thread-view'

// A thread kept live in the browser. Changes are numbered without gaps: the next number
// is applied, an older one ignored, and a gap (a missed event, a reconnect) makes the page
// ask the server for every change since the last one it applied. So nothing is lost and
// nothing is applied twice, whatever the socket did.

export type LiveThread = { posts: PostView[]; change: number; thread: ThreadState }

export function useThreadLive(threadId: string, initial: LiveThread, options: { onNewPost?: (post: PostView) => void; fromSeq?: number } = {}) {
  const [state, setState] = useState(initial)
  const current = useRef(initial)
  const revalidator = useRevalidator()
  const [typing, setTyping] = useState<{ userId: string; name: string; until: number }[]>([])
  const [presence, setPresence] = useState<{ count: number; readers: { id: string; name: string }[] } | null>(null)
  const onNewPost = useRef(options.onNewPost)
  onNewPost.current = options.onNewPost

  // Changes to replies before the page's window (an edit of an old post) are not shown.
  const fromSeq = options.fromSeq ?? 2
  const commit = useCallback(
    (next: LiveThread) => {
      const inWindow = next.posts.every((p) => p.seq === 1 || p.seq >= fromSeq) ? next : { ...next, posts: next.posts.filter((p) => p.seq === 1 || p.seq >= fromSeq) }
      current.current = inWindow
      setState(inWindow)
    },
    [fromSeq],
  )

  // A revalidated loader (after this person's own action) is adopted when it is newer.
  useEffect(() => {
    if (initial.change >= current.current.change) commit(initial)
  }, [initial, commit])

  const fetching = useRef(false)
  const again = useRef(false)
  const catchUp = useCallback(async () => {
    if (fetching.current) {
      again.current = true
      return
    }
    fetching.current = true
    try {
      do {
        again.current = false
        const response = await fetch(`/threads/${threadId}/changes?after=${current.current.change}`, { headers: { Accept: 'application/json' } })
        if (response.status === 404 || response.status === 403) {
          revalidator.revalidate()
          return
        }
        if (!response.ok) throw new Error(`catch-up failed: ${response.status}`)
        const missed = (await response.json()) as CatchUp
        let posts = current.current.posts
        for (const id of missed.removedPostIds) posts = applyToPosts(posts, { removedPostId: id })
        for (const post of missed.posts) {
          const isNew = !posts.some((p) => p.id === post.id)
          posts = applyToPosts(posts, { post })
          if (isNew) onNewPost.current?.(post)
        }
        commit({ posts, change: Math.max(current.current.change, missed.change), thread: missed.thread })
      } while (again.current)
    } catch {
      // The next event or reconnect tries again.
    } finally {
      fetching.current = false
    }
  }, [threadId, commit, revalidator])

  useRoom(rooms.thread(threadId), {
    'thread.change': (payload) => {
      const event = payload as ThreadChange
      if (event.threadId !== threadId || event.change <= current.current.change) return
      if (event.change !== current.current.change + 1 || fetching.current) return void catchUp()
      const isNew = !!event.post && !current.current.posts.some((p) => p.id === event.post!.id)
      commit({
        posts: applyToPosts(current.current.posts, event),
        change: event.change,
        thread: event.thread ?? current.current.thread,
      })
      if (isNew) onNewPost.current?.(event.post!)
    },
    'thread.access': () => revalidator.revalidate(),
    typing: (payload) => {
      const t = payload as { room: string; userId: string; name: string }
      if (t.room !== rooms.thread(threadId)) return
      setTyping((list) => [...list.filter((x) => x.userId !== t.userId), { userId: t.userId, name: t.name, until: Date.now() + 4000 }])
    },
    presence: (payload) => {
      const p = payload as { room: string; count: number; readers: { id: string; name: string }[] }
      if (p.room === rooms.thread(threadId)) setPresence({ count: p.count, readers: p.readers })
    },
    joined: () => void catchUp(),
  })

  // Typing indicators fade when the typing stops; a new post from that person ends theirs.
  useEffect(() => {
    if (!typing.length) return
    const timer = setInterval(() => setTyping((list) => list.filter((t) => t.until > Date.now())), 1000)
    return () => clearInterval(timer)
  }, [typing.length])
  useEffect(() => {
    const authors = new Set(state.posts.slice(-5).map((p) => p.authorId))
    setTyping((list) => (list.some((t) => authors.has(t.userId)) ? list.filter((t) => !authors.has(t.userId)) : list))
  }, [state.posts])

  return { ...state, typing, presence }
}
