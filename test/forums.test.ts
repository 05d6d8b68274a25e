import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor, html, signedIn } from './support/browser-less'
import { startSmtpSink, type SmtpSink } from './support/smtp'
import { join, socketsOf } from './support/sockets'
import { rooms } from '~/realtime/rooms'
import { sendDigests } from '~/forums/notifications.server'
import type { CatchUp, ThreadChange } from '~/forums/thread-view'

// The forums over HTTP (as a browser without JavaScript posts its forms) and over
// Socket.IO (as the live page hears it): who reads which space, posting, editing,
// reactions, reports and moderation, live changes with catch-up after a reconnect,
// notifications and their emails.

let hub: TestHub
let smtp: SmtpSink
let ids: Record<string, string>

beforeAll(async () => {
  smtp = await startSmtpSink()
  hub = await startTestHub({ env: { SMTP_URL: smtp.url } })
  ids = await hub.ids()
})
afterAll(async () => {
  closeAll()
  await hub?.close()
  await smtp?.stop()
})

const prisma = () => hub.database.prisma
const as = signedIn(() => hub.url)
const dcs = (slug: string) => as(`dcs.${slug}@example.org`)
const nameOf = async (email: string) => (await prisma().user.findUniqueOrThrow({ where: { email }, select: { name: true } })).name
const userId = async (email: string) => (await prisma().user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id

/** Starts a thread through the no-JavaScript form; returns its id. */
async function startThread(v: Visitor, space: string, fields: Record<string, string>) {
  const res = await v.post(`/forums/${space}/new`, { kind: 'discussion', title: 'A thread', 'body.text': 'Opening words', ...fields })
  expect(res.status, await res.clone().text()).toBe(303)
  return /\/threads\/([a-z0-9]+)/.exec(res.headers.get('location')!)![1]
}
async function replyTo(v: Visitor, threadId: string, text: string, extra: Record<string, string> = {}) {
  return v.post(`/threads/${threadId}`, { intent: 'reply', 'body.text': text, ...extra })
}

const { socketFor, signedInSocket, closeAll } = socketsOf(() => hub.url)
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms))

describe('spaces', () => {
  it('the national space is for everyone; a region’s for its people; a private one for its councils and the region’s leads', async () => {
    expect((await (await dcs('camden')).get('/forums/national')).status).toBe(200)
    expect((await (await dcs('camden')).get('/forums/london')).status).toBe(200)
    expect((await (await dcs('gateshead')).get('/forums/london')).status).toBe(404)
    expect((await (await as('lead.london@example.org')).get('/forums/london')).status).toBe(200)
    expect((await (await as('lead.north-east@example.org')).get('/forums/london')).status).toBe(404)

    const lead = await as('lead.london@example.org')
    const created = await lead.post('/regions/london/spaces/new', { name: 'Camden and Barnet challenge', description: '', councils: ids.camden })
    expect(created.status).toBe(400) // two councils at least
    const form = new URLSearchParams({ name: 'Camden and Barnet challenge', description: 'Our peer challenge' })
    form.append('councils', ids.camden)
    form.append('councils', ids.barnet)
    const ok = await lead.request('/regions/london/spaces/new', { method: 'POST', body: form })
    expect(ok.status).toBe(303)
    const slug = ok.headers.get('location')!.split('/').pop()!
    expect((await (await dcs('camden')).get(`/forums/${slug}`)).status).toBe(200)
    expect((await (await dcs('hackney')).get(`/forums/${slug}`)).status).toBe(404)
    expect((await lead.get(`/forums/${slug}`)).status).toBe(200)
    // A council of another region cannot be slipped in, and other regions' leads cannot create here.
    const bad = new URLSearchParams({ name: 'Sneaky', description: '' })
    bad.append('councils', ids.camden)
    bad.append('councils', ids.gateshead)
    expect((await lead.request('/regions/london/spaces/new', { method: 'POST', body: bad })).status).toBe(400)
    expect((await (await as('lead.north-east@example.org')).get('/regions/london/spaces/new')).status).toBe(403)
    expect((await (await dcs('camden')).get('/regions/london/spaces/new')).status).toBe(403)
    // The forums page lists only the spaces each person reads.
    const camdenForums = await html(await (await dcs('camden')).get('/forums'))
    expect(camdenForums).toContain('Camden and Barnet challenge')
    expect(camdenForums).not.toContain('>North East<')
    expect(await html(await (await dcs('hackney')).get('/forums'))).not.toContain('Camden and Barnet challenge')
  })
})

