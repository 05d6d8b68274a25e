import { db } from '~/services.server'
import type { Actor } from '~/policy/policy'
import { councilLocations } from '~/seed/council-locations'
import type { PairingCouncil } from './pairing'
import { readableRevisions } from './readable.server'
import { strongThemes } from './strengths'

// What the pairing engine is told about each council. Top-three themes and strengths come
// only from self-assessments the person running the pairing may read (the policy decides),
// so the reasons shown never reveal what a council has not shared.

type Rating = 'poor' | 'fair' | 'good' | 'great'
type Participant = { id: string; name: string; type: PairingCouncil['type'] }

export type PairingInputs = { councils: PairingCouncil[]; withoutThemes: string[] }

export async function pairingInputs(actor: Actor, cycle: { id: string; regionId: string; year: number }, participants: Participant[]): Promise<PairingInputs> {
  const ids = participants.map((p) => p.id)
  const [readable, previous] = await Promise.all([readableRevisions(actor, cycle.regionId, cycle.year, ids), lastCyclePartners(cycle)])
  const sections = await db().assessmentSection.findMany({
    where: { revisionId: { in: [...readable.values()] }, key: { in: ['top_three', 'enablers', 'strengths'] } },
    select: { revisionId: true, key: true, content: true, text: true },
  })
  const locations = councilLocations()
  const withoutThemes: string[] = []
  const councils = participants.map((p): PairingCouncil => {
    const revisionId = readable.get(p.id)
    const of = (key: string) => sections.find((s) => s.revisionId === revisionId && s.key === key)
    const challenges = ((of('top_three')?.content as { challenges?: { theme?: string }[] } | undefined)?.challenges ?? []).map((c) => c.theme).filter((t): t is string => !!t)
    const enablers = (of('enablers')?.content as { enablers?: Record<string, { rating?: Rating }> } | undefined)?.enablers ?? {}
    if (!challenges.length) withoutThemes.push(p.name)
    return {
      id: p.id,
      name: p.name,
      type: p.type,
      challengeThemes: [...new Set(challenges)],
      strongThemes: revisionId ? strongThemes({ enablerRatings: Object.fromEntries(Object.entries(enablers).map(([k, v]) => [k, v?.rating])), strengthsText: of('strengths')?.text ?? '' }) : [],
      location: locations.get(p.name) ?? null,
      lastPartnerIds: previous.get(p.id) ?? [],
    }
  })
  return { councils, withoutThemes }
}

/** Each council's group in the region's latest published cycle before this one. */
async function lastCyclePartners(cycle: { regionId: string; year: number }): Promise<Map<string, string[]>> {
  const last = await db().challengeCycle.findFirst({
    where: { regionId: cycle.regionId, status: 'published', year: { lt: cycle.year } },
    orderBy: { year: 'desc' },
    select: { groups: { select: { members: { select: { councilId: true } } } } },
  })
  const out = new Map<string, string[]>()
  for (const g of last?.groups ?? []) {
    const members = g.members.map((m) => m.councilId)
    for (const id of members) out.set(id, members.filter((m) => m !== id))
  }
  return out
}
