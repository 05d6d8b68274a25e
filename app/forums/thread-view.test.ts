import { describe, expect, it } from 'vitest'
import { applyToPosts, type PostView } from './thread-view'

const post = (seq: number, change: number, html = `post ${seq}`): PostView => ({
  id: `p${seq}`, seq, change, authorId: 'a', authorName: 'A', councilName: null, createdAt: '', editedAt: null, html, replyTo: null, reactions: [], hidden: false,
})

describe('applying live changes', () => {
  it('appends new posts in seq order, whatever order they arrive in', () => {
    let posts = [post(1, 1)]
    posts = applyToPosts(posts, { post: post(3, 3) })
    posts = applyToPosts(posts, { post: post(2, 2) })
    expect(posts.map((p) => p.seq)).toEqual([1, 2, 3])
  })
  it('a post seen twice is kept once; an older version never replaces a newer one', () => {
    let posts = [post(1, 1), post(2, 5, 'edited')]
    posts = applyToPosts(posts, { post: post(2, 2, 'original') })
    expect(posts).toHaveLength(2)
    expect(posts[1].html).toBe('edited')
    posts = applyToPosts(posts, { post: post(2, 6, 'edited again') })
    expect(posts[1].html).toBe('edited again')
  })
  it('removes hidden posts', () => {
    expect(applyToPosts([post(1, 1), post(2, 2)], { removedPostId: 'p2' }).map((p) => p.id)).toEqual(['p1'])
  })
})
