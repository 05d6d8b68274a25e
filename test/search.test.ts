import { postHref } from '~/forums/thread-view'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor, html, signedIn } from './support/browser-less'
import { toSignedInUser } from '~/auth/session.server'
import { searchHub } from '~/search/search.server'
import type { SearchQuery } from '~/search/query'
import { DEFAULT_TEMPLATE } from '~/self-assessment/template'
import type { Prisma } from '~/generated/prisma/client'

// Search over HTTP and through searchHub, on data written straight into the database:
// nobody finds a post in a space they cannot read, hidden content is gone for everyone,
// an assessment's text shows only as its council or its readers may see it, and the
// filters and ranking do what they say.

let hub: TestHub
let ids: Record<string, string>
const prisma = () => hub.database.prisma

beforeAll(async () => {
  hub = await startTestHub()
  ids = await hub.ids()
  await fixtures()
})
afterAll(async () => {
  await hub?.close()
})

const as = signedIn(() => hub.url)

async function actor(email: string) {
  const user = await prisma().user.findUniqueOrThrow({ where: { email }, include: { council: { include: { region: true } }, roles: { include: { region: true } } } })
  return toSignedInUser(user)
}

/** The result links a person gets on the search page, in order. */
async function links(email: string, qs: string) {
  const res = await (await as(email)).get(`/search?${qs}`)
  expect(res.status).toBe(200)
  const page = await html(res)
  const list = page.slice(page.indexOf('data-testid="results"'), page.indexOf('</ol>'))
  return page.includes('data-testid="results"') ? [...list.matchAll(/<h3[^>]*><a class="govuk-link" href="([^"]+)"/g)].map((m) => m[1]) : []
}

const find = async (email: string, query: Partial<SearchQuery>) => searchHub(await actor(email), { q: '', page: 1, ...query })

// ---------------------------------------------------------------------------------------
// Fixtures: spaces, threads and posts as the forum code writes them.

const doc = (text: string) => ({ doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } }) as unknown as Prisma.InputJsonValue
const T: Record<string, string> = {}
let seq = 0

async function userOf(email: string) {
  return prisma().user.findUniqueOrThrow({ where: { email }, select: { id: true, councilId: true } })
}

async function makeThread(name: string, o: { space: string; title: string; body: string; author: string; kind?: 'discussion' | 'question' | 'good_practice'; themes?: string[]; at?: string; hidden?: boolean; replies?: { body: string; author: string; hidden?: boolean; at?: string }[] }) {
  const space = await prisma().space.findUniqueOrThrow({ where: { slug: o.space } })
  const author = await userOf(o.author)
  const at = new Date(o.at ?? `2026-0${1 + (seq++ % 9)}-15T10:00:00Z`)
  const replies = o.replies ?? []
  const thread = await prisma().thread.create({
    data: {
      spaceId: space.id,
      kind: o.kind ?? 'discussion',
      title: o.title,
      themes: o.themes ?? [],
      authorId: author.id,
      councilId: author.councilId,
      createdAt: at,
      lastPostAt: at,
      lastSeq: 1 + replies.length,
      changeSeq: 1 + replies.length,
      replyCount: replies.length,
      hiddenAt: o.hidden ? at : null,
    },
  })
  await prisma().post.create({ data: { threadId: thread.id, seq: 1, changedSeq: 1, authorId: author.id, councilId: author.councilId, content: doc(o.body), text: o.body, title: o.title, createdAt: at } })
  for (const [i, r] of replies.entries()) {
    const by = await userOf(r.author)
    await prisma().post.create({
      data: { threadId: thread.id, seq: i + 2, changedSeq: i + 2, authorId: by.id, councilId: by.councilId, content: doc(r.body), text: r.body, createdAt: new Date(r.at ?? at), hiddenAt: r.hidden ? at : null },
    })
  }
  T[name] = thread.id
}

const link = (name: string, postSeq = 1) => postHref(T[name], postSeq)

