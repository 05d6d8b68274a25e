import { Prisma } from '~/generated/prisma/client'
import { db } from '~/services.server'

// A council's challenge partners for a cycle year: the other councils of its group in the
// region's published cycle of that year. The policy reads a self-assessment shared "with
// challenge partners" through these ids, so partners read the assessment of that year only.

/**
 * For a raw query over "SelfAssessment" a: the partners of a."councilId" in a."year", as a
 * text array. One place for the rule, used by the assessment page, lists and search.
 */
export const partnerIdsSql = Prisma.sql`COALESCE((SELECT array_agg(DISTINCT o."councilId") FROM "GroupMember" m
  JOIN "ChallengeCycle" cy ON cy."id" = m."cycleId" AND cy."status" = 'published' AND cy."year" = a."year"
  JOIN "GroupMember" o ON o."groupId" = m."groupId" AND o."councilId" <> m."councilId"
  WHERE m."councilId" = a."councilId"), ARRAY[]::text[])`

/** Partners of each of these councils in a cycle year (councils without a group map to []). */
export async function partnersByCouncil(councilIds: readonly string[], year: number): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(councilIds.map((id) => [id, []]))
  if (!councilIds.length) return out
  const rows = await db().groupMember.findMany({
    where: { councilId: { in: [...councilIds] }, group: { cycle: { year, status: 'published' } } },
    select: { councilId: true, group: { select: { members: { select: { councilId: true } } } } },
  })
  for (const r of rows) out.set(r.councilId, r.group.members.map((m) => m.councilId).filter((id) => id !== r.councilId))
  return out
}
