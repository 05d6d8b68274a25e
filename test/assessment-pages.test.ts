import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Socket } from 'socket.io-client'
import { startTestHub, type TestHub } from './support/hub'
import { socketsOf } from './support/sockets'
import { Visitor, html, signedIn } from './support/browser-less'
import { toSignedInUser } from '~/auth/session.server'
import { startAssessment } from '~/self-assessment/assessments.server'
import { currentCycleYear } from '~/self-assessment/cycle'
import { DEFAULT_TEMPLATE } from '~/self-assessment/template'
import { MAX_COMMENT } from '~/self-assessment/comments'
import { DEMO_CURRENT_YEAR } from '~/seed/demo-assessments'
import { rooms } from '~/realtime/rooms'

// The self-assessment pages and endpoints over HTTP, as a browser (without JavaScript)
// or the editor's autosave reaches them: who may read what, read receipts, challenge
// threads, autosave, status changes, the region template, and the assessment's live room.

let hub: TestHub
let ids: Record<string, string>
const sockets = socketsOf(() => hub.url)

beforeAll(async () => {
  hub = await startTestHub()
  ids = await hub.ids()
})
afterAll(async () => {
  sockets.closeAll()
  await hub?.close()
})

const prisma = () => hub.database.prisma

const as = signedIn(() => hub.url)
const dcs = (slug: string) => as(`dcs.${slug}@example.org`)

async function assessmentOf(slug: string, year = DEMO_CURRENT_YEAR) {
  const a = await prisma().selfAssessment.findUniqueOrThrow({ where: { councilId_year: { councilId: ids[slug], year } }, select: { id: true } })
  return a.id
}

async function actor(email: string) {
  const user = await prisma().user.findUniqueOrThrow({
    where: { email },
    include: { council: { include: { region: true } }, roles: { include: { region: true } } },
  })
  return toSignedInUser(user)
}

const userId = async (email: string) => (await prisma().user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id
const nameOf = async (email: string) => (await prisma().user.findUniqueOrThrow({ where: { email }, select: { name: true } })).name

/** Text as React writes it into HTML. */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;')

const tiptap = (text: string, marks?: unknown[]) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] }] })

/** The rows of the region board: council name, link (if any) and stage as shown. */
function boardRows(page: string) {
  const body = page.slice(page.indexOf('<tbody'), page.indexOf('</tbody>'))
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1])
    const text = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&').trim()
    return { name: text(cells[0]), href: /href="([^"]+)"/.exec(cells[0])?.[1] ?? null, stage: text(cells[1]), shared: text(cells[2] ?? '') }
  })
}

const threadCount = (assessmentId: string) => prisma().assessmentComment.count({ where: { assessmentId } })
async function sectionRow(assessmentId: string, key: string) {
  return prisma().assessmentSection.findFirst({ where: { key, revision: { assessmentId } }, orderBy: { revision: { number: 'desc' } } })
}

// ---------------------------------------------------------------------------------------

describe('read receipts', () => {
  it('a read by another council appears in “Who has seen this”, once per ten minutes', async () => {
    const camden = await assessmentOf('camden')
    const hackneyId = await userId('dcs.hackney@example.org')
    const reads = () => prisma().assessmentRead.count({ where: { assessmentId: camden, userId: hackneyId } })
    const recent = () => prisma().assessmentRead.count({ where: { assessmentId: camden, userId: hackneyId, readAt: { gt: new Date(Date.now() - 60_000) } } })
    const before = await reads()
    expect(await recent()).toBe(0)

    const hackney = await dcs('hackney')
    const page = await hackney.get(`/assessments/${camden}`)
    expect(page.status).toBe(200)
    const text = await html(page)
    expect(text).toContain('Camden')
    // Readers outside the council do not see who else has read it.
    expect(text).not.toContain('Who has seen this')
    expect(await reads()).toBe(before + 1)
    expect(await recent()).toBe(1)

    // Reading again, printing, and the live comment refresh are the same read.
    expect((await hackney.get(`/assessments/${camden}`)).status).toBe(200)
    expect((await hackney.get(`/assessments/${camden}/print`)).status).toBe(200)
    expect((await hackney.get(`/assessments/${camden}/comments`)).status).toBe(200)
    expect(await reads()).toBe(before + 1)

    // The council's own people read without leaving a receipt, and see Hackney's.
    const own = await dcs('camden')
    const ownPage = await html(await own.get(`/assessments/${camden}`))
    expect(await reads()).toBe(before + 1)
    expect(await prisma().assessmentRead.count({ where: { assessmentId: camden, councilId: ids.camden } })).toBe(0)
    const seen = ownPage.slice(ownPage.indexOf('Who has seen this'))
    expect(seen).toContain('Who has seen this')
    expect(seen).toContain(escapeHtml(await nameOf('dcs.hackney@example.org')))
    expect(seen).toContain('Hackney')
  })
})

