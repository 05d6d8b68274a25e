import { can, type Actor } from '~/policy/policy'
import { db } from '~/services.server'
import { openAssessment, readersOf } from './assessments.server'
import { threadsFor } from './comments.server'
import { missingForSignOff, type SectionContent } from './sections'
import { renderSection } from './section-view.server'
import { activeSections } from './template'

/**
 * Everything the assessment page shows, for this person: the revision they may read,
 * rendered; its threads; who has read it (for the council); and what they may do next.
 * Null when there is no such assessment or they may not read it (the page says 404
 * either way, so it does not reveal that an unshared assessment exists).
 */
export async function assessmentPage(actor: Actor, assessmentId: string) {
  const opened = await openAssessment(actor, assessmentId)
  if (!opened) return null
  const { assessment: a, revision, sections, resource } = opened
  const stored = new Map(sections.map((s) => [s.key, s.content as SectionContent]))
  const own = can(actor, 'view_drafts', resource)
  const council = a.council
  const [threads, readers, revisions] = await Promise.all([
    threadsFor(actor, a.id, resource),
    can(actor, 'view_readers', resource) ? readersOf(actor, a.id) : null,
    own ? db().assessmentRevision.findMany({ where: { assessmentId: a.id }, orderBy: { number: 'desc' }, select: { number: true, status: true, createdAt: true, signedOffAt: true } }) : [],
  ])
  const status = revision.status
  const mayEdit = can(actor, 'edit', resource)
  const mayShare = can(actor, 'share', resource)
  return {
    id: a.id,
    year: a.year,
    council,
    own,
    mayViewBoard: can(actor, 'view', { kind: 'region_assessments', regionId: resource.regionId }),
    revision: { number: revision.number, status },
    shared: a.shared ? { number: a.shared.number, scope: a.shareScope, at: a.sharedAt } : null,
    // Only the council knows it has signed off more than it has shared.
    signedOffRevision: own ? (a.signedOff?.number ?? null) : null,
    sections: activeSections(a.template).map((s) => renderSection(s, a.template, stored.get(s.key))),
    missing: own && (status === 'draft' || status === 'ready_for_sign_off') ? missingForSignOff(a.template, stored) : [],
    threads,
    readers,
    revisions,
    may: {
      edit: mayEdit,
      submit: mayEdit && status === 'draft',
      returnToDraft: mayEdit && status === 'ready_for_sign_off',
      signOff: can(actor, 'sign_off', resource) && status === 'ready_for_sign_off',
      share: mayShare && a.signedOff !== null,
      withdraw: mayShare && !!a.shared,
      comment: can(actor, 'comment', resource),
    },
  }
}
