import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { toSignedInUser } from '~/auth/session.server'
import { changeStatus, openAssessment, readersOf, saveSection, startAssessment } from '~/self-assessment/assessments.server'
import { mayJoinRoom } from '~/realtime/access.server'
import { rooms } from '~/realtime/rooms'
import { DEFAULT_TEMPLATE } from '~/self-assessment/template'

let hub: TestHub
let ids: Record<string, string>
beforeAll(async () => {
  hub = await startTestHub()
  ids = await hub.ids()
})
afterAll(async () => {
  await hub?.close()
})

async function actor(email: string) {
  const user = await hub.database.prisma.user.findUniqueOrThrow({
    where: { email },
    include: { council: { include: { region: true } }, roles: { include: { region: true } } },
  })
  return toSignedInUser(user)
}

const doc = (text: string) => ({ doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } })
const complete = {
  context: doc('Context'),
  journey: { rating: 'fair', ...doc('Improving') },
  enablers: { enablers: Object.fromEntries(DEFAULT_TEMPLATE.enablers.map((e) => [e.key, { rating: 'good', ...doc(`Evidence for ${e.key}`) }])) },
  strengths: doc('Edge of care'),
  top_three: {
    challenges: [
      { theme: 'workforce', whatGoodLooksLike: 'Stable teams', supportWelcome: 'Peer visit' },
      { theme: 'placements', whatGoodLooksLike: 'Local homes', supportWelcome: 'Commissioning advice' },
      { theme: 'send', whatGoodLooksLike: 'Timely plans', supportWelcome: 'Data review' },
    ],
  },
  evidence: doc('Case audits'),
}