async function fixtures() {
  // A private group space in London for Camden and Barnet only.
  const london = ids['region:london']
  await prisma().space.create({ data: { slug: 'group-edge-of-care', name: 'Edge of care group', scope: 'group', regionId: london, councils: { create: [{ councilId: ids.camden }, { councilId: ids.barnet }] } } })

  // "marmoset" is in one post of every kind of space, and in hidden things.
  await makeThread('national', { space: 'national', title: 'Kinship care allowances', body: 'Our marmoset approach to kinship allowances.', author: 'dcs.manchester@example.org' })
  await makeThread('london', { space: 'london', title: 'Front door triage', body: 'The marmoset rota at our front door.', author: 'dcs.hackney@example.org' })
  await makeThread('northWest', { space: 'north-west', title: 'Regional fostering hub', body: 'A marmoset scheme shared by North West councils.', author: 'dcs.liverpool@example.org' })
  await makeThread('group', { space: 'group-edge-of-care', title: 'Edge of care pilot', body: 'Confidential marmoset figures from our pilot.', author: 'dcs.camden@example.org' })
  await makeThread('hiddenThread', { space: 'national', title: 'Hidden marmoset thread', body: 'Hidden marmoset body.', author: 'dcs.camden@example.org', hidden: true, replies: [{ body: 'A marmoset reply in a hidden thread.', author: 'dcs.hackney@example.org' }] })
  await makeThread('withHiddenReply', {
    space: 'national',
    title: 'Caseload weighting',
    body: 'How do you weight caseloads?',
    author: 'dcs.hackney@example.org',
    replies: [
      { body: 'An abusive marmoset tapir reply that a moderator hid.', author: 'dcs.camden@example.org', hidden: true },
      { body: 'We weight marmoset cases double.', author: 'dcs.manchester@example.org' },
    ],
  })

  // Ranking: "pangolin" in one title, and in another thread's body (newer, and twice).
  await makeThread('titleMatch', { space: 'national', title: 'Pangolin practice model', body: 'A practice model for social work teams.', author: 'dcs.camden@example.org', at: '2026-02-01T09:00:00Z' })
  await makeThread('bodyMatch', { space: 'national', title: 'Team meetings', body: 'We talked about the pangolin idea, and the pangolin again, at our team meeting.', author: 'dcs.hackney@example.org', at: '2026-06-01T09:00:00Z' })

  // Filters: "quokka" in threads of each kind, theme, council and date.
  await makeThread('q1', { space: 'national', kind: 'question', title: 'Quokka question', body: 'Who has a quokka protocol?', author: 'dcs.camden@example.org', themes: ['front_door'], at: '2026-01-10T12:00:00Z' })
  await makeThread('q2', { space: 'national', kind: 'good_practice', title: 'Quokka good practice', body: 'Our quokka write-up.', author: 'dcs.hackney@example.org', themes: ['care_leavers', 'workforce'], at: '2026-03-10T12:00:00Z' })
  await makeThread('q3', { space: 'london', kind: 'discussion', title: 'Quokka discussion', body: 'Talking quokka.', author: 'dcs.camden@example.org', themes: ['workforce'], at: '2026-05-10T23:30:00Z' })
  await makeThread('q4', { space: 'north-west', kind: 'discussion', title: 'Quokka in the North West', body: 'Quokka up north.', author: 'dcs.manchester@example.org', at: '2026-05-11T00:30:00Z' })

  // Markup in a post is text, never HTML.
  await makeThread('markup', { space: 'national', title: 'Axolotl <script>alert(1)</script>', body: 'The axolotl <img src=x onerror=alert(1)> plan & "quotes".', author: 'dcs.camden@example.org' })
}

// ---------------------------------------------------------------------------------------

