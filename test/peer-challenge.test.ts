import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from './support/hub'
import { Visitor, html, signedIn } from './support/browser-less'
import { startSmtpSink, type SmtpSink } from './support/smtp'
import { sendReviewReminders } from '~/peer-challenge/reminders.server'
import { defaultTimetable, isoDay } from '~/peer-challenge/timetable'
import { currentCycleYear } from '~/self-assessment/cycle'
import { THEMES } from '~/self-assessment/template'

// Peer challenge over HTTP, as a browser without JavaScript posts its forms: opening a
// cycle, pairing, publishing, who reads which challenge and report when, partners reading
// the host's assessment for that cycle only, findings, actions, the report's life, the
// six-month review and its reminders, and the collective lessons export.

let hub: TestHub
let smtp: SmtpSink
let ids: Record<string, string>
const YEAR = currentCycleYear()

beforeAll(async () => {
  smtp = await startSmtpSink()
  hub = await startTestHub({ env: { SMTP_URL: smtp.url } })
  ids = await hub.ids()
})
afterAll(async () => {
  await hub?.close()
  await smtp?.stop()
})

const prisma = () => hub.database.prisma
const as = signedIn(() => hub.url)
const dcs = (slug: string) => as(`dcs.${slug}@example.org`)
const lead = (region: string) => as(`lead.${region}@example.org`)
const postAll = (v: Visitor, path: string, entries: [string, string][]) => v.request(path, { method: 'POST', body: new URLSearchParams(entries) })

async function cycleOf(regionSlug: string, year = YEAR) {
  return prisma().challengeCycle.findFirstOrThrow({
    where: { region: { slug: regionSlug }, year },
    include: { groups: { include: { members: true } }, participants: true },
  })
}
async function challengeOf(hostSlug: string, year = YEAR) {
  return prisma().challenge.findFirstOrThrow({ where: { hostCouncil: { slug: hostSlug }, cycle: { year } }, include: { group: { include: { members: { include: { council: true } } } } } })
}
const partnerSlugs = async (hostSlug: string, year = YEAR) => (await challengeOf(hostSlug, year)).group.members.map((m) => m.council.slug).filter((s) => s !== hostSlug)

describe('the demo cycles', () => {
  it('London is published in pairs with one triad; every council in exactly one group; the North East is pairing', async () => {
    const london = await cycleOf('london')
    expect(london.status).toBe('published')
    const members = london.groups.flatMap((g) => g.members.map((m) => m.councilId))
    expect(new Set(members).size).toBe(members.length)
    expect(members.length).toBe(london.participants.length)
    expect(london.groups.filter((g) => g.members.length === 3)).toHaveLength(1)
    expect(london.groups.every((g) => g.members.length === 2 || g.members.length === 3)).toBe(true)
    // The North London triad uses the demo forum's private group space.
    expect((await partnerSlugs('camden')).sort()).toEqual(['barnet', 'haringey'])
    const space = await prisma().space.findFirstOrThrow({ where: { id: (await challengeOf('camden')).group.spaceId! } })
    expect(space.slug).toBe('group-north-london-challenge-group')
    expect((await cycleOf('north-east')).status).toBe('pairing')
  })

  it('a cycle in pairing is the lead’s alone; a published one is the region’s', async () => {
    const ne = await cycleOf('north-east')
    expect((await (await lead('north-east')).get(`/cycles/${ne.id}/pairing`)).status).toBe(200)
    expect((await (await dcs('gateshead')).get(`/cycles/${ne.id}`)).status).toBe(404)
    expect((await (await dcs('gateshead')).get(`/cycles/${ne.id}/pairing`)).status).toBe(404)
    const london = await cycleOf('london')
    const board = await html(await (await lead('london')).get(`/cycles/${london.id}`))
    expect(board).toContain('Six-month review')
    expect((await (await dcs('hackney')).get(`/cycles/${london.id}`)).status).toBe(200)
    expect((await (await dcs('hackney')).get(`/cycles/${london.id}/pairing`)).status).toBe(403)
    expect((await (await dcs('gateshead')).get(`/cycles/${london.id}`)).status).toBe(404)
  })

  it('the pairing page’s reasons use only what the lead may read now', async () => {
    const ne = await cycleOf('north-east')
    const gateshead = await prisma().selfAssessment.findFirstOrThrow({ where: { council: { slug: 'gateshead' }, year: YEAR } })
    const page = async () => html(await (await lead('north-east')).get(`/cycles/${ne.id}/pairing`))
    const gatesheadThemes = (text: string) => [...text.matchAll(/<li>([^<]*Gateshead[^<]*)/g)].map((m) => m[1]).filter((line) => THEMES.some((t) => line.includes(t.label)))
    expect(gatesheadThemes(await page()).length).toBeGreaterThan(0)
    // Gateshead withdraws its assessment: its themes leave the reasons at once.
    expect((await (await dcs('gateshead')).post(`/assessments/${gateshead.id}`, { intent: 'withdraw' })).status).toBeLessThan(400)
    const after = await page()
    expect(gatesheadThemes(after)).toEqual([])
    expect(after).toMatch(/Not known yet for: [^<]*Gateshead/)
    expect((await (await dcs('gateshead')).post(`/assessments/${gateshead.id}`, { intent: 'share', scope: 'region' })).status).toBeLessThan(400)
  })

  it('the board shows last cycle’s overdue and due-soon reviews', async () => {
    const previous = await cycleOf('london', YEAR - 1)
    const board = await html(await (await lead('london')).get(`/cycles/${previous.id}`))
    expect(board).toMatch(/Six-month review overdue since/)
    expect(board).toMatch(/Six-month review due /)
  })
})

