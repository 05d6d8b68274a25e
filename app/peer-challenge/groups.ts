import type { Prisma } from '~/generated/prisma/client'
import type { ProposedGroup } from './pairing'

/** A proposed group as a stored row with its members: the pairing page and the demo write them alike. */
export function groupRow(cycleId: string, number: number, g: Pick<ProposedGroup, 'councilIds' | 'hostId' | 'locked' | 'score' | 'reasons'>, spaceId: string | null = null) {
  return {
    cycleId,
    number,
    hostCouncilId: g.hostId,
    locked: g.locked,
    score: Math.round(g.score),
    reasons: g.reasons as unknown as Prisma.InputJsonValue,
    spaceId,
    members: { create: g.councilIds.map((councilId) => ({ cycleId, councilId })) },
  } satisfies Prisma.ChallengeGroupUncheckedCreateInput
}