describe('self-assessments on the server', () => {
  it('is written by the council, signed off by its director, shared, read by peers, and withdrawn', async () => {
    const dcs = await actor('dcs.camden@example.org')
    const officer = await actor('officer.camden@example.org')
    const member = await actor('member.camden@example.org')
    const hackney = await actor('dcs.hackney@example.org')
    const gateshead = await actor('dcs.gateshead@example.org')

    expect((await startAssessment(member, ids.camden, 2030)).ok).toBe(false)
    expect(await startAssessment(hackney, ids.camden, 2030)).toMatchObject({ ok: false, status: 403 })
    const started = await startAssessment(officer, ids.camden, 2030)
    if (!started.ok) throw new Error(started.message)
    expect(await startAssessment(dcs, ids.camden, 2030)).toEqual({ ok: true, assessmentId: started.assessmentId, created: false })
    const id = started.assessmentId

    // The context starts from Camden's headline figures (version 1).
    const opened = await openAssessment(officer, id)
    expect(opened?.sections.find((s) => s.key === 'context')?.text).toContain('Children in care per 10,000 children')

    // Officers write; lead members and other councils cannot.
    expect(await saveSection(officer, id, 'context', doc('Draft'), 0)).toMatchObject({ ok: false, status: 409 })
    expect(await saveSection(officer, id, 'context', doc('Draft'), 1)).toEqual({ ok: true, version: 2, revision: 1 })
    expect(await saveSection(member, id, 'context', doc('x'), 2)).toMatchObject({ ok: false, status: 403 })
    expect(await saveSection(hackney, id, 'context', doc('x'), 2)).toMatchObject({ ok: false, status: 404 })
    expect(await saveSection(officer, id, 'nonsense', doc('x'), 0)).toMatchObject({ ok: false, status: 404 })
    expect(await saveSection(officer, id, 'journey', { rating: 'superb' }, 0)).toMatchObject({ ok: false, status: 400 })
    expect(await saveSection(officer, id, 'context', { doc: { type: 'doc', content: [{ type: 'image' }] } }, 1)).toMatchObject({ ok: false, status: 400 })

    // Sign-off needs every section finished.
    const early = await changeStatus(officer, id, 'submit_for_sign_off')
    expect(early).toMatchObject({ ok: false, status: 400 })
    expect(early.ok === false && 'missing' in early ? early.missing : []).toContain('Our top three challenges')
    let version = 2
    for (const [key, content] of Object.entries(complete)) {
      const r = await saveSection(officer, id, key, content, key === 'context' ? version : 0)
      expect(r.ok, key).toBe(true)
    }
    expect(await changeStatus(officer, id, 'submit_for_sign_off')).toEqual({ ok: true, status: 'ready_for_sign_off' })
    expect(await changeStatus(officer, id, 'sign_off')).toMatchObject({ ok: false, status: 403 })
    expect(await changeStatus(dcs, id, 'sign_off')).toEqual({ ok: true, status: 'signed_off' })

    // Not shared yet: peers cannot read it.
    expect(await openAssessment(hackney, id)).toBeNull()
    expect(await changeStatus(officer, id, 'share', 'region')).toMatchObject({ ok: false, status: 403 })
    expect(await changeStatus(dcs, id, 'share', 'region')).toEqual({ ok: true, status: 'shared' })
    const read = await openAssessment(hackney, id)
    expect(read?.sections.map((s) => s.key).sort()).toEqual(Object.keys(complete).sort())
    expect(await openAssessment(gateshead, id)).toBeNull()
    expect(await mayJoinRoom(hackney, rooms.assessment(id))).toBe(true)
    expect(await mayJoinRoom(gateshead, rooms.assessment(id))).toBe(false)

    // "Who has seen this", for the council only.
    const readers = await readersOf(dcs, id)
    expect(readers?.map((r) => r.council)).toEqual(['Hackney'])
    expect(await readersOf(hackney, id)).toBeNull()

    // Editing after sign-off starts revision 2; readers keep seeing the shared revision 1.
    const context = read!.sections.find((s) => s.key === 'context')!
    version = context.version
    const edit = await saveSection(officer, id, 'context', doc('Updated context'), version)
    expect(edit).toEqual({ ok: true, version: version + 1, revision: 2 })
    const stillShared = await openAssessment(hackney, id)
    expect(stillShared?.revision.number).toBe(1)
    expect((await openAssessment(dcs, id))?.revision.number).toBe(2)

    // Withdrawing ends access at once.
    expect(await changeStatus(dcs, id, 'withdraw')).toEqual({ ok: true, status: 'signed_off' })
    expect(await openAssessment(hackney, id)).toBeNull()
    expect(await mayJoinRoom(hackney, rooms.assessment(id))).toBe(false)
  })

  it('two people saving the same section: the second is told, and nothing is overwritten', async () => {
    const dcs = await actor('dcs.islington@example.org')
    const started = await startAssessment(dcs, ids.islington, 2026)
    if (!started.ok) throw new Error(started.message)
    const id = started.assessmentId
    expect(await saveSection(dcs, id, 'strengths', doc('First'), 0)).toMatchObject({ ok: true, version: 1 })
    // Both editors opened version 1.
    expect(await saveSection(dcs, id, 'strengths', doc('Alice edits'), 1)).toMatchObject({ ok: true, version: 2 })
    const clash = await saveSection(dcs, id, 'strengths', doc('Bob edits'), 1)
    expect(clash).toMatchObject({ ok: false, status: 409 })
    if (!clash.ok && 'conflict' in clash) expect(JSON.stringify(clash.conflict.content)).toContain('Alice edits')
    // Two first saves of a new section: one wins, the other is a conflict, not a duplicate.
    const [x, y] = await Promise.all([saveSection(dcs, id, 'evidence', doc('X'), 0), saveSection(dcs, id, 'evidence', doc('Y'), 0)])
    expect([x.ok, y.ok].sort()).toEqual([false, true])
    const rows = await hub.database.prisma.assessmentSection.findMany({ where: { key: 'evidence', revision: { assessmentId: id } } })
    expect(rows).toHaveLength(1)
    // A save whose answer was lost, sent again on the old version: recognised, not a conflict.
    expect(await saveSection(dcs, id, 'strengths', doc('Alice edits'), 1)).toEqual({ ok: true, version: 2, revision: 1 })
  })

  it('a refused save to a signed-off assessment leaves no empty new revision behind', async () => {
    const dcs = await actor('dcs.north-tyneside@example.org')
    const a = await hub.database.prisma.selfAssessment.findFirstOrThrow({ where: { council: { slug: 'north-tyneside' } }, orderBy: { year: 'desc' }, include: { revisions: true } })
    expect(a.revisions.map((r) => r.status)).toEqual(['signed_off'])
    expect(await saveSection(dcs, a.id, 'strengths', doc('Stale'), 999)).toMatchObject({ ok: false, status: 409 })
    expect(await hub.database.prisma.assessmentRevision.count({ where: { assessmentId: a.id } })).toBe(1)

    // Two people's first edits at once, in different sections: one new revision, both saved.
    const sections = await hub.database.prisma.assessmentSection.findMany({ where: { revisionId: a.revisions[0].id, key: { in: ['strengths', 'evidence'] } } })
    const version = (key: string) => sections.find((s) => s.key === key)!.version
    const [x, y] = await Promise.all([
      saveSection(dcs, a.id, 'strengths', doc('New strengths'), version('strengths')),
      saveSection(dcs, a.id, 'evidence', doc('New evidence'), version('evidence')),
    ])
    expect([x, y]).toEqual([
      { ok: true, version: version('strengths') + 1, revision: 2 },
      { ok: true, version: version('evidence') + 1, revision: 2 },
    ])
    expect(await hub.database.prisma.assessmentRevision.count({ where: { assessmentId: a.id } })).toBe(2)
  })

  it('unknown and malformed ids are not found', async () => {
    const dcs = await actor('dcs.camden@example.org')
    expect(await openAssessment(dcs, 'nope')).toBeNull()
    expect(await openAssessment(dcs, "'; drop table x; --")).toBeNull()
    expect(await saveSection(dcs, 'nope', 'context', doc('x'), 0)).toMatchObject({ ok: false, status: 404 })
    expect(await changeStatus(dcs, 'nope', 'sign_off')).toMatchObject({ ok: false, status: 404 })
    expect(await startAssessment(dcs, ids.camden, 1066)).toMatchObject({ ok: false, status: 400 })
  })
})
