import { can, type Actor } from '~/policy/policy'
import { db } from '~/services.server'
import { cycleLabel } from '~/self-assessment/cycle'
import { formatDay } from '~/utils/dates'
import { challengeFacts } from './challenges.server'
import { DUE_SOON_DAYS } from './stage'

// What a person should do next about peer challenge, for the home page: their council's
// challenges (the meeting to arrange, the report to agree or publish, the review due) and,
// for region leads, the cycles to pair and what is overdue.

type Item = { text: string; href: string }
const DAY_MS = 86_400_000

export async function challengeAttention(actor: Actor & { leadRegions?: { id: string; slug: string; name: string }[] }, now = new Date()): Promise<Item[]> {
  const items: Item[] = []
  if (actor.councilId) {
    const challenges = await db().challenge.findMany({
      where: { cycle: { status: 'published' }, group: { members: { some: { councilId: actor.councilId } } }, OR: [{ reviewedAt: null }, { reportStatus: { not: 'published' } }] },
      select: {
        id: true,
        hostCouncilId: true,
        meetingDate: true,
        reviewDueAt: true,
        reviewedAt: true,
        reportStatus: true,
        reportScope: true,
        hostCouncil: { select: { name: true } },
        cycle: { select: { regionId: true, year: true } },
        group: { select: { members: { select: { council: { select: { id: true } } } } } },
        _count: { select: { actions: true } },
      },
      orderBy: { cycle: { year: 'desc' } },
    })
    for (const c of challenges) {
      const facts = challengeFacts(c)
      if (!can(actor, 'view', facts)) continue
      const own = c.hostCouncilId === actor.councilId
      const whose = own ? 'Your council’s' : `${c.hostCouncil.name}’s`
      const href = `/challenges/${c.id}`
      if (c.reviewDueAt && !c.reviewedAt && can(actor, 'review', facts) && c.reviewDueAt.getTime() - now.getTime() <= DUE_SOON_DAYS * DAY_MS && c._count.actions) {
        const overdue = now.getTime() >= c.reviewDueAt.getTime() + DAY_MS
        items.push({ text: `${whose} six-month review ${overdue ? 'was due' : 'is due'} ${formatDay(c.reviewDueAt)}: rate the agreed actions`, href: `${href}/review` })
      } else if (!c.meetingDate && can(actor, 'edit', facts)) {
        items.push({ text: `${whose} peer challenge ${cycleLabel(c.cycle.year)}: set the meeting date`, href })
      } else if (c.reportStatus === 'draft' && c.meetingDate && c.meetingDate <= now && can(actor, 'edit', facts) && !own) {
        items.push({ text: `${whose} peer challenge: record findings, actions and the letter`, href })
      } else if (c.reportStatus === 'agreed' && can(actor, 'publish', facts)) {
        items.push({ text: `${whose} challenge report is agreed: publish it`, href: `${href}#the-report` })
      } else if (c.reportStatus === 'draft' && c.meetingDate && c.meetingDate <= now && can(actor, 'agree', facts)) {
        items.push({ text: `${whose} challenge report: read the draft and agree it`, href: `${href}#the-report` })
      }
    }
  }
  for (const region of actor.leadRegions ?? []) {
    const cycles = await db().challengeCycle.findMany({ where: { regionId: region.id }, orderBy: { year: 'desc' }, take: 2, select: { id: true, year: true, status: true, regionId: true } })
    for (const cycle of cycles) {
      if (!can(actor, 'manage', { kind: 'cycle', regionId: cycle.regionId, status: cycle.status })) continue
      if (cycle.status === 'pairing') items.push({ text: `${region.name} peer challenge ${cycleLabel(cycle.year)}: check the proposed groups and publish them`, href: `/cycles/${cycle.id}/pairing` })
      else {
        const overdue = await db().challenge.count({ where: { cycleId: cycle.id, reviewedAt: null, reviewDueAt: { lt: new Date(now.getTime() - DAY_MS) } } })
        if (overdue) items.push({ text: `${region.name} peer challenge ${cycleLabel(cycle.year)}: ${overdue} six-month ${overdue === 1 ? 'review is' : 'reviews are'} overdue`, href: `/cycles/${cycle.id}` })
      }
    }
  }
  return items
}