describe('threads and posts', () => {
  it('starts each kind of thread, and refuses bad input with a clear 400 and nothing written', async () => {
    const camden = await dcs('camden')
    const before = await prisma().thread.count()
    const noTitle = await camden.post('/forums/national/new', { kind: 'discussion', title: ' ', 'body.text': 'Words' })
    expect(noTitle.status).toBe(400)
    expect(await html(noTitle)).toContain('Enter a title')
    const noBody = await camden.post('/forums/national/new', { kind: 'question', title: 'How do you staff a front door?', 'body.text': '' })
    expect(noBody.status).toBe(400)
    expect(await html(noBody)).toContain('How do you staff a front door?') // what was typed is kept
    const hostile = await camden.post('/forums/national/new', { kind: 'discussion', title: 'x', 'body.json': JSON.stringify({ type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] }) })
    expect(hostile.status).toBe(400)
    const badLink = await camden.post('/forums/national/new', {
      kind: 'discussion',
      title: 'x',
      'body.json': JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] }),
    })
    expect(badLink.status).toBe(400)
    expect((await camden.post('/forums/national/new', { kind: 'poll', title: 'x', 'body.text': 'y' })).status).toBe(400)
    expect((await camden.post('/forums/national/new', { kind: 'discussion', title: 'x'.repeat(151), 'body.text': 'y' })).status).toBe(400)
    expect((await camden.post('/forums/national/new', { kind: 'discussion', title: 'x', 'body.text': 'y'.repeat(40_000) })).status).toBe(400)
    const practice = await camden.post('/forums/national/new', { kind: 'good_practice', title: 'Family hubs', themes: 'not_a_theme', 'context.text': 'a', 'whatWeDid.text': 'b', 'impact.text': 'c', contact: 'Jo' })
    expect(practice.status).toBe(400)
    expect((await camden.post('/forums/gateshead-nope/new', { kind: 'discussion', title: 'x', 'body.text': 'y' })).status).toBe(404)
    expect((await (await dcs('gateshead')).post('/forums/london/new', { kind: 'discussion', title: 'x', 'body.text': 'y' })).status).toBe(404)
    expect(await prisma().thread.count()).toBe(before)

    const question = await startThread(camden, 'national', { kind: 'question', title: 'How do you staff a front door?', 'body.text': 'We are reviewing our MASH.' })
    const form = new URLSearchParams({ kind: 'good_practice', title: 'Family hubs that families use', 'context.text': 'Low take-up.', 'whatWeDid.text': 'Co-located health visitors.', 'impact.text': 'Contacts up by a third (illustrative).', contact: 'Jo Reid, Camden' })
    form.append('themes', 'early_help')
    form.append('themes', 'partnerships')
    const res = await camden.request('/forums/london/new', { method: 'POST', body: form })
    expect(res.status).toBe(303)
    const practiceId = res.headers.get('location')!.split('/').pop()!
    const page = await html(await (await dcs('hackney')).get(`/threads/${practiceId}`))
    for (const text of ['Family hubs that families use', 'Context', 'What we did', 'Impact and evidence', 'Co-located health visitors.', 'Jo Reid, Camden', 'Early help']) expect(page).toContain(text)
    expect(await html(await (await dcs('gateshead')).get(`/threads/${question}`))).toContain('We are reviewing our MASH.')
    expect((await (await dcs('gateshead')).get(`/threads/${practiceId}`)).status).toBe(404)
    // Filters on the space page.
    const list = await html(await camden.get('/forums/london?kind=good_practice&theme=early_help'))
    expect(list).toContain('Family hubs that families use')
    expect(await html(await camden.get('/forums/london?kind=question'))).not.toContain('Family hubs that families use')
    expect((await camden.get('/forums/london?kind=<script>&page=-4')).status).toBe(200) // unknown filters are ignored
  })

  it('replies, quotes, edits with history, reactions, accepted answers', async () => {
    const camden = await dcs('camden')
    const hackney = await dcs('hackney')
    const id = await startThread(camden, 'london', { kind: 'question', title: 'Who runs an edge-of-care team?', 'body.text': 'Looking for models.' })
    expect((await replyTo(hackney, id, 'We do: a small team of four.')).status).toBe(303)
    expect((await replyTo(camden, id, 'How big is your caseload?', { replyTo: '2' })).status).toBe(303)
    expect((await replyTo(camden, id, 'x', { replyTo: '99' })).status).toBe(409)
    expect((await replyTo(camden, id, '')).status).toBe(400)
    const posts = await prisma().post.findMany({ where: { threadId: id }, orderBy: { seq: 'asc' } })
    expect(posts.map((p) => p.seq)).toEqual([1, 2, 3])
    expect(posts[2].replyToId).toBe(posts[1].id)
    let page = await html(await camden.get(`/threads/${id}`))
    expect(page).toContain('Replying to')
    expect(page).toContain('We do: a small team of four.')

    // Only the author edits; the earlier text stays in the history.
    expect((await camden.post(`/posts/${posts[1].id}/edit`, { 'body.text': 'Hijack' })).status).toBe(403)
    expect((await hackney.post(`/posts/${posts[1].id}/edit`, { 'body.text': '' })).status).toBe(400)
    expect((await hackney.post(`/posts/${posts[1].id}/edit`, { 'body.text': 'We do: a team of five since April.' })).status).toBe(303)
    page = await html(await camden.get(`/threads/${id}`))
    expect(page).toContain('a team of five since April')
    expect(page).toContain('edited')
    const history = await html(await camden.get(`/posts/${posts[1].id}/history`))
    expect(history).toContain('a team of five since April')
    expect(history).toContain('a small team of four')

    // Reactions toggle; a made-up reaction is refused.
    expect((await hackney.post(`/threads/${id}`, { intent: 'react', postId: posts[0].id, reaction: 'lightbulb' })).status).toBe(303)
    expect(await prisma().reaction.count({ where: { postId: posts[0].id } })).toBe(1)
    expect((await hackney.post(`/threads/${id}`, { intent: 'react', postId: posts[0].id, reaction: 'lightbulb' })).status).toBe(303)
    expect(await prisma().reaction.count({ where: { postId: posts[0].id } })).toBe(0)
    expect((await hackney.post(`/threads/${id}`, { intent: 'react', postId: posts[0].id, reaction: 'poo' })).status).toBe(400)
    expect((await hackney.post(`/threads/${id}`, { intent: 'react', postId: 'nope', reaction: 'heart' })).status).toBe(404)

    // The asker accepts an answer; someone else cannot.
    expect((await hackney.post(`/threads/${id}`, { intent: 'accept', postId: posts[1].id })).status).toBe(403)
    expect((await camden.post(`/threads/${id}`, { intent: 'accept', postId: posts[1].id })).status).toBe(303)
    expect((await prisma().thread.findUniqueOrThrow({ where: { id } })).acceptedPostId).toBe(posts[1].id)
    expect(await html(await hackney.get(`/threads/${id}`))).toContain('Accepted answer')
    // A post of another thread cannot be accepted here.
    const other = await startThread(camden, 'london', { title: 'Elsewhere' })
    const otherPost = await prisma().post.findFirstOrThrow({ where: { threadId: other } })
    expect((await camden.post(`/threads/${id}`, { intent: 'accept', postId: otherPost.id })).status).toBe(403)
    expect((await camden.post(`/threads/${id}`, { intent: 'drop-table' })).status).toBe(400)
  })
})

