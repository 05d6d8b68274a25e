import { db } from '~/services.server'
import { can, type Actor } from '~/policy/policy'
import { challengeFacts } from './challenges.server'
import type { CycleRow } from './cycles.server'
import { collectiveLessons, type LessonsChallenge } from './lessons'
import type { ActionRating } from './challenge-form'

// Collective lessons of a cycle, from the challenges this person may read the report of
// (the region lead: all of them; others: those published to them), and the focus themes
// from the host's top three.

export async function cycleLessons(actor: Actor, cycle: CycleRow) {
  const challenges = await db().challenge.findMany({
    where: { cycleId: cycle.id },
    select: {
      hostCouncilId: true,
      reportStatus: true,
      reportScope: true,
      hostCouncil: { select: { name: true } },
      group: { select: { members: { select: { council: { select: { id: true } } } } } },
      findings: { select: { theme: true, text: true }, orderBy: { createdAt: 'asc' } },
      actions: { select: { rating: true } },
    },
  })
  const readable = challenges.filter((c) => can(actor, 'view_report', challengeFacts({ ...c, cycle })))
  // The focus is the theme of each host's top three, from the revision it shared or signed off last.
  const topThree = await db().assessmentSection.findMany({
    where: { key: 'top_three', revision: { status: { in: ['signed_off', 'shared'] }, assessment: { year: cycle.year, councilId: { in: readable.map((c) => c.hostCouncilId) } } } },
    select: { content: true, revision: { select: { number: true, assessment: { select: { councilId: true } } } } },
    orderBy: { revision: { number: 'desc' } },
  })
  const themesOf = new Map<string, string[]>()
  for (const s of topThree) {
    const councilId = s.revision.assessment.councilId
    if (themesOf.has(councilId)) continue
    themesOf.set(councilId, ((s.content as { challenges?: { theme?: string }[] }).challenges ?? []).map((c) => c.theme).filter((t): t is string => !!t))
  }
  const input: LessonsChallenge[] = readable.map((c) => ({
    hostName: c.hostCouncil.name,
    focusThemes: themesOf.get(c.hostCouncilId) ?? [],
    findings: c.findings,
    actionRatings: c.actions.map((a) => a.rating as ActionRating | null),
  }))
  return { lessons: collectiveLessons(input), total: challenges.length }
}