describe('who finds what in the forums', () => {
  it('a London council finds the national and London spaces, not the North West’s', async () => {
    const found = await links('dcs.hackney@example.org', 'q=marmoset')
    expect(found).toContain(link('national'))
    expect(found).toContain(link('london'))
    expect(found).not.toContain(link('northWest'))
  })

  it('a North West council finds its region, not London’s', async () => {
    const found = await links('dcs.liverpool@example.org', 'q=marmoset')
    expect(found).toContain(link('northWest'))
    expect(found).toContain(link('national'))
    expect(found).not.toContain(link('london'))
    expect(found).not.toContain(link('group'))
  })

  it('a group space is found by its member councils and the region’s lead, nobody else', async () => {
    expect(await links('dcs.camden@example.org', 'q=marmoset')).toContain(link('group'))
    expect(await links('dcs.barnet@example.org', 'q=marmoset')).toContain(link('group'))
    expect(await links('lead.london@example.org', 'q=marmoset')).toContain(link('group'))
    // Hackney is in London but not in the group.
    expect(await links('dcs.hackney@example.org', 'q=marmoset')).not.toContain(link('group'))
    expect(await links('lead.north-west@example.org', 'q=marmoset')).not.toContain(link('group'))
    // Asking for the space by name is refused like any unknown value.
    const res = await (await as('dcs.hackney@example.org')).get('/search?q=marmoset&space=group-edge-of-care')
    expect(res.status).toBe(400)
    expect(await html(res)).not.toContain('Confidential')
  })

  it('hidden threads and posts are found by nobody, moderators and authors included', async () => {
    for (const email of ['admin@example.org', 'lead.london@example.org', 'dcs.camden@example.org', 'dcs.hackney@example.org']) {
      const found = await links(email, 'q=marmoset')
      expect(found.some((h) => h.startsWith(`/threads/${T.hiddenThread}`))).toBe(false)
      expect(found).not.toContain(link('withHiddenReply', 2))
      expect(found).toContain(link('withHiddenReply', 3))
    }
    const page = await html(await (await as('admin@example.org')).get('/search?q=tapir'))
    expect(page).toContain('No results')
  })

  it('an admin finds every space’s posts', async () => {
    const found = await links('admin@example.org', 'q=marmoset')
    for (const name of ['national', 'london', 'northWest', 'group']) expect(found).toContain(link(name))
  })
})

describe('self-assessments in search', () => {
  let assessmentId: string
  let rev1: string

  beforeAll(async () => {
    // Barnet has no demo assessment: a year of its own, a first revision in draft.
    const dcs = await userOf('dcs.barnet@example.org')
    const a = await prisma().selfAssessment.create({
      data: { councilId: ids.barnet, year: 2031, template: DEFAULT_TEMPLATE as unknown as Prisma.InputJsonValue, revisions: { create: { number: 1, createdById: dcs.id } } },
      include: { revisions: true },
    })
    assessmentId = a.id
    rev1 = a.revisions[0].id
    await prisma().assessmentSection.create({ data: { revisionId: rev1, key: 'strengths', content: {}, text: 'Our okapi panel for care leavers.', updatedById: dcs.id } })
  })

  it('a draft is found by its own council only', async () => {
    expect(await links('dcs.barnet@example.org', 'q=okapi')).toEqual([`/assessments/${assessmentId}#section-strengths`])
    for (const email of ['dcs.camden@example.org', 'lead.london@example.org', 'admin@example.org']) expect(await links(email, 'q=okapi')).toEqual([])
  })

  it('once shared with the region, others find the shared text, and the council its newer draft', async () => {
    const dcs = await userOf('dcs.barnet@example.org')
    await prisma().assessmentRevision.update({ where: { id: rev1 }, data: { status: 'shared', signedOffAt: new Date(), signedOffById: dcs.id } })
    await prisma().selfAssessment.update({ where: { id: assessmentId }, data: { shareScope: 'region', sharedAt: new Date() } })
    const rev2 = await prisma().assessmentRevision.create({ data: { assessmentId, number: 2, createdById: dcs.id } })
    await prisma().assessmentSection.create({ data: { revisionId: rev2.id, key: 'strengths', content: {}, text: 'Our okapi panel, now with a narwhal review.', updatedById: dcs.id } })

    const section = `/assessments/${assessmentId}#section-strengths`
    // A London council reads the shared revision: okapi yes, the draft's narwhal no.
    expect(await links('dcs.camden@example.org', 'q=okapi')).toEqual([section])
    expect(await links('dcs.camden@example.org', 'q=narwhal')).toEqual([])
    expect(await links('lead.london@example.org', 'q=okapi')).toEqual([section])
    // Barnet sees its newest revision.
    expect(await links('dcs.barnet@example.org', 'q=narwhal')).toEqual([section])
    // Outside the region, nothing; nor for the national admin (not shared with all).
    expect(await links('dcs.liverpool@example.org', 'q=okapi')).toEqual([])
    expect(await links('admin@example.org', 'q=okapi')).toEqual([])
    // The kind filter keeps it; a forum kind leaves it out.
    expect(await links('dcs.camden@example.org', 'q=okapi&kind=self_assessment')).toEqual([section])
    expect(await links('dcs.camden@example.org', 'q=okapi&kind=discussion')).toEqual([])

    // Withdrawn: gone again for everyone but Barnet.
    await prisma().assessmentRevision.update({ where: { id: rev1 }, data: { status: 'signed_off' } })
    await prisma().selfAssessment.update({ where: { id: assessmentId }, data: { shareScope: 'none', sharedAt: null } })
    expect(await links('dcs.camden@example.org', 'q=okapi')).toEqual([])
    expect(await links('dcs.barnet@example.org', 'q=okapi')).toEqual([section])
  })
})

