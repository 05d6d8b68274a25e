import { db } from '~/services.server'
import { partnersByCouncil } from '~/peer-challenge/partners.server'
import { can, type Actor, type ShareScope } from '~/policy/policy'
import type { AssessmentStatus } from './status'

// The lists of self-assessments: one council's over the years, and a region's board for a
// cycle year. Each row says only what the policy lets the viewer know; the board shows
// every council's status (not content) to people of the region, and links only to those
// the viewer may read.

export type ListedAssessment = {
  id: string
  year: number
  status: AssessmentStatus
  revision: number
  shareScope: ShareScope
  sharedRevision: number | null
  /** The newest signed-off (or shared) revision: what people outside the council last saw or may see. */
  signedOffRevision: number | null
  updatedAt: Date
}

type Row = {
  id: string
  year: number
  councilId: string
  shareScope: ShareScope
  revisions: { number: number; status: AssessmentStatus; createdAt: Date; sections: { updatedAt: Date }[] }[]
}

function summarise(a: Row): ListedAssessment {
  const latest = a.revisions[0]
  const shared = a.revisions.find((r) => r.status === 'shared')
  const signedOff = a.revisions.find((r) => r.status === 'shared' || r.status === 'signed_off')
  const updatedAt = new Date(Math.max(latest.createdAt.getTime(), ...latest.sections.map((s) => s.updatedAt.getTime())))
  return { id: a.id, year: a.year, status: latest.status, revision: latest.number, shareScope: a.shareScope, sharedRevision: shared?.number ?? null, signedOffRevision: signedOff?.number ?? null, updatedAt }
}

const select = {
  id: true,
  year: true,
  councilId: true,
  shareScope: true,
  revisions: {
    orderBy: { number: 'desc' },
    select: { number: true, status: true, createdAt: true, sections: { select: { updatedAt: true }, orderBy: { updatedAt: 'desc' }, take: 1 } },
  },
} as const

export async function councilAssessments(councilId: string): Promise<ListedAssessment[]> {
  const rows = await db().selfAssessment.findMany({ where: { councilId }, orderBy: { year: 'desc' }, select })
  return rows.filter((r) => r.revisions.length).map((r) => summarise(r as Row))
}

export type BoardStage = 'not_started' | AssessmentStatus
export type BoardRow = { council: { id: string; name: string; slug: string }; stage: BoardStage; shareScope: ShareScope; assessmentId: string | null; mayRead: boolean }

export async function regionBoard(actor: Actor, regionId: string, year: number): Promise<BoardRow[]> {
  const [councils, assessments] = await Promise.all([
    db().council.findMany({ where: { regionId }, orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true } }),
    db().selfAssessment.findMany({ where: { year, council: { regionId } }, select }),
  ])
  const byCouncil = new Map(assessments.filter((a) => a.revisions.length).map((a) => [a.councilId, summarise(a as Row)]))
  const partners = await partnersByCouncil([...byCouncil.keys()], year)
  return councils.map((council) => {
    const a = byCouncil.get(council.id)
    if (!a) return { council, stage: 'not_started' as const, shareScope: 'none' as const, assessmentId: null, mayRead: false }
    // People outside the council see the stage of what they could see: shared, or signed
    // off, whatever the council is drafting next; the council sees its newest revision.
    const outside = a.sharedRevision !== null ? ('shared' as const) : a.signedOffRevision !== null ? ('signed_off' as const) : a.status
    const facts = {
      kind: 'self_assessment' as const,
      councilId: council.id,
      regionId,
      status: outside,
      shareScope: a.shareScope,
      partnerCouncilIds: partners.get(council.id) ?? [],
    }
    const own = can(actor, 'view_drafts', facts)
    const mayRead = can(actor, 'view', facts)
    // The id only for those who may open it: the page's data reaches the browser whole.
    return { council, stage: own ? a.status : facts.status, shareScope: a.shareScope, assessmentId: mayRead ? a.id : null, mayRead }
  })
}

/** A council's assessments that someone from outside it may read (shared with them), newest first. */
export async function sharedAssessmentsOf(actor: Actor, council: { id: string; regionId: string }) {
  const all = await councilAssessments(council.id)
  const partners = new Map(await Promise.all([...new Set(all.map((a) => a.year))].map(async (year) => [year, (await partnersByCouncil([council.id], year)).get(council.id) ?? []] as const)))
  return all.filter(
    (a) =>
      a.sharedRevision !== null &&
      can(actor, 'view', { kind: 'self_assessment', councilId: council.id, regionId: council.regionId, status: 'shared', shareScope: a.shareScope, partnerCouncilIds: partners.get(a.year) ?? [] }),
  )
}
