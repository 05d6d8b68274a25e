import type { PrismaClient } from '~/generated/prisma/client'
import { proposeGroups, type GroupSpec, type PairingCouncil } from '~/peer-challenge/pairing'
import { addMonths } from '~/peer-challenge/timetable'
import { groupRow } from '~/peer-challenge/groups'
import { THEMES } from '~/self-assessment/template'
import { councilLocations } from './council-locations'
import { DEMO_CURRENT_YEAR, demoThemes } from './demo-assessments'
import { DEMO_GROUP_SPACE } from './demo-forums'
import { seeded } from './seeded'

// Demo peer challenge: London's previous cycle (published, challenges held about six
// months ago, so reviews are due now: Camden's within the fortnight, Hackney's overdue),
// London's current cycle (pairs published around the North London triad, some challenges
// done) and the North East's current cycle, still in pairing. Dates are relative to the
// seeding day, so the demo always shows a cycle in progress.

const DAY = 86_400_000
const themeLabel = (key: string) => THEMES.find((t) => t.key === key)?.label ?? key
const cuid = () => `c${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`

type Council = { id: string; slug: string; name: string; type: PairingCouncil['type'] }

/** A challenge the demo fills in: meeting days before (negative: after) seeding, and how far it got. */
type ChallengePlan = {
  meeting?: number
  findings?: [string, string][]
  actions?: [string, string, number][]
  report?: 'draft' | 'agreed' | 'published'
  scope?: 'group' | 'region' | 'all'
  review?: true
}

const CURRENT: Record<string, ChallengePlan> = {
  camden: {
    meeting: 14,
    findings: [
      ['placements', 'Sufficiency planning is thorough, but too few local foster carers are recruited to shift reliance on residential care.'],
      ['child_exploitation', 'The contextual safeguarding panel is well attended; schools are not yet consistently represented.'],
      ['workforce', 'Practitioners praise supervision; agency use remains high in the assessment teams.'],
    ],
    actions: [
      ['Launch a North London fostering recruitment campaign with Barnet and Haringey', 'Head of fostering', 120],
      ['Bring designated safeguarding leads onto the contextual safeguarding panel', 'Service manager, exploitation', 60],
      ['Convert ten agency posts to permanent roles', 'Principal social worker', 150],
    ],
    report: 'published',
    scope: 'region',
  },
  barnet: {
    meeting: 13,
    findings: [['early_help', 'Family hubs are reaching more families, and step-down from social care is well managed.']],
    actions: [['Publish the early-help outcomes framework', 'Head of early help', 90]],
    report: 'agreed',
  },
  haringey: { meeting: -18 },
  // Hackney's challenge is held: its findings and actions are still to be written.
  hackney: { meeting: 6 },
  southwark: {
    meeting: 20,
    findings: [
      ['send', 'Timeliness of education, health and care plans has improved markedly; parents still report poor communication.'],
      ['placements', 'Commissioning with neighbours has opened new local residential places.'],
      ['care_leavers', 'The local offer is strong; housing pathways for 18 to 21 year olds are the gap.'],
    ],
    actions: [
      ['Co-produce a SEND communication charter with the parent carer forum', 'Assistant director, SEND', 100],
      ['Agree a joint housing protocol for care leavers', 'Head of leaving care', 140],
    ],
    report: 'published',
    scope: 'all',
  },
}

