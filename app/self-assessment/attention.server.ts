import { can, type Actor } from '~/policy/policy'
import { db } from '~/services.server'
import { currentCycleYear, cycleLabel } from './cycle'

// What a person should do next about self-assessments, for the home page. Each item is
// something they may do (the policy decides), with where to do it.

export type AttentionItem = { text: string; href: string }

export async function assessmentAttention(actor: Actor & { council?: { slug: string } | null; leadRegions?: { id: string; slug: string; name: string }[] }): Promise<AttentionItem[]> {
  const year = currentCycleYear()
  const items: AttentionItem[] = []
  if (actor.councilId && actor.councilRegionId && actor.council) {
    const list = { kind: 'council_assessments' as const, councilId: actor.councilId, regionId: actor.councilRegionId }
    if (can(actor, 'list', list)) {
      const a = await db().selfAssessment.findUnique({
        where: { councilId_year: { councilId: actor.councilId, year } },
        select: { id: true, shareScope: true, revisions: { orderBy: { number: 'desc' }, take: 1, select: { status: true } } },
      })
      const status = a?.revisions[0]?.status
      const facts = { kind: 'self_assessment' as const, councilId: actor.councilId, regionId: actor.councilRegionId, status: status ?? 'draft', shareScope: 'none' as const, partnerCouncilIds: [] }
      if (!a && can(actor, 'create', list)) items.push({ text: `Start your council’s ${cycleLabel(year)} self-assessment`, href: `/councils/${actor.council.slug}/assessments` })
      else if (a && status === 'draft' && can(actor, 'edit', facts)) items.push({ text: 'Your self-assessment is in draft: finish it and send it for sign-off', href: `/assessments/${a.id}` })
      else if (a && status === 'ready_for_sign_off' && can(actor, 'sign_off', facts)) items.push({ text: 'Your self-assessment is ready for you to sign off', href: `/assessments/${a.id}` })
      else if (a && status === 'signed_off' && a.shareScope === 'none' && can(actor, 'share', facts)) items.push({ text: 'Your self-assessment is signed off: share it with your peers', href: `/assessments/${a.id}` })
      if (a) {
        const open = await db().assessmentComment.count({ where: { assessmentId: a.id, parentId: null, resolvedAt: null, replies: { none: {} } } })
        if (open) items.push({ text: `${open} challenge ${open === 1 ? 'question is' : 'questions are'} waiting for your council’s answer`, href: `/assessments/${a.id}` })
      }
    }
  }
  for (const region of actor.leadRegions ?? []) {
    if (!can(actor, 'view', { kind: 'region_assessments', regionId: region.id })) continue
    const [councils, shared] = await Promise.all([
      db().council.count({ where: { regionId: region.id } }),
      db().selfAssessment.count({ where: { year, council: { regionId: region.id }, revisions: { some: { status: 'shared' } } } }),
    ])
    items.push({ text: `${shared} of ${councils} councils in ${region.name} have shared their ${cycleLabel(year)} self-assessment`, href: `/regions/${region.slug}/assessments` })
  }
  return items
}