describe('opening and pairing a cycle', () => {
  const region = 'yorkshire-and-the-humber'
  const timetable = defaultTimetable(YEAR)
  const dates: [string, string][] = Object.entries(timetable).map(([k, v]) => [k, isoDay(v)])

  it('refuses bad input with errors by field and writes nothing', async () => {
    const v = await lead(region)
    const councils = await prisma().council.findMany({ where: { region: { slug: region } }, select: { id: true } })
    const before = await prisma().challengeCycle.count()
    for (const entries of [
      [['year', 'soon'], ['model', 'pairs'], ...dates, ['councils', councils[0].id], ['councils', councils[1].id]],
      [['year', String(YEAR)], ['model', 'quartets'], ...dates, ['councils', councils[0].id], ['councils', councils[1].id]],
      [['year', String(YEAR)], ['model', 'pairs'], ...dates, ['councils', councils[0].id]],
      [['year', String(YEAR)], ['model', 'pairs'], ...dates, ['councils', councils[0].id], ['councils', ids.camden]],
      [['year', String(YEAR)], ['model', 'pairs'], ['assessmentsDue', '2026-02-30'], ['councils', councils[0].id], ['councils', councils[1].id]],
    ] as [string, string][][]) {
      const res = await postAll(v, `/regions/${region}/cycles/new`, entries)
      expect(res.status).toBe(400)
      expect(await html(res)).toContain('There is a problem')
    }
    expect(await prisma().challengeCycle.count()).toBe(before)
    // Only the region's lead (or an admin) opens one.
    const refused = await postAll(await dcs('leeds'), `/regions/${region}/cycles/new`, [['year', String(YEAR)], ['model', 'pairs'], ...dates])
    expect(refused.status).toBe(403)
    expect((await (await lead('london')).get(`/regions/${region}/cycles/new`)).status).toBe(403)
  })

  it('the lead opens a cycle, locks, swaps, proposes again around the lock and publishes', async () => {
    const v = await lead(region)
    const councils = await prisma().council.findMany({ where: { region: { slug: region } }, select: { id: true, slug: true } })
    const opened = await postAll(v, `/regions/${region}/cycles/new`, [['year', String(YEAR)], ['model', 'pairs'], ...dates, ...councils.map((c) => ['councils', c.id] as [string, string])])
    expect(opened.status).toBe(303)
    const cycleId = /\/cycles\/([a-z0-9]+)\/pairing/.exec(opened.headers.get('location')!)![1]
    const load = () => prisma().challengeCycle.findUniqueOrThrow({ where: { id: cycleId }, include: { groups: { include: { members: true }, orderBy: { number: 'asc' } } } })
    let cycle = await load()
    const sizes = cycle.groups.map((g) => g.members.length).sort()
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(councils.length)
    expect(sizes.filter((s) => s === 3)).toHaveLength(councils.length % 2)
    const page = await html(await v.get(`/cycles/${cycleId}/pairing`))
    expect(page).toContain('Score')
    // A second cycle for the same year is refused.
    expect((await postAll(v, `/regions/${region}/cycles/new`, [['year', String(YEAR)], ['model', 'pairs'], ...dates, ...councils.map((c) => ['councils', c.id] as [string, string])])).status).toBe(400)

    // Lock group 1; swap a council of group 2 with one of group 3.
    const [first, second, third] = cycle.groups
    expect((await v.post(`/cycles/${cycleId}/pairing`, { intent: 'lock', group: first.id })).status).toBe(303)
    const a = second.members[0].councilId
    const b = third.members[0].councilId
    expect((await v.post(`/cycles/${cycleId}/pairing`, { intent: 'swap', first: a, second: b })).status).toBe(303)
    cycle = await load()
    const groupOf = (id: string) => cycle.groups.find((g) => g.members.some((m) => m.councilId === id))!
    expect(groupOf(a).members.map((m) => m.councilId)).toContain(third.members[1].councilId)
    expect(groupOf(b).members.map((m) => m.councilId)).toContain(second.members[1].councilId)
    // Swapping into a locked group, within one group, or an unknown council is refused.
    const lockedId = cycle.groups.find((g) => g.locked)!.members[0].councilId
    expect((await v.post(`/cycles/${cycleId}/pairing`, { intent: 'swap', first: lockedId, second: b })).status).toBe(400)
    expect((await v.post(`/cycles/${cycleId}/pairing`, { intent: 'swap', first: a, second: a })).status).toBe(400)
    expect((await v.post(`/cycles/${cycleId}/pairing`, { intent: 'swap', first: a, second: ids.camden })).status).toBe(400)
    expect((await v.post(`/cycles/${cycleId}/pairing`, { intent: 'dance' })).status).toBe(400)

    // Proposing again keeps the locked group exactly.
    const lockedMembers = cycle.groups.find((g) => g.locked)!.members.map((m) => m.councilId).sort()
    expect((await v.post(`/cycles/${cycleId}/pairing`, { intent: 'propose' })).status).toBe(303)
    cycle = await load()
    expect(cycle.groups.find((g) => g.locked)!.members.map((m) => m.councilId).sort()).toEqual(lockedMembers)

    // Another region's lead and the region's directors cannot touch it.
    expect((await (await lead('london')).post(`/cycles/${cycleId}/pairing`, { intent: 'publish' })).status).toBe(404)
    expect((await (await dcs('leeds')).post(`/cycles/${cycleId}/pairing`, { intent: 'publish' })).status).toBe(404)

    expect((await v.post(`/cycles/${cycleId}/pairing`, { intent: 'publish' })).status).toBe(303)
    cycle = await load()
    expect(cycle.status).toBe('published')
    const challenges = await prisma().challenge.findMany({ where: { cycleId } })
    expect(challenges).toHaveLength(councils.length)
    expect(cycle.groups.every((g) => g.spaceId)).toBe(true)
    // Published groups no longer change.
    expect((await v.post(`/cycles/${cycleId}/pairing`, { intent: 'propose' })).status).toBe(409)
    expect((await v.post(`/cycles/${cycleId}/pairing`, { intent: 'publish' })).status).toBe(409)

    // Each group's space is its councils' and the lead's.
    const group = cycle.groups[0]
    const space = await prisma().space.findUniqueOrThrow({ where: { id: group.spaceId! } })
    const member = councils.find((c) => c.id === group.members[0].councilId)!
    const outsider = councils.find((c) => !group.members.some((m) => m.councilId === c.id))!
    expect((await (await dcs(member.slug)).get(`/forums/${space.slug}`)).status).toBe(200)
    expect((await (await dcs(outsider.slug)).get(`/forums/${space.slug}`)).status).toBe(404)
    expect((await v.get(`/forums/${space.slug}`)).status).toBe(200)

    // Each council's people hear about their group in the bell, linked to their challenge.
    const own = challenges.find((c) => c.hostCouncilId === member.id)!
    const bell = await html(await (await dcs(member.slug)).get('/notifications'))
    expect(bell).toContain('Peer challenge groups published')
    expect(bell).toContain(`/challenges/${own.id}`)
    expect(await prisma().notification.count({ where: { kind: 'group_published', challengeId: { in: challenges.map((c) => c.id) } } })).toBeGreaterThanOrEqual(councils.length)
  })
})