export async function seedDemoChallenges(prisma: PrismaClient): Promise<{ cycles: number } | null> {
  if (await prisma.challengeCycle.count()) return null
  const regions = await prisma.region.findMany({ where: { slug: { in: ['london', 'north-east'] } }, select: { id: true, slug: true, name: true } })
  const london = regions.find((r) => r.slug === 'london')
  const northEast = regions.find((r) => r.slug === 'north-east')
  const leadLondon = await prisma.user.findUnique({ where: { email: 'lead.london@example.org' }, select: { id: true } })
  const leadNorthEast = await prisma.user.findUnique({ where: { email: 'lead.north-east@example.org' }, select: { id: true } })
  if (!london || !northEast || !leadLondon || !leadNorthEast) return null // not the demo data
  const councilsOf = async (regionId: string) =>
    (await prisma.council.findMany({ where: { regionId }, orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true, type: true } })) as Council[]
  const directors = new Map((await prisma.user.findMany({ where: { email: { startsWith: 'dcs.' } }, select: { id: true, email: true } })).map((u) => [u.email.slice(4, -'@example.org'.length), u.id]))
  const now = Date.now()
  const day = (offset: number) => {
    const d = new Date(now + offset * DAY)
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  }
  /** A time in the working day, some days before seeding (days alone are midnight). */
  const atWork = (offset: number) => new Date(day(offset).getTime() + (10 * 60 + 25) * 60_000)
  const locations = councilLocations()
  const pairingCouncil = (c: Council, year: number, lastPartnerIds: string[] = []): PairingCouncil => {
    const themes = demoThemes(c.slug, year)
    return { id: c.id, name: c.name, type: c.type, challengeThemes: themes?.challenges ?? [], strongThemes: themes?.strengths ?? [], location: locations.get(c.name) ?? null, lastPartnerIds }
  }
  const propose = (councils: PairingCouncil[], seed: number, locked: GroupSpec[] = []) => {
    const result = proposeGroups({ model: 'pairs', councils, locked, seed, themeLabel })
    if (!result.ok) throw new Error(`Demo pairing failed: ${result.error}`)
    return result
  }

  const londonCouncils = await councilsOf(london.id)
  const bySlug = new Map(londonCouncils.map((c) => [c.slug, c]))
  const triad = DEMO_GROUP_SPACE.councils.map((slug) => bySlug.get(slug)!.id)

  // London, last cycle: pairs, held about six months ago.
  const previousYear = DEMO_CURRENT_YEAR - 1
  const previous = propose(londonCouncils.map((c) => pairingCouncil(c, previousYear)), previousYear)
  const lastPartners = new Map<string, string[]>()
  for (const g of previous.groups) for (const id of g.councilIds) lastPartners.set(id, g.councilIds.filter((x) => x !== id))

  // London, this cycle: the North London triad was agreed first, the rest proposed around it.
  const current = propose(
    londonCouncils.map((c) => pairingCouncil(c, DEMO_CURRENT_YEAR, lastPartners.get(c.id))),
    DEMO_CURRENT_YEAR,
    [{ councilIds: triad, hostId: null }],
  )

  const northEastCouncils = await councilsOf(northEast.id)
  const pairing = propose(northEastCouncils.map((c) => pairingCouncil(c, DEMO_CURRENT_YEAR)), DEMO_CURRENT_YEAR + 7)

  const groupSpace = await prisma.space.findUnique({ where: { slug: DEMO_GROUP_SPACE.slug }, select: { id: true } })
  const r = seeded('demo-challenges')

  await prisma.$transaction(async (tx) => {
    const cycle = async (input: { regionId: string; year: number; status: 'pairing' | 'published'; timetable: Record<'assessmentsDue' | 'windowOpens' | 'windowCloses' | 'reviewsDue', Date>; councils: Council[]; createdById: string; warnings: string[] }) =>
      tx.challengeCycle.create({
        data: {
          regionId: input.regionId,
          year: input.year,
          model: 'pairs',
          status: input.status,
          ...input.timetable,
          seed: input.year,
          warnings: input.warnings,
          createdById: input.createdById,
          publishedAt: input.status === 'published' ? new Date(input.timetable.assessmentsDue.getTime() + 7 * DAY) : null,
          publishedById: input.status === 'published' ? input.createdById : null,
          participants: { create: input.councils.map((c) => ({ councilId: c.id })) },
        },
        select: { id: true },
      })
    const groups = async (cycleId: string, proposed: typeof current.groups, spaceFor: (councilIds: string[], number: number) => Promise<string | null>) => {
      const made: { id: string; councilIds: string[] }[] = []
      for (const [i, g] of proposed.entries()) {
        const group = await tx.challengeGroup.create({ data: groupRow(cycleId, i + 1, g, await spaceFor(g.councilIds, i + 1)), select: { id: true } })
        made.push({ id: group.id, councilIds: g.councilIds })
      }
      return made
    }
    const names = new Map(londonCouncils.map((c) => [c.id, c.name]))
    const listOf = (ids: string[]) => {
      const n = ids.map((id) => names.get(id) ?? '').sort((a, b) => a.localeCompare(b))
      return `${n.slice(0, -1).join(', ')} and ${n.at(-1)}`
    }

    // London, last cycle (history: its groups' spaces are not recreated).
    const prev = await cycle({
      regionId: london.id,
      year: previousYear,
      status: 'published',
      timetable: { assessmentsDue: day(-250), windowOpens: day(-230), windowCloses: day(-150), reviewsDue: day(60) },
      councils: londonCouncils,
      createdById: leadLondon.id,
      warnings: previous.warnings,
    })
    const prevGroups = await groups(prev.id, previous.groups, async () => null)
    for (const g of prevGroups) {
      for (const host of g.councilIds) {
        const slug = londonCouncils.find((c) => c.id === host)!.slug
        // Camden's review is due in ten days, Hackney's is five days overdue, a third are done.
        const offset = slug === 'camden' ? 10 : slug === 'hackney' ? -5 : Math.round(-20 + r() * 70)
        const reviewDue = day(offset)
        const meeting = addMonths(reviewDue, -6)
        const reviewed = offset < 0 && slug !== 'hackney' && r() < 0.7
        const id = cuid()
        const writer = directors.get(slug) ?? leadLondon.id
        await tx.challenge.create({
          data: {
            id,
            cycleId: prev.id,
            groupId: g.id,
            hostCouncilId: host,
            meetingDate: meeting,
            reviewDueAt: reviewDue,
            reportStatus: 'published',
            reportScope: 'group',
            reportHtml: `<p>Thank you for hosting us. Our letter sets out what we found and the actions we agreed with you. (Illustrative demo text.)</p>`,
            reportText: 'Thank you for hosting us. Our letter sets out what we found and the actions we agreed with you. (Illustrative demo text.)',
            reportAgreedAt: new Date(meeting.getTime() + 10 * DAY + 11 * 3600_000),
            reportAgreedById: writer,
            reportPublishedAt: new Date(meeting.getTime() + 12 * DAY + 15 * 3600_000),
            reportPublishedById: writer,
            reviewedAt: reviewed ? new Date(reviewDue.getTime() - 3 * DAY + 14 * 3600_000) : null,
            reviewedById: reviewed ? writer : null,
            findings: { create: [{ theme: (demoThemes(slug, previousYear)?.challenges[0] ?? 'workforce') as string, text: 'Leaders know their services well; the challenge is turning plans into consistent practice. (Illustrative.)', createdById: writer }] },
            actions: {
              create: [
                { title: 'Refresh the improvement plan around the top three', owner: 'Director of children’s services', dueDate: new Date(meeting.getTime() + 90 * DAY), createdById: writer, ...(reviewed ? { rating: 'done' as const, ratedAt: new Date(reviewDue.getTime() - 3 * DAY), ratedById: writer } : {}) },
                {
                  title: 'Report progress to the improvement board quarterly',
                  owner: 'Head of quality assurance',
                  dueDate: new Date(meeting.getTime() + 150 * DAY),
                  createdById: writer,
                  ...(reviewed ? { rating: 'at_risk' as const, ratingNote: 'Two of three reports made; the board did not meet in the summer.', ratedAt: new Date(reviewDue.getTime() - 3 * DAY), ratedById: writer } : {}),
                },
              ],
            },
          },
        })
        // Camden's reminder went out this morning: it is in the bell of its director and officer.
        if (slug === 'camden') {
          await tx.challengeReminder.create({ data: { challengeId: id, kind: 'review_soon', sentAt: new Date(now - 2 * 3600_000) } })
          const people = await tx.user.findMany({ where: { councilId: host, email: { in: ['dcs.camden@example.org', 'officer.camden@example.org'] } }, select: { id: true } })
          await tx.notification.createMany({ data: people.map((p) => ({ userId: p.id, kind: 'review_soon' as const, challengeId: id, createdAt: new Date(now - 2 * 3600_000) })) })
        }
      }
    }

    // London, this cycle.
    const cur = await cycle({
      regionId: london.id,
      year: DEMO_CURRENT_YEAR,
      status: 'published',
      timetable: { assessmentsDue: day(-35), windowOpens: day(-28), windowCloses: day(70), reviewsDue: addMonths(day(70), 6) },
      councils: londonCouncils,
      createdById: leadLondon.id,
      warnings: current.warnings,
    })
    const curGroups = await groups(cur.id, current.groups, async (councilIds, number) => {
      if (groupSpace && councilIds.length === triad.length && triad.every((id) => councilIds.includes(id))) return groupSpace.id
      const space = await tx.space.create({
        data: {
          slug: `group-london-${DEMO_CURRENT_YEAR}-${number}`,
          name: `${listOf(councilIds)}: peer challenge ${DEMO_CURRENT_YEAR} to ${DEMO_CURRENT_YEAR + 1}`,
          description: `The private space of London's challenge group ${number}: only its councils and the region's leads read it.`,
          scope: 'group',
          regionId: london.id,
          createdById: leadLondon.id,
          councils: { create: councilIds.map((councilId) => ({ councilId })) },
        },
        select: { id: true },
      })
      return space.id
    })
    for (const g of curGroups) {
      for (const host of g.councilIds) {
        const slug = londonCouncils.find((c) => c.id === host)!.slug
        const plan = CURRENT[slug] ?? {}
        const writer = directors.get(g.councilIds.find((id) => id !== host) ? londonCouncils.find((c) => c.id === g.councilIds.find((id) => id !== host))!.slug : slug) ?? leadLondon.id
        const hostDirector = directors.get(slug) ?? writer
        const meeting = plan.meeting !== undefined ? day(-plan.meeting) : null
        const report = plan.report
        await tx.challenge.create({
          data: {
            cycleId: cur.id,
            groupId: g.id,
            hostCouncilId: host,
            meetingDate: meeting,
            reviewDueAt: meeting ? addMonths(meeting, 6) : null,
            reportStatus: report ?? 'draft',
            reportScope: report === 'published' ? (plan.scope ?? 'group') : null,
            ...(report
              ? {
                  reportHtml: `<p>Dear colleague,</p><p>Thank you for hosting our peer challenge. We have set out what we found under each of your top three, and the actions we agreed with you. (Illustrative demo text.)</p>`,
                  reportText: 'Dear colleague,\n\nThank you for hosting our peer challenge. We have set out what we found under each of your top three, and the actions we agreed with you. (Illustrative demo text.)',
                  reportContent: {
                    type: 'doc',
                    content: [
                      { type: 'paragraph', content: [{ type: 'text', text: 'Dear colleague,' }] },
                      { type: 'paragraph', content: [{ type: 'text', text: 'Thank you for hosting our peer challenge. We have set out what we found under each of your top three, and the actions we agreed with you. (Illustrative demo text.)' }] },
                    ],
                  },
                }
              : {}),
            ...(report === 'agreed' || report === 'published' ? { reportAgreedAt: atWork(-5), reportAgreedById: hostDirector } : {}),
            ...(report === 'published' ? { reportPublishedAt: atWork(-3), reportPublishedById: hostDirector } : {}),
            findings: { create: (plan.findings ?? []).map(([theme, text]) => ({ theme, text, createdById: writer })) },
            actions: { create: (plan.actions ?? []).map(([title, owner, days]) => ({ title, owner, dueDate: day(days), createdById: hostDirector })) },
          },
        })
      }
    }

    // The North East: groups proposed, not yet published.
    const ne = await cycle({
      regionId: northEast.id,
      year: DEMO_CURRENT_YEAR,
      status: 'pairing',
      timetable: { assessmentsDue: day(14), windowOpens: day(45), windowCloses: day(130), reviewsDue: addMonths(day(130), 6) },
      councils: northEastCouncils,
      createdById: leadNorthEast.id,
      warnings: pairing.warnings,
    })
    await groups(ne.id, pairing.groups, async () => null)
  })
  return { cycles: 3 }
}
