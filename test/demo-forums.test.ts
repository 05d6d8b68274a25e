import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor, html } from './support/browser-less'
import { DEMO_GROUP_SPACE, seedDemoForums } from '~/seed/demo-forums'
import { checkPostContent } from '~/forums/post-form'
import { findMentions, mentionCandidates } from '~/forums/mentions'
import { isReaction } from '~/forums/thread-view'
import { isTheme } from '~/self-assessment/template'
import { can, type Actor, type RoleName } from '~/policy/policy'

let hub: TestHub
beforeAll(async () => {
  hub = await startTestHub()
})
afterAll(async () => {
  await hub?.close()
})

async function actors() {
  const users = await hub.database.prisma.user.findMany({ select: { id: true, email: true, name: true, councilId: true, council: { select: { regionId: true } }, roles: { select: { role: true, regionId: true } } } })
  return users.map((u) => ({ id: u.id, email: u.email, name: u.name, councilId: u.councilId, councilRegionId: u.council?.regionId ?? null, roles: u.roles.map((r) => ({ role: r.role as RoleName, regionId: r.regionId })) }) satisfies Actor & { email: string; name: string })
}

async function spacesWithFacts() {
  const spaces = await hub.database.prisma.space.findMany({ select: { id: true, slug: true, scope: true, regionId: true, councils: { select: { councilId: true } } } })
  return new Map(spaces.map((s) => [s.id, { ...s, facts: { kind: 'space' as const, id: s.id, scope: s.scope, regionId: s.regionId, memberCouncilIds: s.councils.map((c) => c.councilId) } }]))
}