describe('who sees a challenge and its report, and when', () => {
  it('the group and the lead see a draft; the host’s chosen scope sees it once published', async () => {
    const barnet = await challengeOf('barnet') // agreed, not published
    const camden = await challengeOf('camden') // published to the region
    const southwark = await challengeOf('southwark') // published to all
    expect((await (await dcs('camden')).get(`/challenges/${barnet.id}`)).status).toBe(200)
    expect((await (await lead('london')).get(`/challenges/${barnet.id}`)).status).toBe(200)
    expect((await (await dcs('hackney')).get(`/challenges/${barnet.id}`)).status).toBe(404)
    expect((await (await as('admin@example.org')).get(`/challenges/${barnet.id}`)).status).toBe(404)
    expect((await (await dcs('hackney')).get(`/challenges/${camden.id}`)).status).toBe(200)
    expect((await (await dcs('gateshead')).get(`/challenges/${camden.id}`)).status).toBe(404)
    expect((await (await dcs('gateshead')).get(`/challenges/${southwark.id}`)).status).toBe(200)
    expect((await (await dcs('gateshead')).get(`/challenges/not-a-real-id`)).status).toBe(404)

    // The host's director publishes Barnet's agreed report to all: now Gateshead reads it.
    const barnetDcs = await dcs('barnet')
    expect((await barnetDcs.post(`/challenges/${barnet.id}`, { intent: 'publish', scope: 'everyone' })).status).toBe(400)
    expect((await (await dcs('camden')).post(`/challenges/${barnet.id}`, { intent: 'publish', scope: 'all' })).status).toBe(403)
    expect((await barnetDcs.post(`/challenges/${barnet.id}`, { intent: 'publish', scope: 'all' })).status).toBe(303)
    expect((await (await dcs('gateshead')).get(`/challenges/${barnet.id}`)).status).toBe(200)
    expect((await barnetDcs.post(`/challenges/${barnet.id}`, { intent: 'publish', scope: 'all' })).status).toBe(409)
  })

  it('partners read the host’s assessment shared with challenge partners, for that cycle only', async () => {
    const camdenDcs = await dcs('camden')
    const assessment = await prisma().selfAssessment.findFirstOrThrow({ where: { council: { slug: 'camden' }, year: YEAR } })
    const previous = await prisma().selfAssessment.findFirstOrThrow({ where: { council: { slug: 'camden' }, year: YEAR - 1 } })
    for (const a of [assessment, previous]) expect((await camdenDcs.post(`/assessments/${a.id}`, { intent: 'share', scope: 'partners' })).status).toBeLessThan(400)
    const now = await partnerSlugs('camden')
    const before = await partnerSlugs('camden', YEAR - 1)
    // The engine avoids repeats, so the two cycles' partners differ and every loop below runs.
    expect(now.filter((s) => !before.includes(s)).length).toBeGreaterThan(0)
    expect(before.filter((s) => !now.includes(s)).length).toBeGreaterThan(0)
    // This cycle's partners read this year's assessment; others in the region do not.
    for (const slug of now) expect((await (await dcs(slug)).get(`/assessments/${assessment.id}`)).status).toBe(200)
    expect((await (await dcs('hackney')).get(`/assessments/${assessment.id}`)).status).toBe(now.includes('hackney') ? 200 : 404)
    // Last year's assessment is for last year's partners.
    for (const slug of before) expect((await (await dcs(slug)).get(`/assessments/${previous.id}`)).status).toBe(200)
    for (const slug of now.filter((s) => !before.includes(s))) expect((await (await dcs(slug)).get(`/assessments/${previous.id}`)).status).toBe(404)
    for (const slug of before.filter((s) => !now.includes(s))) expect((await (await dcs(slug)).get(`/assessments/${assessment.id}`)).status).toBe(404)
    // The focus on the challenge page is the host's top three, read from the shared assessment.
    const page = await html(await (await dcs(now[0])).get(`/challenges/${(await challengeOf('camden')).id}`))
    expect(page).toContain('Placement sufficiency')
    expect(page).toContain(`/assessments/${assessment.id}`)
    // Collective lessons name a council's top three only to those who may read its assessment:
    // Lambeth still reads Camden's findings (published to the region), not its top three.
    const london = await cycleOf('london')
    const csv = await (await (await dcs('lambeth')).get(`/cycles/${london.id}/lessons.csv`)).text()
    // The theme's summary row comes first, then one row per finding.
    const placements = csv.split('\r\n').find((line) => line.startsWith('Placement sufficiency,'))
    expect(placements, csv.slice(0, 600)).toBeTruthy()
    expect(placements!.split(',')[1]).toContain('Southwark')
    expect(placements!.split(',')[1]).not.toContain('Camden')
    expect(csv).toContain('too few local foster carers')
    // Back to the region, as the demo had it.
    expect((await camdenDcs.post(`/assessments/${assessment.id}`, { intent: 'share', scope: 'region' })).status).toBeLessThan(400)
  })
})

