import { db } from '~/services.server'
import { can, type Actor } from '~/policy/policy'
import { regionBoard } from '~/self-assessment/lists.server'
import { challengeFacts } from './challenges.server'
import type { CycleRow } from './cycles.server'
import { councilStage, type AssessmentProgress, type Stage } from './stage'

// The cycle board: every participating council, its group, its stage and what is
// overdue. Assessment stages are what the viewer may know (as on the region's board);
// a challenge is linked only for those who may open it.

export type BoardRow = {
  council: { id: string; name: string; slug: string }
  group: { number: number; partners: string[]; host: boolean | null } | null
  stage: Stage
  challengeId: string | null
}

export async function cycleBoard(actor: Actor, cycle: CycleRow, now = new Date()): Promise<BoardRow[]> {
  const [assessments, challenges] = await Promise.all([
    regionBoard(actor, cycle.regionId, cycle.year),
    db().challenge.findMany({
      where: { cycleId: cycle.id },
      select: { id: true, hostCouncilId: true, meetingDate: true, reportStatus: true, reportScope: true, reviewDueAt: true, reviewedAt: true, group: { select: { members: { select: { council: { select: { id: true } } } } } } },
    }),
  ])
  const assessmentOf = new Map(assessments.map((a) => [a.council.id, a.stage === 'not_started' ? 'none' : a.stage]))
  const names = new Map(cycle.participants.map((p) => [p.council.id, p.council.name]))
  const groupOf = new Map(cycle.groups.flatMap((g) => g.members.map((m) => [m.councilId, g] as const)))
  const challengeOf = new Map(challenges.map((c) => [c.hostCouncilId, c]))
  const timetable = { assessmentsDue: cycle.assessmentsDue, windowOpens: cycle.windowOpens, windowCloses: cycle.windowCloses, reviewsDue: cycle.reviewsDue }
  return cycle.participants.map(({ council }) => {
    const g = groupOf.get(council.id)
    const c = challengeOf.get(council.id)
    const stage = councilStage(
      { assessment: (assessmentOf.get(council.id) ?? 'none') as AssessmentProgress, cycleStatus: cycle.status, grouped: !!g, challenge: c ?? null },
      timetable,
      now,
    )
    return {
      council,
      group: g
        ? {
            number: g.number,
            partners: g.members.map((m) => names.get(m.councilId) ?? '').filter((n) => n && n !== council.name).sort((a, b) => a.localeCompare(b)),
            host: cycle.model === 'panel' ? g.hostCouncilId === council.id : null,
          }
        : null,
      stage,
      challengeId: c && can(actor, 'view', challengeFacts({ ...c, cycle })) ? c.id : null,
    }
  })
}
