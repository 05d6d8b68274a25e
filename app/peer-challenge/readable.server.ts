import { db } from '~/services.server'
import { can, type Actor } from '~/policy/policy'
import { partnersByCouncil } from './partners.server'

// The revision of each council's self-assessment (for a cycle year) that this person may
// read, as the assessment page decides it: the council's own people the newest revision,
// others the shared one while it is shared with them. Pairing and collective lessons read
// top threes and strengths only through this, so they never reveal what is not shared.

export async function readableRevisions(actor: Actor, regionId: string, year: number, councilIds: readonly string[]): Promise<Map<string, string>> {
  const [assessments, partners] = await Promise.all([
    db().selfAssessment.findMany({
      where: { year, councilId: { in: [...councilIds] } },
      select: { councilId: true, shareScope: true, revisions: { select: { id: true, status: true }, orderBy: { number: 'desc' } } },
    }),
    partnersByCouncil(councilIds, year),
  ])
  const readable = new Map<string, string>()
  for (const a of assessments) {
    const latest = a.revisions[0]
    if (!latest) continue
    const shared = a.revisions.find((r) => r.status === 'shared')
    const facts = { kind: 'self_assessment' as const, councilId: a.councilId, regionId, status: shared ? ('shared' as const) : latest.status, shareScope: a.shareScope, partnerCouncilIds: partners.get(a.councilId) ?? [] }
    if (!can(actor, 'view', facts)) continue
    const revision = can(actor, 'view_drafts', facts) ? latest : shared
    if (revision) readable.set(a.councilId, revision.id)
  }
  return readable
}

/** The themes of each council's top three, from the revision this person may read. */
export async function readableTopThreeThemes(actor: Actor, regionId: string, year: number, councilIds: readonly string[]): Promise<Map<string, string[]>> {
  const readable = await readableRevisions(actor, regionId, year, councilIds)
  const sections = await db().assessmentSection.findMany({ where: { revisionId: { in: [...readable.values()] }, key: 'top_three' }, select: { revisionId: true, content: true } })
  const out = new Map<string, string[]>()
  for (const [councilId, revisionId] of readable) {
    const content = sections.find((s) => s.revisionId === revisionId)?.content as { challenges?: { theme?: string }[] } | undefined
    out.set(councilId, (content?.challenges ?? []).map((c) => c.theme).filter((t): t is string => !!t))
  }
  return out
}