describe('findings, actions, the report and the review', () => {
  it('the group records findings and actions; bad input changes nothing', async () => {
    const hackney = await challengeOf('hackney')
    const [partner] = await partnerSlugs('hackney')
    const challenger = await dcs(partner)
    const path = `/challenges/${hackney.id}`
    const bad: Record<string, string>[] = [
      { intent: 'add-finding', theme: 'astrology', finding: 'Stars misaligned' },
      { intent: 'add-finding', theme: 'front_door', finding: '' },
      { intent: 'add-finding', theme: 'front_door', finding: 'x'.repeat(2001) },
      { intent: 'add-action', title: 'Do it', owner: 'Someone', dueDate: '2027-02-30' },
      { intent: 'add-action', title: '', owner: '', dueDate: '' },
      { intent: 'meeting', meetingDate: 'yesterday' },
      { intent: 'save-report', 'report.json': '{"type":"doc","content":[{"type":"script","text":"alert(1)"}]}' },
    ]
    for (const form of bad) {
      const res = await challenger.post(path, form)
      expect(res.status, JSON.stringify(form)).toBe(400)
    }
    expect(await prisma().challengeFinding.count({ where: { challengeId: hackney.id } })).toBe(0)
    expect(await prisma().challengeAction.count({ where: { challengeId: hackney.id } })).toBe(0)
    // Someone outside the group cannot write, nor learn that the challenge exists.
    expect((await (await dcs('southwark')).post(path, { intent: 'add-finding', theme: 'front_door', finding: 'Nosy' })).status).toBe(404)
    // A lead member reads but does not write.
    expect((await challenger.post(path, { intent: 'add-finding', theme: 'front_door', finding: 'The front door is overloaded on Mondays.' })).status).toBe(303)
    expect((await challenger.post(path, { intent: 'add-action', title: 'Review Monday staffing at the front door', owner: 'Head of MASH', dueDate: isoDay(new Date(Date.now() + 90 * 86_400_000)) })).status).toBe(303)
    // A draft emptied is gone, formatting and all; then the letter is written.
    expect((await challenger.post(path, { intent: 'save-report', 'report.text': 'A first try' })).status).toBe(303)
    expect((await challenger.post(path, { intent: 'save-report', 'report.text': '' })).status).toBe(303)
    expect(await prisma().challenge.findUniqueOrThrow({ where: { id: hackney.id }, select: { reportContent: true, reportHtml: true } })).toEqual({ reportContent: null, reportHtml: '' })
    expect((await challenger.post(path, { intent: 'save-report', 'report.text': 'Dear Hackney,\n\nThank you for hosting us.' })).status).toBe(303)
    // Removing: one of this challenge's findings, never another challenge's by its id.
    expect((await challenger.post(path, { intent: 'add-finding', theme: 'workforce', finding: 'A finding to take back' })).status).toBe(303)
    const extra = await prisma().challengeFinding.findFirstOrThrow({ where: { challengeId: hackney.id, theme: 'workforce' } })
    const camdens = await prisma().challengeFinding.findFirstOrThrow({ where: { challenge: { hostCouncil: { slug: 'camden' }, cycle: { year: YEAR } } } })
    expect((await challenger.post(path, { intent: 'remove-finding', finding: camdens.id })).status).toBe(404)
    expect(await prisma().challengeFinding.count({ where: { id: camdens.id } })).toBe(1)
    expect((await challenger.post(path, { intent: 'remove-finding', finding: extra.id })).status).toBe(303)
    const saved = await prisma().challenge.findUniqueOrThrow({ where: { id: hackney.id }, include: { findings: true, actions: true } })
    expect(saved.findings.map((f) => f.theme)).toEqual(['front_door'])
    expect(saved.actions).toHaveLength(1)
    expect(saved.reportHtml).toContain('Thank you for hosting us.')

    // Only the host's director agrees; agreed text cannot be changed until sent back.
    expect((await challenger.post(path, { intent: 'agree' })).status).toBe(403)
    const hackneyDcs = await dcs('hackney')
    expect((await hackneyDcs.post(path, { intent: 'agree' })).status).toBe(303)
    expect((await challenger.post(path, { intent: 'save-report', 'report.text': 'Changed after agreement' })).status).toBe(409)
    expect((await challenger.post(path, { intent: 'add-action', title: 'Slipped in after agreement', owner: 'Someone', dueDate: '2027-06-30' })).status).toBe(409)
    expect(await prisma().challengeAction.count({ where: { challengeId: hackney.id } })).toBe(1)
    expect((await hackneyDcs.post(path, { intent: 'send-back' })).status).toBe(303)
    expect((await hackneyDcs.post(path, { intent: 'agree' })).status).toBe(303)
    expect((await hackneyDcs.post(path, { intent: 'publish', scope: 'group' })).status).toBe(303)
    // Published to the group: the rest of the region still cannot read it.
    expect((await (await dcs('southwark')).get(path)).status).toBe(404)
    // A published challenge is closed to changes.
    expect((await challenger.post(path, { intent: 'add-finding', theme: 'front_door', finding: 'Late' })).status).toBe(409)
  })

  it('the host rates each action at the six-month review', async () => {
    const hackney = await challengeOf('hackney')
    const action = await prisma().challengeAction.findFirstOrThrow({ where: { challengeId: hackney.id } })
    const hackneyDcs = await dcs('hackney')
    const [partner] = await partnerSlugs('hackney')
    expect((await (await dcs(partner)).get(`/challenges/${hackney.id}/review`)).status).toBe(403)
    expect((await hackneyDcs.post(`/challenges/${hackney.id}/review`, { [`rating-${action.id}`]: 'sideways' })).status).toBe(400)
    expect((await hackneyDcs.post(`/challenges/${hackney.id}/review`, { [`rating-${action.id}`]: 'off_track' })).status).toBe(400)
    expect((await prisma().challenge.findUniqueOrThrow({ where: { id: hackney.id } })).reviewedAt).toBeNull()
    expect((await hackneyDcs.post(`/challenges/${hackney.id}/review`, { [`rating-${action.id}`]: 'at_risk', [`note-${action.id}`]: 'Recruitment delayed to spring.' })).status).toBe(303)
    const rated = await prisma().challengeAction.findUniqueOrThrow({ where: { id: action.id } })
    expect(rated).toMatchObject({ rating: 'at_risk', ratingNote: 'Recruitment delayed to spring.' })
    // Not before the meeting: Haringey's is still to come.
    const haringey = await challengeOf('haringey')
    await prisma().challengeAction.create({ data: { challengeId: haringey.id, title: 'Something', owner: 'Someone', dueDate: new Date(), createdById: action.createdById } })
    expect((await (await dcs('haringey')).post(`/challenges/${haringey.id}/review`, {})).status).toBe(409)
  })

  it('reminds the host a fortnight before the review and on the day, once each, in the bell and by email', async () => {
    const southwark = await challengeOf('southwark')
    const due = new Date(Date.UTC(2031, 5, 30))
    await prisma().challenge.update({ where: { id: southwark.id }, data: { reviewDueAt: due } })
    const director = await prisma().user.findUniqueOrThrow({ where: { email: 'dcs.southwark@example.org' } })
    const count = (kind: 'review_soon' | 'review_due') => prisma().notification.count({ where: { userId: director.id, challengeId: southwark.id, kind } })

    await sendReviewReminders(new Date(Date.UTC(2031, 5, 10)))
    expect(await count('review_soon')).toBe(0)
    await sendReviewReminders(new Date(Date.UTC(2031, 5, 17)))
    await sendReviewReminders(new Date(Date.UTC(2031, 5, 18)))
    expect(await count('review_soon')).toBe(1)
    const email = await smtp.waitFor((m) => m.to.includes('dcs.southwark@example.org') && m.subject.includes('Due in two weeks'))
    expect(email.text).toContain(`/challenges/${southwark.id}/review`)
    await sendReviewReminders(new Date(Date.UTC(2031, 5, 30, 9)))
    await sendReviewReminders(new Date(Date.UTC(2031, 5, 30, 10)))
    expect(await count('review_due')).toBe(1)
    await smtp.waitFor((m) => m.to.includes('dcs.southwark@example.org') && m.subject.includes('Due today'))
    // The challengers are not the ones to do it.
    const [partner] = await partnerSlugs('southwark')
    expect(await prisma().notification.count({ where: { challengeId: southwark.id, user: { email: `dcs.${partner}@example.org` } } })).toBe(0)
    // In the bell's list, linking to the review.
    const list = await html(await (await dcs('southwark')).get('/notifications'))
    expect(list).toContain('Six-month review due today')
    expect(list).toContain(`/challenges/${southwark.id}/review`)
  })
})

describe('collective lessons', () => {
  it('counts themes across the challenges a person may read, as a page and a CSV', async () => {
    const london = await cycleOf('london')
    const page = await html(await (await lead('london')).get(`/cycles/${london.id}/lessons`))
    expect(page).toContain('Placement sufficiency')
    expect(page).toContain('too few local foster carers')
    const csv = await (await lead('london')).get(`/cycles/${london.id}/lessons.csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toContain('attachment')
    const text = await csv.text()
    expect(text).toContain('Placement sufficiency')
    expect(text).toContain('Camden')
    // A region member sees lessons only from reports published to them.
    // (Hackney's report went to its group only, earlier in this file.)
    const lambethView = await html(await (await dcs('lambeth')).get(`/cycles/${london.id}/lessons`))
    expect(lambethView).toContain('too few local foster carers')
    expect(lambethView).not.toContain('The front door is overloaded')
    expect((await (await dcs('gateshead')).get(`/cycles/${london.id}/lessons.csv`)).status).toBe(404)
  })
})
