import { db } from '~/services.server'
import { can, type Actor } from '~/policy/policy'
import { challengeFacts } from './challenges.server'
import { readableTopThreeThemes } from './readable.server'
import type { CycleRow } from './cycles.server'
import { collectiveLessons, type LessonsChallenge } from './lessons'
import type { ActionRating } from './challenge-form'

// Collective lessons of a cycle, from the challenges this person may read the report of
// (the region lead: all of them; others: those published to them), and the focus themes
// from the host's top three where this person may read the host's self-assessment.

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
  const readable = challenges.filter((c) => can(actor, 'view', challengeFacts({ ...c, cycle })))
  // The focus is each host's top three, only from what this person may read of its assessment.
  const themesOf = await readableTopThreeThemes(actor, cycle.regionId, cycle.year, readable.map((c) => c.hostCouncilId))
  const input: LessonsChallenge[] = readable.map((c) => ({
    hostName: c.hostCouncil.name,
    focusThemes: themesOf.get(c.hostCouncilId) ?? [],
    findings: c.findings,
    actionRatings: c.actions.map((a) => a.rating as ActionRating | null),
  }))
  return { lessons: collectiveLessons(input), total: challenges.length }
}