describe('confidentiality over HTTP', () => {
  it('a draft is seen only by its own council: not by other councils, the region lead or admins', async () => {
    const croydon = await assessmentOf('croydon')
    expect((await (await dcs('croydon')).get(`/assessments/${croydon}`)).status).toBe(200)
    for (const email of ['dcs.hackney@example.org', 'lead.london@example.org', 'admin@example.org', 'member.camden@example.org', 'dcs.gateshead@example.org']) {
      const v = await as(email)
      for (const path of [`/assessments/${croydon}`, `/assessments/${croydon}/print`, `/assessments/${croydon}/comments`, `/assessments/${croydon}/compare`, `/assessments/${croydon}/sections/context`]) {
        const res = await v.get(path)
        expect(res.status, `${email} ${path}`).toBe(404)
        const body = await html(res)
        expect(body, `${email} ${path}`).not.toContain('Context and headline data')
      }
    }
    // Nothing at all for someone signed out.
    const anonymous = await new Visitor(hub.url).get(`/assessments/${croydon}`)
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/login/)
    expect((await new Visitor(hub.url).get(`/assessments/${croydon}/comments`)).status).toBe(302)
  })

  it('shared with the region: read by the region’s councils and lead, not by another region or admins', async () => {
    const camden = await assessmentOf('camden')
    for (const email of ['dcs.hackney@example.org', 'lead.london@example.org']) {
      const v = await as(email)
      for (const path of [`/assessments/${camden}`, `/assessments/${camden}/print`, `/assessments/${camden}/comments`]) {
        expect((await v.get(path)).status, `${email} ${path}`).toBe(200)
      }
      // Comparing revisions is for the council itself: outsiders only ever see the shared one.
      expect((await v.get(`/assessments/${camden}/compare`)).status, email).toBe(404)
    }
    for (const email of ['dcs.gateshead@example.org', 'admin@example.org', 'lead.north-east@example.org']) {
      const v = await as(email)
      for (const path of [`/assessments/${camden}`, `/assessments/${camden}/print`, `/assessments/${camden}/comments`, `/assessments/${camden}/compare`]) {
        expect((await v.get(path)).status, `${email} ${path}`).toBe(404)
      }
    }
    expect((await (await dcs('camden')).get(`/assessments/${camden}/compare`)).status).toBe(200)
  })

  it('readers outside the council see the shared revision, never the draft being written', async () => {
    const camden = await assessmentOf('camden')
    const revisions = await prisma().assessmentRevision.findMany({ where: { assessmentId: camden }, orderBy: { number: 'asc' }, include: { sections: true } })
    expect(revisions.map((r) => r.status)).toEqual(['shared', 'draft'])
    // Some words only in the draft revision 2 (30 characters: short enough to sit inside
    // one run of text on the page, long enough to be unique).
    const sharedText = revisions[0].sections.map((p) => p.text).join('\n')
    const draftText = revisions[1].sections.map((p) => p.text).join('\n')
    const snippets: string[] = []
    for (let i = 0; i + 30 <= draftText.length; i += 10) {
      const candidate = draftText.slice(i, i + 30)
      if (/^[\w ,.]+$/.test(candidate) && !sharedText.includes(candidate)) snippets.push(candidate)
    }
    expect(snippets.length).toBeGreaterThan(0)
    const hackney = await html(await (await dcs('hackney')).get(`/assessments/${camden}`))
    for (const snippet of snippets) expect(hackney).not.toContain(snippet)
    // The council's own people do see them (so the check above means something).
    const own = await html(await (await as('officer.camden@example.org')).get(`/assessments/${camden}`))
    expect(snippets.some((snippet) => own.includes(snippet))).toBe(true)
  })

  it('shared with all: read across regions', async () => {
    const southwark = await assessmentOf('southwark')
    for (const email of ['dcs.gateshead@example.org', 'admin@example.org', 'lead.north-east@example.org']) {
      expect((await (await as(email)).get(`/assessments/${southwark}`)).status, email).toBe(200)
    }
    // Signed-off but not shared (North Tyneside) stays with its council, even in its own region.
    const northTyneside = await assessmentOf('north-tyneside')
    expect((await (await dcs('gateshead')).get(`/assessments/${northTyneside}`)).status).toBe(404)
    expect((await (await as('lead.north-east@example.org')).get(`/assessments/${northTyneside}`)).status).toBe(404)
    expect((await (await dcs('north-tyneside')).get(`/assessments/${northTyneside}`)).status).toBe(200)
  })

  it('unknown and malformed ids are not found', async () => {
    const hackney = await dcs('hackney')
    for (const path of ['/assessments/nope', '/assessments/nope/print', '/assessments/nope/comments', '/assessments/nope/compare', "/assessments/'%20or%201=1--", '/assessments/' + 'a'.repeat(200)]) {
      expect((await hackney.get(path)).status, path).toBe(404)
    }
  })

  it('the region board shows every council’s stage and links only to what the viewer may read', async () => {
    const london = await prisma().council.findMany({ where: { regionId: ids['region:london'] }, select: { name: true, slug: true } })
    const stageFor: Record<string, string> = { camden: 'Shared', southwark: 'Shared', hackney: 'Shared', lewisham: 'Ready for sign-off', croydon: 'Draft', brent: 'Not started', barnet: 'Not started' }

    const hackney = await dcs('hackney')
    const res = await hackney.get('/regions/london/assessments')
    expect(res.status).toBe(200)
    const page = await html(res)
    const rows = boardRows(page)
    expect(rows.map((r) => r.name).sort()).toEqual(london.map((c) => c.name).sort())
    const row = (slug: string) => rows.find((r) => r.name === london.find((c) => c.slug === slug)!.name)!
    for (const [slug, stage] of Object.entries(stageFor)) expect(row(slug).stage, slug).toBe(stage)

    const [camden, croydon, lewisham, southwark, hackneyOwn] = await Promise.all(['camden', 'croydon', 'lewisham', 'southwark', 'hackney'].map((s) => assessmentOf(s)))
    expect(row('camden').href).toBe(`/assessments/${camden}`)
    expect(row('southwark').href).toBe(`/assessments/${southwark}`)
    expect(row('hackney').href).toBe(`/assessments/${hackneyOwn}`)
    expect(row('croydon').href).toBeNull()
    expect(row('lewisham').href).toBeNull()
    expect(page).not.toContain(`href="/assessments/${croydon}"`)
    expect(page).not.toContain(`href="/assessments/${lewisham}"`)
    // Every link on the board opens for this viewer.
    for (const r of rows.filter((r) => r.href)) expect((await hackney.get(r.href!)).status, r.name).toBe(200)

    // Croydon sees its own draft linked; the London lead sees stages and links to shared ones only.
    expect(row('croydon').stage).toBe('Draft')
    const croydonBoard = boardRows(await html(await (await dcs('croydon')).get('/regions/london/assessments')))
    expect(croydonBoard.find((r) => r.href === `/assessments/${croydon}`)).toBeTruthy()
    const leadBoard = await html(await (await as('lead.london@example.org')).get('/regions/london/assessments'))
    expect(leadBoard).not.toContain(`href="/assessments/${croydon}"`)
    expect(leadBoard).toContain(`href="/assessments/${camden}"`)

    // Another region's board is not for Hackney.
    expect((await hackney.get('/regions/north-east/assessments')).status).toBe(403)
    expect((await (await as('admin@example.org')).get('/regions/london/assessments')).status).toBe(200)
  })

  it('the board does not carry the ids of assessments the viewer may not read', async () => {
    // The link is hidden, but the id must not reach the page's data either.
    const page = await html(await (await dcs('hackney')).get('/regions/london/assessments'))
    for (const slug of ['croydon', 'lewisham']) expect(page, slug).not.toContain(await assessmentOf(slug))
  })

  it('a council’s own list is for its members only', async () => {
    expect((await (await dcs('camden')).get('/councils/camden/assessments')).status).toBe(200)
    expect((await (await as('member.camden@example.org')).get('/councils/camden/assessments')).status).toBe(200)
    for (const email of ['dcs.hackney@example.org', 'lead.london@example.org', 'admin@example.org']) {
      expect((await (await as(email)).get('/councils/croydon/assessments')).status, email).toBe(403)
    }
    // Nor can another council start one for it.
    const before = await prisma().selfAssessment.count()
    expect((await (await dcs('hackney')).post('/councils/bromley/assessments', { intent: 'start' })).status).toBe(403)
    expect((await (await as('member.camden@example.org')).post('/councils/camden/assessments', { intent: 'start' })).status).toBe(403)
    expect(await prisma().selfAssessment.count()).toBe(before)
  })
})