describe('long threads', () => {
  it('show the latest 50 replies, with the earlier ones on request or when a post is linked', async () => {
    const camden = await dcs('camden')
    const id = await startThread(camden, 'national', { kind: 'question', title: 'A long one' })
    for (let i = 1; i <= 55; i++) expect((await replyTo(camden, id, `Reply number ${i}.`)).status).toBe(303)
    const count = (page: string) => [...page.matchAll(/<article id="post-/g)].length
    const page = await html(await camden.get(`/threads/${id}`))
    expect(page).toContain('55 replies')
    expect(page).toContain('Show the 5 earlier replies')
    expect(count(page)).toBe(51) // the opening post and the latest 50
    expect(page).not.toContain('Reply number 5.')
    expect(page).toContain('Reply number 6.')
    expect(count(await html(await camden.get(`/threads/${id}?all=1`)))).toBe(56)
    const linked = await html(await camden.get(`/threads/${id}?from=3`))
    expect(linked).toContain('Reply number 2.')
    expect(linked).not.toContain('Reply number 1.')
    expect(count(await html(await camden.get(`/threads/${id}?from=nonsense&replyTo=-2`)))).toBe(51)
    // An accepted answer older than the window is still linked.
    const first = await prisma().post.findFirstOrThrow({ where: { threadId: id, seq: 2 } })
    expect((await camden.post(`/threads/${id}`, { intent: 'accept', postId: first.id })).status).toBe(303)
    const answered = await html(await camden.get(`/threads/${id}`))
    expect(answered).toContain('Answered')
    expect(answered).toContain(`href="/threads/${id}?from=2#post-2"`)
  })
})

describe('moderation', () => {
  it('members report; the region’s lead hides, locks, pins and moves; hidden posts are gone for readers', async () => {
    const camden = await dcs('camden')
    const hackney = await dcs('hackney')
    const lead = await as('lead.london@example.org')
    const id = await startThread(camden, 'london', { title: 'Placements panel' })
    await replyTo(hackney, id, 'This names a child: do not keep it.')
    const post = await prisma().post.findFirstOrThrow({ where: { threadId: id, seq: 2 } })
    expect((await hackney.post(`/posts/${post.id}/flag`, { reason: 'mine' })).status).toBe(403) // not your own
    expect((await camden.post(`/posts/${post.id}/flag`, { reason: '' })).status).toBe(400)
    expect((await camden.post(`/posts/${post.id}/flag`, { reason: 'Names a child' })).status).toBe(303)
    expect((await hackney.get('/moderation')).status).toBe(403)
    expect(await html(await (await as("lead.north-east@example.org")).get("/moderation"))).not.toContain("Names a child")
    const queue = await html(await lead.get('/moderation'))
    expect(queue).toContain('Names a child')
    const flag = await prisma().flag.findFirstOrThrow({ where: { postId: post.id } })
    expect((await (await as('lead.north-east@example.org')).post('/moderation', { intent: 'hide', flagId: flag.id })).status).toBe(403)
    expect((await lead.post('/moderation', { intent: 'hide', flagId: flag.id })).status).toBe(303)
    expect(await html(await camden.get(`/threads/${id}`))).not.toContain('This names a child')
    expect(await html(await hackney.get(`/threads/${id}`))).not.toContain('This names a child') // its author too
    expect(await html(await lead.get(`/threads/${id}`))).toContain('Hidden from readers')
    expect((await camden.get(`/posts/${post.id}/history`)).status).toBe(404)
    expect(await html(await lead.get('/moderation'))).not.toContain('Names a child')

    // Members cannot moderate; the lead locks: only moderators reply, authors cannot edit.
    expect((await camden.post(`/threads/${id}`, { intent: 'lock' })).status).toBe(403)
    expect((await lead.post(`/threads/${id}`, { intent: 'lock' })).status).toBe(303)
    expect((await replyTo(hackney, id, 'Still here?')).status).toBe(403)
    const opening = await prisma().post.findFirstOrThrow({ where: { threadId: id, seq: 1 } })
    expect((await camden.post(`/posts/${opening.id}/edit`, { title: 'x', 'body.text': 'y' })).status).toBe(403)
    expect((await replyTo(lead, id, 'Locked while we check.')).status).toBe(303)
    expect((await lead.post(`/threads/${id}`, { intent: 'pin' })).status).toBe(303)
    expect(await html(await camden.get('/forums/london'))).toContain('Pinned')

    // Moving to the national space is not the London lead's to do; hiding the thread is.
    expect((await lead.post(`/threads/${id}/move`, { spaceId: 'whatever' })).status).toBe(400)
    expect((await lead.post(`/threads/${id}`, { intent: 'hide-thread' })).status).toBe(303)
    expect((await camden.get(`/threads/${id}`)).status).toBe(404)
    expect((await lead.get(`/threads/${id}`)).status).toBe(200)
    const admin = await as('admin@example.org')
    const national = await prisma().space.findUniqueOrThrow({ where: { slug: 'national' } })
    expect((await admin.post(`/threads/${id}`, { intent: 'unhide-thread' })).status).toBe(303)
    expect((await admin.post(`/threads/${id}/move`, { spaceId: national.id })).status).toBe(303)
    expect((await (await dcs('gateshead')).get(`/threads/${id}`)).status).toBe(200)
  })
})

describe('live threads', () => {
  it('only readers join a thread’s room; a reply reaches them as one numbered change', async () => {
    const camden = await dcs('camden')
    const id = await startThread(camden, 'london', { title: 'Live one' })
    const { socket: reader } = await signedInSocket('dcs.hackney@example.org')
    const { socket: outsider } = await signedInSocket('dcs.gateshead@example.org')
    expect(await join(reader, rooms.thread(id))).toEqual({ ok: true })
    expect(await join(outsider, rooms.thread(id))).toEqual({ ok: false, error: 'forbidden' })
    expect(await join(reader, rooms.thread('nope'))).toEqual({ ok: false, error: 'forbidden' })
    const got: ThreadChange[] = []
    reader.on('thread.change', (e: ThreadChange) => got.push(e))
    const leaked: unknown[] = []
    outsider.onAny((event, payload) => event !== 'notification' && leaked.push(payload))
    await replyTo(camden, id, 'Hello, live readers')
    await settle()
    expect(got).toHaveLength(1)
    expect(got[0].change).toBe(2)
    expect(got[0].post?.seq).toBe(2)
    expect(got[0].post?.html).toContain('Hello, live readers')
    expect(leaked).toEqual([])
  })

  it('a reader that drops and comes back gets every change it missed, once, in order', async () => {
    const camden = await dcs('camden')
    const id = await startThread(camden, 'london', { title: 'Catch-up' })
    const { socket, visitor } = await signedInSocket('dcs.hackney@example.org')
    await join(socket, rooms.thread(id))
    const seen = new Map<string, number>() // post id → seq
    let last = 1
    const apply = (posts: { id: string; seq: number }[], change: number) => {
      for (const p of posts) seen.set(p.id, p.seq)
      last = Math.max(last, change)
    }
    socket.on('thread.change', (e: ThreadChange) => {
      if (e.change === last + 1 && e.post) apply([e.post], e.change)
    })
    await replyTo(camden, id, 'one')
    await replyTo(camden, id, 'two')
    await settle()
    expect([...seen.values()]).toEqual([2, 3])
    socket.disconnect()
    for (const text of ['three', 'four', 'five', 'six']) await replyTo(camden, id, text)
    // A hidden post while away is reported as removed.
    const lead = await as('lead.london@example.org')
    const four = await prisma().post.findFirstOrThrow({ where: { threadId: id, seq: 5 } })
    await lead.post(`/threads/${id}`, { intent: 'hide-post', postId: four.id })
    // Back: join again, then ask for what changed after the last applied change.
    const again = socketFor(visitor.cookieHeader)
    await new Promise<void>((r) => again.once("connect", () => r()))
    await join(again, rooms.thread(id))
    const res = await visitor.get(`/threads/${id}/changes?after=${last}`)
    expect(res.status).toBe(200)
    const missed = (await res.json()) as CatchUp
    expect(missed.posts.map((p) => p.seq)).toEqual([4, 6, 7])
    expect(missed.removedPostIds).toEqual([four.id])
    apply(missed.posts, missed.change)
    expect([...seen.values()].sort((a, b) => a - b)).toEqual([2, 3, 4, 6, 7])
    expect(new Set(seen.keys()).size).toBe(seen.size)
    expect(missed.change).toBe(8) // 1 opening + 6 replies + 1 hide
    // Nothing new after the last change, and bad numbers are refused.
    expect(((await (await visitor.get(`/threads/${id}/changes?after=${missed.change}`)).json()) as CatchUp).posts).toEqual([])
    expect((await visitor.get(`/threads/${id}/changes?after=-1`)).status).toBe(400)
    expect((await visitor.get(`/threads/${id}/changes?after=abc`)).status).toBe(400)
    expect((await (await dcs('gateshead')).get(`/threads/${id}/changes?after=0`)).status).toBe(404)
  })

  it('edits, reactions and hides are live; typing and presence reach the room only', async () => {
    const camden = await dcs('camden')
    const id = await startThread(camden, 'london', { title: 'Typing' })
    const a = await signedInSocket('dcs.camden@example.org')
    const b = await signedInSocket('dcs.hackney@example.org')
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- event payloads of several shapes, checked field by field below
    const got: { event: string; payload: any }[] = []
    b.socket.onAny((event, payload) => got.push({ event, payload }))
    await join(a.socket, rooms.thread(id))
    await join(b.socket, rooms.thread(id))
    await settle(500)
    const presence = got.filter((g) => g.event === 'presence').at(-1)?.payload
    expect(presence.count).toBe(2)
    expect(presence.readers.map((r: { name: string }) => r.name).sort()).toEqual([await nameOf('dcs.camden@example.org'), await nameOf('dcs.hackney@example.org')].sort())
    a.socket.emit('typing', rooms.thread(id))
    a.socket.emit('typing', rooms.thread('elsewhere')) // not in that room: ignored
    await settle()
    expect(got.filter((g) => g.event === 'typing').map((g) => g.payload.name)).toEqual([await nameOf('dcs.camden@example.org')])
    const opening = await prisma().post.findFirstOrThrow({ where: { threadId: id, seq: 1 } })
    await (await dcs('hackney')).post(`/threads/${id}`, { intent: 'react', postId: opening.id, reaction: 'clap' })
    await camden.post(`/posts/${opening.id}/edit`, { title: 'Typing, edited', 'body.text': 'Changed words' })
    await replyTo(camden, id, 'to be hidden')
    const reply = await prisma().post.findFirstOrThrow({ where: { threadId: id, seq: 2 } })
    await (await as('lead.london@example.org')).post(`/threads/${id}`, { intent: 'hide-post', postId: reply.id })
    await settle()
    const changes = got.filter((g) => g.event === 'thread.change').map((g) => g.payload as ThreadChange)
    expect(changes.map((c) => c.change)).toEqual([2, 3, 4, 5])
    expect(changes[0].post?.reactions).toEqual([{ key: 'clap', userIds: [await userId('dcs.hackney@example.org')] }])
    expect(changes[1].post?.html).toContain('Changed words')
    expect(changes[1].thread?.title).toBe('Typing, edited')
    expect(changes[3]).toMatchObject({ removedPostId: reply.id })
    expect(JSON.stringify(changes[3])).not.toContain('to be hidden')
  })
})

describe('notifications', () => {
  it('a mention notifies at once (bell live, email), only people who may read the space', async () => {
    const camden = await dcs('camden')
    const hackneyName = await nameOf('dcs.hackney@example.org')
    const gatesheadName = await nameOf('dcs.gateshead@example.org')
    const { socket } = await signedInSocket('dcs.hackney@example.org')
    const bell: unknown[] = []
    socket.on('notification', (p) => bell.push(p))
    const id = await startThread(camden, 'london', { title: 'Mentions', 'body.text': `Could @${hackneyName} and @${gatesheadName} share their approach?` })
    const mail = await smtp.waitFor((m) => m.to.includes('dcs.hackney@example.org') && m.text.includes(`/threads/${id}`))
    expect(mail.text).toContain('mentioned you')
    expect(bell.length).toBeGreaterThanOrEqual(1)
    const hackneyId = await userId('dcs.hackney@example.org')
    expect(await prisma().notification.count({ where: { userId: hackneyId, threadId: id, kind: 'mention' } })).toBe(1)
    // Gateshead (North East) cannot read the London space: no notification, no email.
    await settle(500)
    expect(await prisma().notification.count({ where: { userId: await userId('dcs.gateshead@example.org'), threadId: id } })).toBe(0)
    expect(smtp.messages.some((m) => m.to.includes('dcs.gateshead@example.org'))).toBe(false)
    const count = await (await dcs('hackney')).get('/notifications/count')
    expect(((await count.json()) as { unread: number }).unread).toBeGreaterThanOrEqual(1)
    expect(await html(await (await dcs('hackney')).get('/notifications'))).toContain('Mentions')
    // Opening the thread marks its notifications read.
    await (await dcs('hackney')).get(`/threads/${id}`)
    expect(await prisma().notification.count({ where: { userId: hackneyId, threadId: id, readAt: null } })).toBe(0)
  })

  it('replies notify followers, answers notify the asker; a daily digest goes to those who ask for it', async () => {
    const camden = await dcs('camden')
    const islington = await dcs('islington')
    const id = await startThread(camden, 'london', { kind: 'question', title: 'Digest question' })
    await islington.post(`/threads/${id}`, { intent: 'watch' })
    await replyTo(await dcs('hackney'), id, 'An answer for you')
    await settle(300)
    const camdenId = await userId('dcs.camden@example.org')
    const islingtonId = await userId('dcs.islington@example.org')
    expect(await prisma().notification.findFirst({ where: { userId: camdenId, threadId: id }, select: { kind: true } })).toEqual({ kind: 'answer' })
    expect(await prisma().notification.findFirst({ where: { userId: islingtonId, threadId: id }, select: { kind: true } })).toEqual({ kind: 'reply' })
    // Islington asks for the digest through the account page.
    expect((await islington.post('/account', { intent: 'email-digest', emailDigest: 'maybe' })).status).toBe(400)
    expect((await islington.post('/account', { intent: 'email-digest', emailDigest: 'on' })).status).toBe(200)
    const { sent } = await sendDigests(new Date())
    expect(sent).toBeGreaterThanOrEqual(1)
    const digest = await smtp.waitFor((m) => m.to.includes('dcs.islington@example.org') && m.text.includes('Since your last digest'))
    expect(digest.text).toContain('Digest question')
    // Not twice in a day, and nothing for those who did not ask.
    await sendDigests(new Date())
    await settle(300)
    expect(smtp.messages.filter((m) => m.to.includes('dcs.islington@example.org') && m.text.includes('Since your last digest'))).toHaveLength(1)
    expect(smtp.messages.some((m) => m.to.includes('dcs.camden@example.org') && m.text.includes('Since your last digest'))).toBe(false)
  })
})