describe('demo forums', () => {
  it('has every kind of thread in the national space and in regional spaces, with themes', async () => {
    const threads = await hub.database.prisma.thread.findMany({ select: { kind: true, themes: true, space: { select: { slug: true, scope: true } } } })
    expect(threads.length).toBeGreaterThanOrEqual(25)
    expect(threads.length).toBeLessThanOrEqual(35)
    for (const scope of ['national', 'region'] as const) {
      expect(new Set(threads.filter((t) => t.space.scope === scope).map((t) => t.kind)), scope).toEqual(new Set(['discussion', 'question', 'good_practice']))
    }
    const regions = new Set(threads.filter((t) => t.space.scope === 'region').map((t) => t.space.slug))
    expect(regions.has('london') && regions.has('north-east')).toBe(true)
    expect(regions.size).toBeGreaterThanOrEqual(4)
    for (const t of threads) {
      expect(t.themes.length).toBeGreaterThan(0)
      expect(t.themes.every(isTheme)).toBe(true)
    }
  })

  it('keeps every thread’s counters, times and posts consistent', async () => {
    const prisma = hub.database.prisma
    const now = Date.now()
    const threads = await prisma.thread.findMany({
      include: { posts: { orderBy: { seq: 'asc' }, include: { revisions: true } } },
    })
    for (const t of threads) {
      const seqs = t.posts.map((p) => p.seq)
      expect(seqs, t.title).toEqual(Array.from({ length: t.lastSeq }, (_, i) => i + 1))
      expect(t.posts.length - 1, t.title).toBeGreaterThanOrEqual(2)
      expect(t.posts.length - 1, t.title).toBeLessThanOrEqual(15)
      expect(t.replyCount, t.title).toBe(t.posts.length - 1)
      const changed = t.posts.map((p) => p.changedSeq)
      expect(new Set(changed).size, t.title).toBe(changed.length)
      expect(t.changeSeq, t.title).toBeGreaterThanOrEqual(Math.max(...changed))
      for (const p of t.posts) expect(p.changedSeq, t.title).toBeGreaterThanOrEqual(p.seq)

      // Times: in order, in the past two months or so, the thread's matching its posts.
      expect(t.createdAt.getTime(), t.title).toBe(t.posts[0].createdAt.getTime())
      expect(t.lastPostAt.getTime(), t.title).toBe(t.posts.at(-1)!.createdAt.getTime())
      for (let i = 1; i < t.posts.length; i++) expect(t.posts[i].createdAt.getTime(), `${t.title} #${i + 1}`).toBeGreaterThan(t.posts[i - 1].createdAt.getTime())
      expect(t.lastPostAt.getTime()).toBeLessThan(now)
      expect(t.createdAt.getTime()).toBeGreaterThan(now - 70 * 86_400_000)

      // Opening post carries the title; replies do not; authors and councils match.
      expect(t.posts[0].title).toBe(t.title)
      expect(t.posts[0].authorId).toBe(t.authorId)
      expect(t.councilId).toBe(t.posts[0].councilId)
      for (const p of t.posts.slice(1)) expect(p.title).toBe('')

      for (const p of t.posts) {
        expect(p.html, `${t.title} #${p.seq}`).not.toBe('')
        const checked = checkPostContent(p.content)
        expect(checked.ok, `${t.title} #${p.seq}`).toBe(true)
        if (checked.ok) expect(checked.text).toBe(p.text)
        expect('practice' in (p.content as object), `${t.title} #${p.seq}`).toBe(t.kind === 'good_practice' && p.seq === 1)
        if (p.replyToId) {
          const target = t.posts.find((q) => q.id === p.replyToId)
          expect(target && target.seq < p.seq, `${t.title} #${p.seq} quotes a post of its thread`).toBe(true)
        }
        // An edit keeps the earlier text.
        expect(!!p.editedAt, `${t.title} #${p.seq}`).toBe(p.revisions.length > 0)
        for (const rev of p.revisions) {
          expect(rev.editedAt.getTime()).toBe(p.editedAt!.getTime())
          expect(rev.content).not.toEqual(p.content)
          expect(rev.title).toBe(p.title)
        }
      }
      if (t.kind === 'good_practice') expect(t.contact, t.title).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+, .+, .+ — [a-z.-]+@example\.org$/)
      else expect(t.contact).toBe('')
    }
    expect(await prisma.postRevision.count()).toBeGreaterThanOrEqual(2)
    expect(await prisma.post.count({ where: { replyToId: { not: null } } })).toBeGreaterThanOrEqual(5)
    expect(await prisma.thread.count({ where: { pinnedAt: { not: null } } })).toBe(1)
    expect(await prisma.thread.count({ where: { lockedAt: { not: null } } })).toBe(1)
  })

  it('has answered and waiting questions, the accepted answer a reply in its own thread', async () => {
    const questions = await hub.database.prisma.thread.findMany({ where: { kind: 'question' }, select: { id: true, acceptedPostId: true } })
    const answered = questions.filter((q) => q.acceptedPostId)
    expect(answered.length).toBeGreaterThan(0)
    expect(questions.length - answered.length).toBeGreaterThan(0)
    for (const q of answered) {
      const post = await hub.database.prisma.post.findUnique({ where: { id: q.acceptedPostId! }, select: { threadId: true, seq: true } })
      expect(post?.threadId).toBe(q.id)
      expect(post!.seq).toBeGreaterThan(1)
    }
    expect(await hub.database.prisma.thread.count({ where: { kind: { not: 'question' }, acceptedPostId: { not: null } } })).toBe(0)
  })

  it('has reactions, mentions, watches and a report only from people who can read the space', async () => {
    const prisma = hub.database.prisma
    const people = await actors()
    const byId = new Map(people.map((p) => [p.id, p]))
    const spaces = await spacesWithFacts()
    const posts = await prisma.post.findMany({ select: { id: true, authorId: true, text: true, thread: { select: { id: true, spaceId: true, authorId: true } }, reactions: { select: { userId: true, emoji: true } } } })
    const mayRead = (userId: string, spaceId: string) => can(byId.get(userId)!, 'view', spaces.get(spaceId)!.facts)

    let reactions = 0
    const reactors = new Set<string>()
    for (const p of posts) {
      expect(mayRead(p.authorId, p.thread.spaceId)).toBe(true)
      for (const r of p.reactions) {
        expect(isReaction(r.emoji)).toBe(true)
        expect(r.userId).not.toBe(p.authorId)
        expect(mayRead(r.userId, p.thread.spaceId)).toBe(true)
        reactors.add(r.userId)
        reactions++
      }
      // Every "@Name" resolves to a real person who can read the space.
      if (mentionCandidates(p.text).length) {
        const ids = findMentions(p.text, people)
        expect(ids.length, p.text).toBeGreaterThan(0)
        for (const id of ids) expect(mayRead(id, p.thread.spaceId), p.text).toBe(true)
      }
    }
    expect(reactions).toBeGreaterThan(50)
    expect(reactors.size).toBeGreaterThan(10)
    expect(posts.filter((p) => mentionCandidates(p.text).length).length).toBeGreaterThanOrEqual(3)

    // Authors watch the threads they start.
    const threads = await prisma.thread.findMany({ select: { id: true, authorId: true, watches: { select: { userId: true } } } })
    for (const t of threads) expect(t.watches.map((w) => w.userId)).toContain(t.authorId)

    // One open report, in a space lead.london moderates.
    const flags = await prisma.flag.findMany({ where: { resolvedAt: null }, select: { userId: true, post: { select: { thread: { select: { spaceId: true } } } } } })
    expect(flags).toHaveLength(1)
    const lead = people.find((p) => p.email === 'lead.london@example.org')!
    expect(can(lead, 'moderate', spaces.get(flags[0].post.thread.spaceId)!.facts)).toBe(true)
    expect(mayRead(flags[0].userId, flags[0].post.thread.spaceId)).toBe(true)

    // Notifications go only to people who may read the post (peer-challenge reminders have no post).
    const notifications = await prisma.notification.findMany({ where: { postId: { not: null } }, select: { userId: true, threadId: true, postId: true } })
    expect(notifications.length).toBeGreaterThan(0)
    const spaceOf = new Map(posts.map((p) => [p.id, p.thread.spaceId]))
    for (const n of notifications) expect(mayRead(n.userId, spaceOf.get(n.postId!)!)).toBe(true)
  })

  it('has a private North London group with Camden, Barnet and Haringey', async () => {
    const space = await hub.database.prisma.space.findUnique({
      where: { slug: DEMO_GROUP_SPACE.slug },
      select: { scope: true, region: { select: { slug: true } }, councils: { select: { council: { select: { slug: true } } } }, _count: { select: { threads: true } } },
    })
    expect(space?.scope).toBe('group')
    expect(space?.region?.slug).toBe('london')
    expect(space?.councils.map((c) => c.council.slug).sort()).toEqual(['barnet', 'camden', 'haringey'])
    expect(space?._count.threads).toBeGreaterThan(0)
  })

  it('gives dcs.camden unread notifications, a mention of them among them', async () => {
    const prisma = hub.database.prisma
    const camden = await prisma.user.findUniqueOrThrow({ where: { email: 'dcs.camden@example.org' }, select: { id: true, name: true } })
    const unread = await prisma.notification.findMany({ where: { userId: camden.id, readAt: null }, select: { kind: true, postId: true, threadId: true } })
    expect(unread.length).toBeGreaterThanOrEqual(3)
    const mention = unread.find((n) => n.kind === 'mention')
    expect(mention).toBeDefined()
    const post = await prisma.post.findUniqueOrThrow({ where: { id: mention!.postId! }, select: { text: true } })
    expect(post.text).toContain(`@${camden.name}`)
    // A reply in a thread they watch.
    const reply = unread.find((n) => n.kind === 'reply' || n.kind === 'answer')
    expect(reply).toBeDefined()
    expect(await prisma.watch.count({ where: { userId: camden.id, threadId: reply!.threadId } })).toBe(1)

    const v = new Visitor(hub.url)
    await v.signIn('dcs.camden@example.org')
    const page = await html(await v.get('/notifications'))
    expect(page).toContain('mentioned you in')
    expect(await html(await v.get('/forums'))).toContain('Cost of living')
  })

  it('shows the open report to lead.london and the threads to London directors', async () => {
    const v = new Visitor(hub.url)
    await v.signIn('lead.london@example.org')
    expect(await html(await v.get('/moderation'))).toContain('Unaccompanied children')
    const thread = await hub.database.prisma.thread.findFirstOrThrow({ where: { title: { startsWith: 'Family hubs' } }, select: { id: true } })
    const d = new Visitor(hub.url)
    await d.signIn('dcs.hackney@example.org')
    const page = await html(await d.get(`/threads/${thread.id}`))
    expect(page).toContain('What we did')
    expect(page).toContain('Head of Early Help, Camden')
  })

  it('seeding again adds nothing', async () => {
    const prisma = hub.database.prisma
    const before = [await prisma.thread.count(), await prisma.post.count(), await prisma.notification.count(), await prisma.space.count()]
    expect(await seedDemoForums(prisma)).toBeNull()
    expect([await prisma.thread.count(), await prisma.post.count(), await prisma.notification.count(), await prisma.space.count()]).toEqual(before)
  })
})