// ---------------------------------------------------------------------------------------

describe('challenge threads over HTTP', () => {
  it('a peer asks, the council answers, and the asker resolves', async () => {
    const camden = await assessmentOf('camden')
    const hackney = await dcs('hackney')
    const before = await threadCount(camden)

    // Empty, whitespace-only, missing and over-long bodies: 400, an error by the field, nothing stored.
    for (const body of ['', '   \n  ']) {
      const res = await hackney.post(`/assessments/${camden}`, { intent: 'comment', sectionKey: 'top_three', body })
      expect(res.status).toBe(400)
      const page = await html(res)
      expect(page).toContain('Enter your comment')
      expect(page).toContain('id="body-top_three-error"')
    }
    expect((await hackney.post(`/assessments/${camden}`, { intent: 'comment', sectionKey: 'top_three' })).status).toBe(400)
    const long = await hackney.post(`/assessments/${camden}`, { intent: 'comment', sectionKey: 'top_three', body: 'x'.repeat(MAX_COMMENT + 1) })
    expect(long.status).toBe(400)
    const longPage = await html(long)
    expect(longPage).toContain('Your comment must be 2,000 characters or fewer')
    // What was typed comes back, so nothing is lost.
    expect(longPage).toContain('x'.repeat(MAX_COMMENT + 1))
    const unknown = await hackney.post(`/assessments/${camden}`, { intent: 'comment', sectionKey: 'no_such_section', body: 'Hello' })
    expect(unknown.status).toBe(400)
    expect(await html(unknown)).toContain('Choose a section of this self-assessment')
    expect((await hackney.post(`/assessments/${camden}`, { intent: 'comment', sectionKey: '', body: 'Hello' })).status).toBe(400)
    expect((await hackney.post(`/assessments/${camden}`, { intent: 'gossip', body: 'Hello' })).status).toBe(400)
    expect(await threadCount(camden)).toBe(before)

    // Exactly the limit is fine, and a real question is posted.
    const question = 'How will the joint foster carer recruitment reach teenagers? <script>alert(1)</script>'
    const ok = await hackney.post(`/assessments/${camden}`, { intent: 'comment', sectionKey: 'top_three', body: question })
    expect(ok.status).toBe(200)
    const okPage = await html(ok)
    expect(okPage).not.toContain('<script>alert(1)</script>')
    expect(okPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const thread = await prisma().assessmentComment.findFirstOrThrow({ where: { assessmentId: camden, authorId: await userId('dcs.hackney@example.org') }, orderBy: { createdAt: 'desc' } })
    expect(thread).toMatchObject({ sectionKey: 'top_three', parentId: null, body: question, councilId: ids.hackney })
    expect(await threadCount(camden)).toBe(before + 1)

    // The comments endpoint gives the thread to readers.
    const json = (await (await hackney.get(`/assessments/${camden}/comments`)).json()) as { threads: { id: string; body: string; mayResolve: boolean; mayReply: boolean }[] }
    expect(json.threads.find((t) => t.id === thread.id)).toMatchObject({ body: question, mayResolve: true, mayReply: true })

    // The council's director replies; the lead member may reply but not close the thread.
    const reply = await (await dcs('camden')).post(`/assessments/${camden}`, { intent: 'reply', threadId: thread.id, body: 'We are piloting it with two neighbours.' })
    expect(reply.status).toBe(200)
    const member = await as('member.camden@example.org')
    expect((await member.post(`/assessments/${camden}`, { intent: 'reply', threadId: thread.id, body: 'The lead member supports this.' })).status).toBe(200)
    const forbidden = await member.post(`/assessments/${camden}`, { intent: 'resolve', threadId: thread.id })
    expect(forbidden.status).toBe(403)
    expect((await prisma().assessmentComment.findUniqueOrThrow({ where: { id: thread.id } })).resolvedAt).toBeNull()
    expect(await prisma().assessmentComment.count({ where: { parentId: thread.id } })).toBe(2)
    // Another reader of the region may reply, but not close someone else's thread.
    const lambeth = await dcs('lambeth')
    expect((await lambeth.post(`/assessments/${camden}`, { intent: 'resolve', threadId: thread.id })).status).toBe(403)

    // The asker closes their own thread, and may reopen it.
    expect((await hackney.post(`/assessments/${camden}`, { intent: 'resolve', threadId: thread.id })).status).toBe(200)
    const resolved = await prisma().assessmentComment.findUniqueOrThrow({ where: { id: thread.id } })
    expect(resolved.resolvedAt).not.toBeNull()
    expect(resolved.resolvedById).toBe(await userId('dcs.hackney@example.org'))
    expect((await hackney.post(`/assessments/${camden}`, { intent: 'reopen', threadId: thread.id })).status).toBe(200)
    expect((await prisma().assessmentComment.findUniqueOrThrow({ where: { id: thread.id } })).resolvedAt).toBeNull()
    // The council's officer may close it too.
    expect((await (await as('officer.camden@example.org')).post(`/assessments/${camden}`, { intent: 'resolve', threadId: thread.id })).status).toBe(200)
  })

  it('no challenge on a draft, even by its own council', async () => {
    const croydon = await assessmentOf('croydon')
    const before = await threadCount(croydon)
    const res = await (await dcs('croydon')).post(`/assessments/${croydon}`, { intent: 'comment', sectionKey: 'context', body: 'A note to self' })
    expect(res.status).toBe(403)
    // Someone outside cannot tell the draft exists.
    expect((await (await dcs('hackney')).post(`/assessments/${croydon}`, { intent: 'comment', sectionKey: 'context', body: 'Hello' })).status).toBe(404)
    expect(await threadCount(croydon)).toBe(before)
  })

  it('unknown thread ids and replies used as threads are not found', async () => {
    const camden = await assessmentOf('camden')
    const hackney = await dcs('hackney')
    const before = await prisma().assessmentComment.count()
    const aReply = await prisma().assessmentComment.findFirstOrThrow({ where: { assessmentId: camden, parentId: { not: null } } })
    for (const threadId of ['nonsense', 'NOPE', '../../etc', aReply.id]) {
      for (const intent of ['reply', 'resolve', 'reopen']) {
        const res = await hackney.post(`/assessments/${camden}`, { intent, threadId, body: 'Hello' })
        expect(res.status, `${intent} ${threadId}`).toBe(404)
      }
    }
    expect((await hackney.post(`/assessments/${camden}`, { intent: 'reply', threadId: 'x'.repeat(41), body: 'Hello' })).status).toBe(400)
    expect(await prisma().assessmentComment.count()).toBe(before)
  })

  // A thread is answered or closed only through its own assessment's URL: a thread id of
  // another assessment is not found, even by someone who may read both.
  it('a thread id of another assessment is not found through this one', async () => {
    const camden = await assessmentOf('camden')
    const southwark = await assessmentOf('southwark')
    // Gateshead (North East) asks Southwark, which is shared with all.
    const gateshead = await dcs('gateshead')
    expect((await gateshead.post(`/assessments/${southwark}`, { intent: 'comment', sectionKey: 'strengths', body: 'What made your front door work?' })).status).toBe(200)
    const thread = await prisma().assessmentComment.findFirstOrThrow({ where: { assessmentId: southwark, authorId: await userId('dcs.gateshead@example.org') } })
    const before = await prisma().assessmentComment.count()

    // Through Camden's page, which Gateshead may not read: nothing happens.
    for (const intent of ['reply', 'resolve']) {
      const res = await gateshead.post(`/assessments/${camden}`, { intent, threadId: thread.id, body: 'Through the wrong door' })
      expect(res.status, intent).toBe(404)
      expect(await prisma().assessmentComment.count(), intent).toBe(before)
      expect((await prisma().assessmentComment.findUniqueOrThrow({ where: { id: thread.id } })).resolvedAt, intent).toBeNull()
    }
    // Through Camden's page, by Hackney, who may read both: still the wrong assessment.
    const res = await (await dcs('hackney')).post(`/assessments/${camden}`, { intent: 'reply', threadId: thread.id, body: 'Through the wrong door' })
    expect(res.status).toBe(404)
    expect(await prisma().assessmentComment.count()).toBe(before)
    expect((await prisma().assessmentComment.findUniqueOrThrow({ where: { id: thread.id } })).resolvedAt).toBeNull()
  })
})

// ---------------------------------------------------------------------------------------

describe('section editor and autosave over HTTP', () => {
  let brent: string
  const autosave = (key: string) => `/assessments/${brent}/sections/${key}/autosave`

  it('a director starts the cycle’s self-assessment', async () => {
    const v = await dcs('brent')
    const list = await html(await v.get('/councils/brent/assessments'))
    expect(list).toContain('Start the')
    const res = await v.post('/councils/brent/assessments', { intent: 'start' })
    expect(res.status).toBe(302)
    brent = /^\/assessments\/([a-z0-9]+)$/.exec(res.headers.get('location') ?? '')![1]
    expect(brent).toBe(await assessmentOf('brent', currentCycleYear()))
    // Starting again lands on the same one.
    const again = await v.post('/councils/brent/assessments', { intent: 'start' })
    expect(again.headers.get('location')).toBe(`/assessments/${brent}`)
    expect(await prisma().selfAssessment.count({ where: { councilId: ids.brent } })).toBe(1)
    expect((await v.post('/councils/brent/assessments', { intent: 'explode' })).status).toBe(400)
  })

  it('saves, refuses a stale base version with their version, and refuses broken JSON', async () => {
    const v = await dcs('brent')
    const first = await v.post(autosave('strengths'), { 'doc.json': tiptap('Brent strengths, first save'), baseVersion: '0' })
    expect(first.status).toBe(200)
    expect(first.headers.get('content-type')).toMatch(/application\/json/)
    expect(await first.json()).toEqual({ ok: true, version: 1, revision: 1 })

    const stale = await v.post(autosave('strengths'), { 'doc.json': tiptap('Someone else, also from version 0'), baseVersion: '0' })
    expect(stale.status).toBe(409)
    const conflict = (await stale.json()) as { ok: boolean; theirs: { version: number; by: string; section: { key: string; html: string } } }
    expect(conflict.ok).toBe(false)
    expect(conflict.theirs.version).toBe(1)
    expect(conflict.theirs.by).toBe(await nameOf('dcs.brent@example.org'))
    expect(conflict.theirs.section.key).toBe('strengths')
    expect(conflict.theirs.section.html).toContain('Brent strengths, first save')
    expect((await sectionRow(brent, 'strengths'))).toMatchObject({ version: 1, text: 'Brent strengths, first save' })

    for (const broken of ['{"type": "doc", "content": [', 'null', '"just a string"', '{"type":"doc","content":[{"type":"image","attrs":{"src":"x"}}]}', '{"type":"script"}']) {
      const res = await v.post(autosave('strengths'), { 'doc.json': broken, baseVersion: '1' })
      expect(res.status, broken).toBe(400)
      expect(((await res.json()) as { error: string }).error, broken).toBeTruthy()
    }
    for (const baseVersion of ['-1', '1.5', 'abc']) {
      expect((await v.post(autosave('strengths'), { 'doc.json': tiptap('x'), baseVersion })).status, baseVersion).toBe(400)
    }
    expect((await v.post(autosave('journey'), { rating: 'superb', 'doc.json': tiptap('x'), baseVersion: '0' })).status).toBe(400)
    expect(await sectionRow(brent, 'strengths')).toMatchObject({ version: 1, text: 'Brent strengths, first save' })
    expect(await sectionRow(brent, 'journey')).toBeNull()

    const second = await v.post(autosave('strengths'), { 'doc.json': tiptap('Brent strengths, second save'), baseVersion: '1' })
    expect(await second.json()).toEqual({ ok: true, version: 2, revision: 1 })
  })

  it('refuses script links in rich text and stores none', async () => {
    const v = await dcs('brent')
    const hostile = ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x']
    for (const href of hostile) {
      const res = await v.post(autosave('journey'), { 'doc.json': tiptap('Click me', [{ type: 'link', attrs: { href } }]), baseVersion: '0' })
      expect(res.status, href).toBe(400)
      expect(((await res.json()) as { error: string }).error).toContain('Links must start with')
    }
    // A link in an attribute other than href, and a mark that does not exist.
    expect((await v.post(autosave('journey'), { 'doc.json': tiptap('x', [{ type: 'link', attrs: { href: 'https://ok.example', onclick: 'alert(1)' } }]), baseVersion: '0' })).status).toBe(400)
    expect((await v.post(autosave('journey'), { 'doc.json': tiptap('x', [{ type: 'script' }]), baseVersion: '0' })).status).toBe(400)
    expect(await sectionRow(brent, 'journey')).toBeNull()
    const stored = await prisma().assessmentSection.findMany({ where: { revision: { assessmentId: brent } } })
    expect(JSON.stringify(stored).toLowerCase()).not.toContain('javascript:')

    // An ordinary link is kept, and rendered safely.
    const ok = await v.post(autosave('journey'), { 'doc.json': tiptap('Our report', [{ type: 'link', attrs: { href: 'https://example.org/report' } }]), baseVersion: '0' })
    expect(ok.status).toBe(200)
    const page = await html(await v.get(`/assessments/${brent}`))
    expect(page).toContain('href="https://example.org/report"')
  })

  it('unknown sections, other councils and lead members cannot save', async () => {
    const v = await dcs('brent')
    const unknown = await v.post(autosave('no_such_section'), { 'doc.json': tiptap('x'), baseVersion: '0' })
    expect(unknown.status).toBe(404)
    expect((await v.get(autosave('strengths'))).status).toBe(404)
    expect((await v.get(`/assessments/${brent}/sections/no_such_section`)).status).toBe(404)

    // Another council's director: as if there were no such assessment.
    const camdenDcs = await dcs('camden')
    const other = await camdenDcs.post(autosave('strengths'), { 'doc.json': tiptap('Camden writes in Brent'), baseVersion: '2' })
    expect(other.status).toBe(404)
    expect((await camdenDcs.get(`/assessments/${brent}/sections/strengths`)).status).toBe(404)
    expect((await camdenDcs.post(`/assessments/${brent}/sections/strengths`, { 'doc.text': 'Camden writes in Brent', baseVersion: '2' })).status).toBe(404)
    expect(await sectionRow(brent, 'strengths')).toMatchObject({ version: 2, text: 'Brent strengths, second save' })

    // Camden's lead member reads but does not write.
    const camden = await assessmentOf('camden')
    const revisionsBefore = await prisma().assessmentRevision.count({ where: { assessmentId: camden } })
    const contextBefore = await sectionRow(camden, 'context')
    const member = await as('member.camden@example.org')
    const res = await member.post(`/assessments/${camden}/sections/context/autosave`, { 'doc.json': tiptap('The member rewrites it'), baseVersion: String(contextBefore!.version) })
    expect(res.status).toBe(403)
    expect((await member.get(`/assessments/${camden}/sections/strengths`)).status).toBe(403)
    expect(await prisma().assessmentRevision.count({ where: { assessmentId: camden } })).toBe(revisionsBefore)
    expect(await sectionRow(camden, 'context')).toMatchObject({ version: contextBefore!.version, text: contextBefore!.text })

    // A cross-site autosave is refused before any route code runs.
    const csrf = await v.post(autosave('strengths'), { 'doc.json': tiptap('Forged'), baseVersion: '2' }, { headers: { origin: 'https://evil.example' } })
    expect(csrf.status).toBe(403)
    expect(await sectionRow(brent, 'strengths')).toMatchObject({ version: 2 })
  })

  it('a body over 1 MB is refused with 413 and changes nothing', async () => {
    const v = await dcs('brent')
    const res = await v.post(autosave('strengths'), { 'doc.text': 'x'.repeat(1024 * 1024 + 10), baseVersion: '2' })
    expect(res.status).toBe(413)
    // Just under the limit, but over what one field may hold: a clear 400.
    const big = await v.post(autosave('strengths'), { 'doc.text': 'y'.repeat(700_000), baseVersion: '2' })
    expect(big.status).toBe(400)
    expect(await sectionRow(brent, 'strengths')).toMatchObject({ version: 2, text: 'Brent strengths, second save' })
  })

  it('without JavaScript, the form posts plain text, which becomes paragraphs', async () => {
    const v = await dcs('brent')
    const form = await v.get(`/assessments/${brent}/sections/evidence`)
    expect(form.status).toBe(200)
    const page = await html(form)
    expect(page).toContain('name="baseVersion"')
    expect(page).toContain('name="doc.text"')

    const res = await v.post(`/assessments/${brent}/sections/evidence`, { 'doc.text': 'First paragraph.\r\n\r\nSecond <script>alert(1)</script> paragraph,\nwith a line break.', baseVersion: '0' })
    expect([302, 303]).toContain(res.status)
    expect(res.headers.get('location')).toBe(`/assessments/${brent}#section-evidence`)
    const row = await sectionRow(brent, 'evidence')
    const content = row!.content as { doc: { content: { type: string; content: { type: string; text?: string }[] }[] } }
    expect(content.doc.content.map((p) => p.type)).toEqual(['paragraph', 'paragraph'])
    expect(content.doc.content[0].content).toEqual([{ type: 'text', text: 'First paragraph.' }])
    expect(content.doc.content[1].content.map((n) => n.type)).toEqual(['text', 'hardBreak', 'text'])
    const view = await html(await v.get(`/assessments/${brent}`))
    expect(view).toContain('First paragraph.')
    expect(view).not.toContain('<script>alert(1)</script>')

    // A stale no-JS submit is a conflict, with what was typed handed back.
    const stale = await v.post(`/assessments/${brent}/sections/evidence`, { 'doc.text': 'Typed while someone else saved', baseVersion: '0' })
    expect(stale.status).toBe(409)
    expect(await html(stale)).toContain('Typed while someone else saved')
    expect((await sectionRow(brent, 'evidence'))!.version).toBe(1)

    // The top three, field by field.
    const top = await v.post(`/assessments/${brent}/sections/top_three`, {
      'challenges[0].theme': 'workforce',
      'challenges[0].whatGoodLooksLike': 'Stable teams',
      'challenges[0].supportWelcome': 'A peer visit',
      baseVersion: '0',
    })
    expect([302, 303]).toContain(top.status)
    expect((await sectionRow(brent, 'top_three'))!.content).toEqual({ challenges: [{ theme: 'workforce', whatGoodLooksLike: 'Stable teams', supportWelcome: 'A peer visit' }] })
    const badTheme = await v.post(`/assessments/${brent}/sections/top_three`, { 'challenges[0].theme': 'x'.repeat(41), baseVersion: '1' })
    expect(badTheme.status).toBe(400)
  })
})

// ---------------------------------------------------------------------------------------

describe('status changes over HTTP', () => {
  it('an officer cannot sign off, and nobody outside the council can change the status', async () => {
    const camden = await assessmentOf('camden')
    const statuses = async () => (await prisma().assessmentRevision.findMany({ where: { assessmentId: camden }, orderBy: { number: 'asc' } })).map((r) => r.status)
    const before = await statuses()
    const officer = await as('officer.camden@example.org')
    expect((await officer.post(`/assessments/${camden}`, { intent: 'sign_off' })).status).toBe(403)
    expect((await officer.post(`/assessments/${camden}`, { intent: 'share', scope: 'all' })).status).toBe(403)
    expect((await officer.post(`/assessments/${camden}`, { intent: 'withdraw' })).status).toBe(403)
    expect((await (await as('member.camden@example.org')).post(`/assessments/${camden}`, { intent: 'submit_for_sign_off' })).status).toBe(403)
    // Readers from other councils may read it, but not change it.
    expect((await (await dcs('hackney')).post(`/assessments/${camden}`, { intent: 'withdraw' })).status).toBe(403)
    expect((await (await as('lead.london@example.org')).post(`/assessments/${camden}`, { intent: 'share', scope: 'all' })).status).toBe(403)
    expect((await (await dcs('gateshead')).post(`/assessments/${camden}`, { intent: 'withdraw' })).status).toBe(404)
    expect(await statuses()).toEqual(before)
    expect((await prisma().selfAssessment.findUniqueOrThrow({ where: { id: camden } })).shareScope).toBe('region')
  })

  it('sending for sign-off with sections missing lists them', async () => {
    const brent = await assessmentOf('brent', currentCycleYear())
    const res = await (await dcs('brent')).post(`/assessments/${brent}`, { intent: 'submit_for_sign_off' })
    expect(res.status).toBe(400)
    const page = await html(res)
    expect(page).toContain('Some sections are not finished')
    // The context holds only the headline-data table so far: it still needs the narrative.
    for (const title of ['Context and headline data', 'Where we are on our improvement journey', 'The seven enablers of improvement', 'Our top three challenges']) {
      expect(page).toContain(`${title} is not finished`)
    }
    expect((await prisma().assessmentRevision.findFirstOrThrow({ where: { assessmentId: brent } })).status).toBe('draft')
    // Signing off a draft is not a shortcut.
    expect((await (await dcs('brent')).post(`/assessments/${brent}`, { intent: 'sign_off' })).status).toBe(400)
  })

  it('sign-off rechecks completeness, sharing needs a scope, and a share opens the board link', async () => {
    const lewisham = await assessmentOf('lewisham')
    const director = await dcs('lewisham')
    const hackney = await dcs('hackney')
    const boardRow = async () => boardRows(await html(await hackney.get('/regions/london/assessments'))).find((r) => r.name === 'Lewisham')!
    expect(await boardRow()).toMatchObject({ stage: 'Ready for sign-off', href: null })

    // Someone empties a section while it waits for sign-off: sign-off names it.
    const strengths = (await sectionRow(lewisham, 'strengths'))!
    const emptied = await director.post(`/assessments/${lewisham}/sections/strengths/autosave`, { 'doc.json': JSON.stringify({ type: 'doc', content: [{ type: 'paragraph' }] }), baseVersion: String(strengths.version) })
    expect(emptied.status).toBe(200)
    const early = await director.post(`/assessments/${lewisham}`, { intent: 'sign_off' })
    expect(early.status).toBe(400)
    const earlyPage = await html(early)
    expect(earlyPage).toContain('Strengths we can offer others is not finished')
    expect((await prisma().assessmentRevision.findFirstOrThrow({ where: { assessmentId: lewisham } })).status).toBe('ready_for_sign_off')

    const refilled = await director.post(`/assessments/${lewisham}/sections/strengths/autosave`, { 'doc.json': tiptap('Care leavers: our local offer.'), baseVersion: String(strengths.version + 1) })
    expect(refilled.status).toBe(200)
    expect((await director.post(`/assessments/${lewisham}`, { intent: 'sign_off' })).status).toBe(200)
    expect(await boardRow()).toMatchObject({ stage: 'Signed off', href: null })
    expect((await hackney.get(`/assessments/${lewisham}`)).status).toBe(404)

    // Sharing needs a known scope.
    for (const fields of [{ intent: 'share' }, { intent: 'share', scope: '' }, { intent: 'share', scope: 'public' }, { intent: 'share', scope: 'none' }] as Record<string, string>[]) {
      const res = await director.post(`/assessments/${lewisham}`, fields)
      expect(res.status, JSON.stringify(fields)).toBe(400)
      expect(await html(res)).toContain('Choose who to share it with')
    }
    expect((await prisma().selfAssessment.findUniqueOrThrow({ where: { id: lewisham } })).shareScope).toBe('none')

    const shared = await director.post(`/assessments/${lewisham}`, { intent: 'share', scope: 'region' })
    expect(shared.status).toBe(200)
    expect(await html(shared)).toContain('Shared.')
    expect(await boardRow()).toMatchObject({ stage: 'Shared', href: `/assessments/${lewisham}`, shared: 'The whole region' })
    expect((await hackney.get(`/assessments/${lewisham}`)).status).toBe(200)
    expect((await (await dcs('gateshead')).get(`/assessments/${lewisham}`)).status).toBe(404)
  })
})

// ---------------------------------------------------------------------------------------

describe('region template over HTTP', () => {
  const next = currentCycleYear() + 1
  const path = `/regions/london/template?year=${next}`
  const templateRow = (year: number) => prisma().assessmentTemplate.findUnique({ where: { regionId_year: { regionId: ids['region:london'], year } } })
  const titleOf = (definition: unknown, key: string) => (definition as typeof DEFAULT_TEMPLATE).sections.find((s) => s.key === key)?.title

  it('the region lead renames a section for next year; only assessments started afterwards get it', async () => {
    const lead = await as('lead.london@example.org')
    expect((await lead.get(path)).status).toBe(200)
    const res = await lead.post(path, { type: 'rename_section', key: 'strengths', title: 'What we can offer other councils' })
    expect(res.status).toBe(200)
    expect(titleOf((await templateRow(next))!.definition, 'strengths')).toBe('What we can offer other councils')
    // This cycle's template is untouched.
    const current = await templateRow(currentCycleYear())
    expect(current === null || titleOf(current.definition, 'strengths') === 'Strengths we can offer others').toBe(true)
    expect(await html(await lead.get(path))).toContain('What we can offer other councils')

    const started = await startAssessment(await actor('dcs.bromley@example.org'), ids.bromley, next)
    if (!started.ok) throw new Error(started.message)
    const fresh = await prisma().selfAssessment.findUniqueOrThrow({ where: { id: started.assessmentId } })
    expect(titleOf(fresh.template, 'strengths')).toBe('What we can offer other councils')
    const freshPage = await html(await (await dcs('bromley')).get(`/assessments/${started.assessmentId}`))
    expect(freshPage).toContain('What we can offer other councils')

    const camden = await assessmentOf('camden')
    const camdenPage = await html(await (await dcs('camden')).get(`/assessments/${camden}`))
    expect(camdenPage).toContain('Strengths we can offer others')
    expect(camdenPage).not.toContain('What we can offer other councils')
  })

  it('refuses people who do not lead the region, and changes that would break peer challenge', async () => {
    const before = JSON.stringify((await templateRow(next))!.definition)
    for (const email of ['dcs.camden@example.org', 'lead.north-east@example.org', 'officer.camden@example.org']) {
      const res = await (await as(email)).post(path, { type: 'rename_section', key: 'context', title: 'Hijacked' })
      expect(res.status, email).toBe(403)
    }
    const lead = await as('lead.london@example.org')
    const retire = await lead.post(path, { type: 'retire_section', key: 'top_three' })
    expect(retire.status).toBe(400)
    expect(await html(retire)).toContain('“Our top three challenges” is needed for peer challenge and cannot be retired')
    expect((await lead.post(path, { type: 'retire_section', key: 'journey' })).status).toBe(400)
    expect((await lead.post(path, { type: 'rename_section', key: 'context', title: '   ' })).status).toBe(400)
    expect((await lead.post(path, { type: 'rename_section', key: 'context', title: 'x'.repeat(121) })).status).toBe(400)
    expect((await lead.post(path, { type: 'rename_section', key: 'no_such_section', title: 'New' })).status).toBe(400)
    expect((await lead.post(path, { type: 'move_section', key: 'context', to: '99' })).status).toBe(400)
    expect((await lead.post(path, { type: 'drop_table' })).status).toBe(400)
    expect(JSON.stringify((await templateRow(next))!.definition)).toBe(before)
    // The template page itself is for the region's people.
    expect((await (await dcs('gateshead')).get(path)).status).toBe(403)
  })
})

// ---------------------------------------------------------------------------------------

describe('the assessment’s live room', () => {
  const signedInSocket = async (email: string) => (await sockets.signedInSocket(email)).socket
  const join = (socket: Socket, room: string) => socket.emitWithAck('join', room) as Promise<{ ok: boolean; error?: string }>
  const settle = () => new Promise((r) => setTimeout(r, 300))
  function record(socket: Socket) {
    const got: { event: string; payload: unknown }[] = []
    socket.onAny((event: string, payload: unknown) => got.push({ event, payload }))
    return got
  }

  it('readers join, others are refused; comments reach the room as ids only', async () => {
    const camden = await assessmentOf('camden')
    const hackney = await signedInSocket('dcs.hackney@example.org')
    const gateshead = await signedInSocket('dcs.gateshead@example.org')
    const admin = await signedInSocket('admin@example.org')
    expect(await join(hackney, rooms.assessment(camden))).toEqual({ ok: true })
    expect(await join(gateshead, rooms.assessment(camden))).toEqual({ ok: false, error: 'forbidden' })
    expect(await join(admin, rooms.assessment(camden))).toEqual({ ok: false, error: 'forbidden' })
    expect(await join(hackney, rooms.assessment(await assessmentOf('croydon')))).toEqual({ ok: false, error: 'forbidden' })
    expect(await join(hackney, rooms.assessment('nope'))).toEqual({ ok: false, error: 'forbidden' })

    const got = record(hackney)
    const gatesheadGot = record(gateshead)
    const body = 'How do you know the exploitation hub is working? A very distinctive phrase.'
    expect((await (await dcs('lambeth')).post(`/assessments/${camden}`, { intent: 'comment', sectionKey: 'journey', body })).status).toBe(200)
    await settle()
    const thread = await prisma().assessmentComment.findFirstOrThrow({ where: { assessmentId: camden, body } })
    expect(got).toEqual([{ event: 'comments.changed', payload: { threadId: thread.id } }])
    expect(JSON.stringify(got)).not.toContain('distinctive')
    expect(gatesheadGot).toEqual([])
  })

  // Saves of a draft go to the council's own side of the room (`drafts:<id>`): readers
  // from other councils never learn when or where the council is editing.
  it('a draft being edited is not announced to readers outside the council', async () => {
    // Camden's revision 2 is a draft only Camden may see; its saves should not reach Hackney.
    const camden = await assessmentOf('camden')
    const hackney = await signedInSocket('dcs.hackney@example.org')
    const officer = await signedInSocket('officer.camden@example.org')
    expect(await join(hackney, rooms.assessment(camden))).toEqual({ ok: true })
    expect(await join(officer, rooms.assessment(camden))).toEqual({ ok: true })
    const hackneyGot = record(hackney)
    const officerGot = record(officer)
    const context = (await sectionRow(camden, 'context'))!
    const saved = await (await as('officer.camden@example.org')).post(`/assessments/${camden}/sections/context/autosave`, { 'doc.json': tiptap('Revision 2 context, still a draft'), baseVersion: String(context.version) })
    expect(saved.status).toBe(200)
    await settle()
    // The council's own editors hear about it (the editor relies on it to warn of a newer save).
    expect(officerGot.map((g) => g.event)).toContain('section.saved')
    expect(hackneyGot.map((g) => g.event)).not.toContain('section.saved')
  })

  it('withdrawing sharing tells readers, removes them from the room, and closes the threads to them', async () => {
    const camden = await assessmentOf('camden')
    const hackney = await signedInSocket('dcs.hackney@example.org')
    const own = await signedInSocket('dcs.camden@example.org')
    expect(await join(hackney, rooms.assessment(camden))).toEqual({ ok: true })
    expect(await join(own, rooms.assessment(camden))).toEqual({ ok: true })
    const hackneyGot = record(hackney)
    const ownGot = record(own)

    const withdrawn = await (await dcs('camden')).post(`/assessments/${camden}`, { intent: 'withdraw' })
    expect(withdrawn.status).toBe(200)
    expect(await html(withdrawn)).toContain('Sharing withdrawn')
    await settle()
    expect(hackneyGot).toEqual([{ event: 'assessment.status', payload: { status: 'signed_off' } }])
    expect(ownGot.map((g) => g.event)).toEqual(['assessment.status'])

    // Camden answers a thread: its own people hear, Hackney's socket no longer does.
    const thread = await prisma().assessmentComment.findFirstOrThrow({ where: { assessmentId: camden, parentId: null, resolvedAt: null } })
    expect((await (await dcs('camden')).post(`/assessments/${camden}`, { intent: 'reply', threadId: thread.id, body: 'Answered after withdrawing' })).status).toBe(200)
    await settle()
    expect(ownGot.map((g) => g.event)).toEqual(['assessment.status', 'comments.changed'])
    expect(hackneyGot).toHaveLength(1)
    expect(await join(hackney, rooms.assessment(camden))).toEqual({ ok: false, error: 'forbidden' })

    // Over HTTP, the assessment and its threads are gone for Hackney.
    const v = await dcs('hackney')
    const before = await threadCount(camden)
    expect((await v.get(`/assessments/${camden}`)).status).toBe(404)
    expect((await v.get(`/assessments/${camden}/comments`)).status).toBe(404)
    expect((await v.post(`/assessments/${camden}`, { intent: 'comment', sectionKey: 'top_three', body: 'Still there?' })).status).toBe(404)
    expect((await v.post(`/assessments/${camden}`, { intent: 'reply', threadId: thread.id, body: 'Still there?' })).status).toBe(404)
    expect((await v.post(`/assessments/${camden}`, { intent: 'resolve', threadId: thread.id })).status).toBe(404)
    expect(await threadCount(camden)).toBe(before)
    // And the board no longer links it for Hackney.
    const row = boardRows(await html(await v.get('/regions/london/assessments'))).find((r) => r.name === 'Camden')!
    expect(row.href).toBeNull()
    // Outside the council, the stage is that of what was last signed off, not the draft.
    expect(row.stage).toBe('Signed off')

    // Revision 2 is still a draft, yet the director can share the signed-off revision 1 again.
    const reshared = await (await dcs('camden')).post(`/assessments/${camden}`, { intent: 'share', scope: 'region' })
    expect(reshared.status).toBe(200)
    expect((await v.get(`/assessments/${camden}`)).status).toBe(200)
    const shared = await prisma().assessmentRevision.findMany({ where: { assessmentId: camden }, orderBy: { number: 'asc' }, select: { number: true, status: true } })
    expect(shared).toEqual([
      { number: 1, status: 'shared' },
      { number: 2, status: 'draft' },
    ])
  })
})

describe('odds and ends', () => {
  it('keeps confidential pages out of caches', async () => {
    const res = await (await dcs('hackney')).get(`/assessments/${await assessmentOf('camden')}`)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
  })

  it('refuses a reply to a resolved thread, and a template change for another year', async () => {
    const camden = await assessmentOf('camden')
    const thread = await prisma().assessmentComment.findFirstOrThrow({ where: { assessmentId: camden, parentId: null, resolvedAt: { not: null } } })
    const before = await threadCount(camden)
    const res = await (await dcs('camden')).post(`/assessments/${camden}`, { intent: 'reply', threadId: thread.id, body: 'Late answer' })
    expect(res.status).toBe(400)
    expect(await html(res)).toContain('Reopen it to reply')
    expect(await threadCount(camden)).toBe(before)

    const lead = await as('lead.london@example.org')
    const refused = await lead.post('/regions/london/template?year=2031', { type: 'rename_section', key: 'strengths', title: 'Far future' })
    expect(refused.status).toBe(400)
    expect(await prisma().assessmentTemplate.count({ where: { year: 2031 } })).toBe(0)
  })
})