describe('ranking and filters', () => {
  it('a match in the title ranks above a match in the body', async () => {
    const found = await links('dcs.hackney@example.org', 'q=pangolin')
    expect(found).toEqual([link('titleMatch'), link('bodyMatch')])
  })

  it('filters by kind, theme, council, region, space and dates', async () => {
    const hackney = 'dcs.hackney@example.org'
    const sorted = async (qs: string) => (await links(hackney, qs)).sort()
    const of = (...names: string[]) => names.map((n) => link(n)).sort()
    expect(await sorted('q=quokka')).toEqual(of('q1', 'q2', 'q3'))
    expect(await sorted('q=quokka&kind=question')).toEqual(of('q1'))
    expect(await sorted('q=quokka&kind=good_practice')).toEqual(of('q2'))
    expect(await sorted('q=quokka&theme=workforce')).toEqual(of('q2', 'q3'))
    expect(await sorted('q=quokka&council=camden')).toEqual(of('q1', 'q3'))
    expect(await sorted('q=quokka&region=london')).toEqual(of('q3'))
    expect(await sorted('q=quokka&space=national')).toEqual(of('q1', 'q2'))
    expect(await sorted('q=quokka&from=2026-03-10&to=2026-05-10')).toEqual(of('q2', 'q3'))
    expect(await sorted('q=quokka&from=2026-03-11')).toEqual(of('q3'))
    // Filters alone list threads, newest first (the demo's own Camden questions aside).
    const ours = new Set(Object.values(T).map((id) => `/threads/${id}`))
    expect((await links(hackney, 'kind=question&council=camden')).filter((l) => ours.has(l))).toEqual([link('q1')])
    // The North West's thread is not found by filtering for its region either.
    expect(await links(hackney, 'q=quokka&region=north-west')).toEqual([])
    expect(await links('dcs.manchester@example.org', 'q=quokka&region=north-west')).toEqual([link('q4')])
  })

  it('the page shows highlights on escaped text, with the count and the details', async () => {
    const page = await html(await (await as('dcs.hackney@example.org')).get('/search?q=axolotl'))
    expect(page).toContain('1 result')
    expect(page).toContain('<mark>Axolotl</mark> &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).toContain('<mark>axolotl</mark> &lt;img src=x onerror=alert(1)&gt; plan &amp; &quot;quotes')
    expect(page).not.toContain('<img src=x')
    expect(page).toContain('All members')
    expect(page).toContain('Camden')
  })

  it('searchHub pages through results and counts them', async () => {
    const all = await find('admin@example.org', { q: 'marmoset' })
    expect(all.total).toBeGreaterThanOrEqual(5)
    expect(all.results.every((r) => r.href.startsWith('/threads/'))).toBe(true)
    const page2 = await find('admin@example.org', { q: 'marmoset', page: 2 })
    expect(page2.results).toEqual([])
    expect(page2.total).toBe(all.total)
  })
})

describe('very common words', () => {
  it('past 5,000 matches, the newest 1,000 are ranked and the count says “more than”', async () => {
    await makeThread('common', { space: 'national', title: 'Wombat weekly', body: 'The wombat thread.', author: 'dcs.hackney@example.org', at: '2026-01-01T00:00:00Z' })
    const author = await userOf('dcs.hackney@example.org')
    await prisma().$executeRaw`
      INSERT INTO "Post" ("id", "threadId", "seq", "changedSeq", "authorId", "councilId", "content", "text", "createdAt")
      SELECT 'common-' || g, ${T.common}, g, g, ${author.id}, ${author.councilId}, '{}'::jsonb, 'Another wombat reply number ' || g, timestamp '2026-01-02' + g * interval '1 minute'
      FROM generate_series(2, 12102) g`
    // Both ways in: counting first (no statistics yet), and straight to the newest when the
    // planner's statistics say the word is everywhere.
    for (const stats of [false, true]) {
      if (stats) await prisma().$executeRawUnsafe('ANALYZE "Post"')
      const page = await html(await (await as('dcs.hackney@example.org')).get('/search?q=wombat'))
      expect(page).toContain('More than 1,000 results')
      const found = await links('dcs.hackney@example.org', 'q=wombat')
      expect(found).toHaveLength(20)
      // Equal ranks: newest first; the opening post (oldest) is outside the newest 1,000.
      expect(found[0]).toBe(link('common', 12102))
      expect(found).not.toContain(link('common'))
      const outcome = await find('dcs.hackney@example.org', { q: 'wombat', page: 50 })
      expect(outcome.more).toBe(true)
      expect(outcome.pages).toBe(50)
      expect(outcome.results).toHaveLength(20)
    }
  })
})

describe('bad input and sign-in', () => {
  it('answers 400 with a message for bad input, and never crashes', async () => {
    const v = await as('dcs.hackney@example.org')
    for (const [qs, message] of [
      [`q=${'x'.repeat(201)}`, 'Search for at most 200 characters'],
      ['q=a&kind=poem', 'Choose a kind from the list'],
      ['q=a&theme=astrology', 'Choose a theme from the list'],
      ['q=a&council=gotham', 'Choose a council from the list'],
      ['q=a&region=atlantis', 'Choose a region from the list'],
      ['q=a&from=2026-02-30', 'real date'],
      ['q=a&from=2026-05-01&to=2026-04-01', 'after'],
      ['q=a&page=0', 'That page does not exist'],
    ]) {
      const res = await v.get(`/search?${qs}`)
      expect(res.status, qs).toBe(400)
      const page = await html(res)
      expect(page).toContain('There is a problem')
      expect(page).toContain(message)
    }
    // Odd but valid words: operators, quotes, stop words only, punctuation.
    for (const q of ['"unclosed', '-', 'or', 'the', '!!! & | :*', "'); DROP TABLE \"Post\"; --", '\u0000x']) {
      const res = await v.get(`/search?q=${encodeURIComponent(q)}`)
      expect(res.status, q).toBe(200)
    }
    expect(await prisma().post.count()).toBeGreaterThan(0)
  })

  it('asks people who are not signed in to sign in', async () => {
    const res = await new Visitor(hub.url).get('/search?q=marmoset')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('the header has a search box for signed-in people', async () => {
    const page = await html(await (await as('dcs.hackney@example.org')).get('/'))
    expect(page).toMatch(/<form method="get" action="\/search" role="search"/)
    expect(page).toContain('<label class="govuk-visually-hidden" for="header-search">Search the hub</label>')
  })
})
