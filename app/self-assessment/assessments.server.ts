import { randomUUID } from 'node:crypto'
import { db, services } from '~/services.server'
import { can, type Actor, type ShareScope } from '~/policy/policy'
import type { Prisma } from '~/generated/prisma/client'
import { publish } from '~/realtime/publish.server'
import { rooms } from '~/realtime/rooms'
import { DEFAULT_TEMPLATE, activeSections, checkTemplate, type SectionDef, type Template } from './template'
import { compareRevisions, type SectionSnapshot } from './diff'
import { readSectionForm, type FormFields, type FormRead } from './section-form'
import { headlineDataDoc } from './headline-data'
import { sameJson } from '~/utils/same-json'
import { partnerIdsSql } from '~/peer-challenge/partners.server'
import { checkSectionContent, missingForSignOff, type SectionContent } from './sections'
import { transition, type AssessmentEvent, type AssessmentStatus } from './status'

// Self-assessments on the server: start one, save a section (with optimistic
// concurrency), move it through its statuses, share and withdraw it, and record who read
// it. Every function asks the policy; routes stay thin.

export type Failure = { ok: false; status: 400 | 403 | 404 | 409; message: string }
const fail = (status: Failure['status'], message: string): Failure => ({ ok: false, status, message })
const assessmentRoom = rooms.assessment

/** The region's template for a year: its own for that year, else its latest before, else the default. */
export async function templateFor(regionId: string, year: number): Promise<Template> {
  const row = await db().assessmentTemplate.findFirst({ where: { regionId, year: { lte: year } }, orderBy: { year: 'desc' } })
  const template = row?.definition as Template | undefined
  return template && checkTemplate(template).length === 0 ? template : DEFAULT_TEMPLATE
}

export async function startAssessment(actor: Actor, councilId: string, year: number): Promise<{ ok: true; assessmentId: string; created: boolean } | Failure> {
  if (!Number.isInteger(year) || year < 2020 || year > 2100) return fail(400, 'Choose a cycle year')
  const council = await db().council.findUnique({ where: { id: councilId }, select: { id: true, regionId: true } })
  if (!council) return fail(404, 'Council not found')
  if (!can(actor, 'create', { kind: 'council_assessments', councilId, regionId: council.regionId })) return fail(403, 'You cannot start a self-assessment for this council')
  const existing = await db().selfAssessment.findUnique({ where: { councilId_year: { councilId, year } }, select: { id: true } })
  if (existing) return { ok: true, assessmentId: existing.id, created: false }
  const template = await templateFor(council.regionId, year)
  const context = template.sections.find((s) => s.key === 'context' && s.kind === 'narrative' && !s.retired)
  const figures = context ? await db().councilFigure.findMany({ where: { councilId }, orderBy: { key: 'asc' } }) : []
  const headline = context ? checkSectionContent(context, template, { doc: headlineDataDoc(figures) }) : null
  // The context section starts from the council's headline figures (the data profile).
  const sections = headline?.ok && headline.text ? [{ key: 'context', content: headline.content as unknown as Prisma.InputJsonValue, text: headline.text, updatedById: actor.id }] : []
  try {
    const created = await db().selfAssessment.create({
      data: {
        councilId,
        year,
        template: template as unknown as Prisma.InputJsonValue,
        revisions: { create: { number: 1, createdById: actor.id, sections: { create: sections } } },
      },
    })
    return { ok: true, assessmentId: created.id, created: true }
  } catch (error) {
    // Two people starting the same year at once: one assessment, both land on it.
    const again = await db().selfAssessment.findUnique({ where: { councilId_year: { councilId, year } }, select: { id: true } })
    if (again) return { ok: true, assessmentId: again.id, created: false }
    throw error
  }
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadAssessment>>>

type AssessmentRow = {
  id: string
  councilId: string
  year: number
  template: unknown
  shareScope: ShareScope
  sharedAt: Date | null
  council: { id: string; name: string; slug: string; regionId: string; region: { name: string; slug: string } }
  revisions: { id: string; number: number; status: AssessmentStatus }[]
  partnerCouncilIds: string[]
}

// Every page, save and room join starts here, so it is one round trip to the database
// (Prisma would split the relations into three queries).
async function loadAssessment(id: string) {
  if (!/^[a-z0-9]{1,40}$/.test(id)) return null
  const [a] = await db().$queryRaw<AssessmentRow[]>`
    SELECT a."id", a."councilId", a."year", a."template", a."shareScope"::text AS "shareScope", a."sharedAt",
      json_build_object('id', c."id", 'name', c."name", 'slug', c."slug", 'regionId', c."regionId",
        'region', json_build_object('name', r."name", 'slug', r."slug")) AS "council",
      COALESCE((SELECT json_agg(json_build_object('id', v."id", 'number', v."number", 'status', v."status") ORDER BY v."number" DESC)
        FROM "AssessmentRevision" v WHERE v."assessmentId" = a."id"), '[]'::json) AS "revisions",
      ${partnerIdsSql} AS "partnerCouncilIds"
    FROM "SelfAssessment" a
    JOIN "Council" c ON c."id" = a."councilId"
    JOIN "Region" r ON r."id" = c."regionId"
    WHERE a."id" = ${id}`
  if (!a || !a.revisions.length) return null
  const latest = a.revisions[0]
  const shared = a.revisions.find((r) => r.status === 'shared') ?? null
  // The newest revision the director has signed off: what sharing shares, even while a
  // newer draft is being written.
  const signedOff = a.revisions.find((r) => r.status === 'signed_off' || r.status === 'shared') ?? null
  return { ...a, latest, shared, signedOff, template: a.template as unknown as Template }
}

/** The facts the policy needs; partners are the council's challenge group in the assessment's year. */
function resourceOf(a: Loaded) {
  return {
    kind: 'self_assessment' as const,
    councilId: a.councilId,
    regionId: a.council.regionId,
    status: (a.shared ? 'shared' : a.latest.status) as AssessmentStatus,
    shareScope: a.shareScope as ShareScope,
    partnerCouncilIds: a.partnerCouncilIds,
  }
}

/** The policy resource for an assessment id, or null when there is no such assessment. */
export async function assessmentResource(assessmentId: string) {
  const a = await loadAssessment(assessmentId)
  return a ? resourceOf(a) : null
}

export type SaveResult =
  | { ok: true; version: number; revision: number }
  | Failure
  | { ok: false; status: 409; message: string; conflict: { version: number; content: SectionContent; updatedById: string; updatedAt: Date } }

/**
 * Saves one section. `baseVersion` is the version the editor started from (0 for a section
 * never saved). If someone else saved in between, nothing is written and the caller gets
 * their version to resolve against: no one silently overwrites anyone.
 */
export async function saveSection(actor: Actor, assessmentId: string, key: string, input: unknown, baseVersion: number): Promise<SaveResult> {
  return save(actor, assessmentId, key, baseVersion, () => ({ ok: true, input: input as Record<string, unknown> }))
}

/** Saves a section from the editor's form fields (a submit or an autosave). */
export function saveSectionForm(actor: Actor, assessmentId: string, key: string, fields: FormFields, baseVersion: number): Promise<SaveResult> {
  return save(actor, assessmentId, key, baseVersion, (section, template) => readSectionForm(section, template, fields))
}

/** The assessment and section someone wants to edit, if they may. */
async function openForEditing(actor: Actor, assessmentId: string, key: string): Promise<{ ok: true; a: Loaded; section: SectionDef } | Failure> {
  const a = await loadAssessment(assessmentId)
  if (!a) return fail(404, 'Self-assessment not found')
  const resource = resourceOf(a)
  if (!can(actor, 'view', resource)) return fail(404, 'Self-assessment not found')
  if (!can(actor, 'edit', resource)) return fail(403, 'You cannot edit this self-assessment')
  const section = a.template.sections.find((s) => s.key === key && !s.retired)
  if (!section) return fail(404, 'That section is not in this self-assessment')
  return { ok: true, a, section }
}

async function save(
  actor: Actor,
  assessmentId: string,
  key: string,
  baseVersion: number,
  read: (section: SectionDef, template: Template) => FormRead,
  retried = false,
): Promise<SaveResult> {
  const opened = await openForEditing(actor, assessmentId, key)
  if (!opened.ok) return opened
  const { a, section } = opened
  if (!Number.isInteger(baseVersion) || baseVersion < 0) return fail(400, 'The save could not be read. Reload the page.')
  const form = read(section, a.template)
  if (!form.ok) return fail(400, form.error)
  const checked = checkSectionContent(section, a.template, form.input)
  if (!checked.ok) return fail(400, checked.error)

  const move = transition(a.latest.status, 'edit')
  if (!move.ok) return fail(400, move.error)
  const content = checked.content as unknown as Prisma.InputJsonValue
  type Tx = Parameters<Parameters<ReturnType<typeof db>['$transaction']>[0]>[0]
  const write = async (tx: Tx) => {
    let revision = a.latest
    if (move.newRevision) {
      // Editing a signed-off text: a new draft revision, starting from a copy of it.
      const previous = await tx.assessmentSection.findMany({ where: { revisionId: a.latest.id } })
      const created = await tx.assessmentRevision.create({ data: { assessmentId: a.id, number: a.latest.number + 1, createdById: actor.id } })
      if (previous.length) {
        await tx.assessmentSection.createMany({
          data: previous.map((p) => ({ revisionId: created.id, key: p.key, content: p.content as Prisma.InputJsonValue, text: p.text, version: p.version, updatedById: p.updatedById })),
        })
      }
      revision = { id: created.id, number: created.number, status: created.status }
    }
    if (baseVersion === 0) {
      // ON CONFLICT DO NOTHING: of two first saves at once, exactly one creates the row.
      const created = await tx.assessmentSection.createMany({
        data: [{ revisionId: revision.id, key, content, text: checked.text, version: 1, updatedById: actor.id }],
        skipDuplicates: true,
      })
      if (created.count === 1) return { saved: true as const, version: 1, revision: revision.number }
    } else {
      const updated = await tx.assessmentSection.updateMany({
        // Only while the revision is still being written: a save racing the director's
        // sign-off never changes the signed-off text.
        where: { revisionId: revision.id, key, version: baseVersion, revision: { status: { in: ['draft', 'ready_for_sign_off'] } } },
        data: { content, text: checked.text, version: baseVersion + 1, updatedById: actor.id },
      })
      if (updated.count === 1) return { saved: true as const, version: baseVersion + 1, revision: revision.number }
    }
    const current = await tx.assessmentSection.findUnique({ where: { revisionId_key: { revisionId: revision.id, key } } })
    // A new revision must not be left behind by a save that did not happen.
    if (move.newRevision) throw new SaveConflict(current)
    return { saved: false as const, current }
  }
  // The usual save is one conditional statement; only starting a new revision (several
  // writes that stand or fall together) needs a transaction.
  const outcome = await (move.newRevision ? db().$transaction(write) : write(db() as unknown as Tx))
    .catch((error: unknown) => {
      if (error instanceof SaveConflict) return { saved: false as const, current: error.current }
      // Two edits starting the same new revision at once: the loser retries from a reload.
      if ((error as { code?: string }).code === 'P2002') return null
      throw error
    })
  if (!outcome) {
    // Two first edits of a signed-off text at once (in different sections, say): both
    // tried to start the next revision and one lost. It now exists: save into it once more.
    if (!retried) return save(actor, assessmentId, key, baseVersion, read, true)
    return fail(409, 'Someone else saved at the same moment. Reload the page to see their changes.')
  }
  if (outcome.saved) {
    // Drafts are the council's own business: only its people hear of saves.
    publish(rooms.drafts(a.id), 'section.saved', { key, version: outcome.version })
    return { ok: true, version: outcome.version, revision: outcome.revision }
  }
  const current = outcome.current
  if (!current) return fail(409, 'This section changed while you were editing. Reload the page.')
  // The same text as is stored: an earlier save of it landed but its answer was lost
  // (a closed or hidden tab, a dropped connection). Nothing to resolve.
  if (current.updatedById === actor.id && sameJson(current.content, checked.content)) return { ok: true, version: current.version, revision: a.latest.number }
  if (!move.newRevision && (await revisionClosed(a.latest.id))) {
    return fail(409, 'This self-assessment was signed off while you were editing. Reload the page: your next change starts a new revision.')
  }
  return {
    ok: false,
    status: 409,
    message: 'Someone else saved this section while you were editing it. Compare the two versions and choose what to keep.',
    conflict: { version: current.version, content: current.content as SectionContent, updatedById: current.updatedById, updatedAt: current.updatedAt },
  }
}

export async function changeStatus(
  actor: Actor,
  assessmentId: string,
  event: Exclude<AssessmentEvent, 'edit'>,
  scope?: Exclude<ShareScope, 'none'>,
): Promise<{ ok: true; status: AssessmentStatus } | (Failure & { missing?: string[] })> {
  const a = await loadAssessment(assessmentId)
  if (!a) return fail(404, 'Self-assessment not found')
  const resource = resourceOf(a)
  if (!can(actor, 'view', resource)) return fail(404, 'Self-assessment not found')
  const action = event === 'sign_off' ? 'sign_off' : event === 'share' || event === 'withdraw' ? 'share' : 'edit'
  if (!can(actor, action, resource)) return fail(403, 'You cannot do that with this self-assessment')
  // Withdrawing acts on the shared revision, which may be older than a new draft.
  const target = event === 'withdraw' ? a.shared : event === 'share' ? a.signedOff : a.latest
  if (!target) return fail(400, event === 'withdraw' ? 'The assessment is not shared' : 'Only a signed-off assessment can be shared')
  const move = transition(target.status, event)
  if (!move.ok) return fail(400, move.error)
  if (event === 'share' && !scope) return fail(400, 'Choose who to share it with')
  if (event === 'submit_for_sign_off' || event === 'sign_off') {
    const sections = await db().assessmentSection.findMany({ where: { revisionId: target.id }, select: { key: true, content: true } })
    const missing = missingForSignOff(a.template, new Map(sections.map((s) => [s.key, s.content as SectionContent])))
    if (missing.length) return { ...fail(400, 'Some sections are not finished'), missing }
  }
  const now = new Date()
  const moved = await db().$transaction(async (tx) => {
    // Only from the status this decision was made on: two people pressing buttons at once
    // (or a save landing during sign-off) cannot skip a step.
    const updated = await tx.assessmentRevision.updateMany({
      where: { id: target.id, status: target.status },
      data: { status: move.status, ...(event === 'sign_off' ? { signedOffAt: now, signedOffById: actor.id } : {}) },
    })
    if (updated.count !== 1) return false
    if (event === 'share') {
      // One shared revision at a time: sharing a newer one replaces the older.
      await tx.assessmentRevision.updateMany({ where: { assessmentId: a.id, status: 'shared', id: { not: target.id } }, data: { status: 'signed_off' } })
      await tx.selfAssessment.update({ where: { id: a.id }, data: { shareScope: scope, sharedAt: now } })
    }
    if (event === 'withdraw') await tx.selfAssessment.update({ where: { id: a.id }, data: { shareScope: 'none', sharedAt: null } })
    return true
  })
  if (!moved) return fail(409, 'Someone changed this self-assessment at the same moment. Reload the page and try again.')
  // Sharing and withdrawing change what readers see; other moves only the council's drafts.
  const audience = event === 'share' || event === 'withdraw' ? assessmentRoom(a.id) : rooms.drafts(a.id)
  publish(audience, 'assessment.status', { status: move.status })
  // Readers who lost access stop hearing about it at once, not at their next reload.
  if (event === 'withdraw' || event === 'share') await services().recheckRoom(assessmentRoom(a.id))
  return { ok: true, status: move.status }
}

/**
 * What a person may read: the council's own members get the newest revision; anyone else
 * the shared one. A read from outside the council is recorded for "who has seen this".
 */
export async function openAssessment(actor: Actor, assessmentId: string) {
  const a = await loadAssessment(assessmentId)
  if (!a) return null
  const resource = resourceOf(a)
  if (!can(actor, 'view', resource)) return null
  const own = can(actor, 'view_drafts', resource)
  const revision = own ? a.latest : a.shared
  if (!revision) return null
  const sections = await db().assessmentSection.findMany({ where: { revisionId: revision.id } })
  if (!own) await recordRead(actor, a.id)
  return { assessment: a, revision, sections, resource }
}

// A page refreshing itself (a live update, a form on the page) is the same read: one
// record per person per ten minutes.
const SAME_READ_MS = 10 * 60 * 1000

async function recordRead(actor: Actor, assessmentId: string) {
  // One statement: insert unless this person has a read in the last ten minutes.
  // Times are written as Prisma writes them: UTC wall time in a column without a zone.
  const now = new Date()
  const since = new Date(now.getTime() - SAME_READ_MS)
  await db().$executeRaw`
    INSERT INTO "AssessmentRead" ("id", "assessmentId", "userId", "councilId", "readAt")
    SELECT ${randomUUID().replaceAll('-', '')}, ${assessmentId}, ${actor.id}, ${actor.councilId}, ${now.toISOString()}::timestamp(3)
    WHERE NOT EXISTS (
      SELECT 1 FROM "AssessmentRead"
      WHERE "assessmentId" = ${assessmentId} AND "userId" = ${actor.id} AND "readAt" > ${since.toISOString()}::timestamp(3))`
}

export async function readersOf(actor: Actor, assessmentId: string) {
  const a = await loadAssessment(assessmentId)
  if (!a || !can(actor, 'view_readers', resourceOf(a))) return null
  const reads = await db().assessmentRead.findMany({ where: { assessmentId }, orderBy: { readAt: 'desc' }, take: 500 })
  const users = await db().user.findMany({ where: { id: { in: [...new Set(reads.map((r) => r.userId))] } }, select: { id: true, name: true, council: { select: { name: true } } } })
  const byId = new Map(users.map((u) => [u.id, u]))
  return reads.map((r) => ({ name: byId.get(r.userId)?.name ?? 'Former member', council: byId.get(r.userId)?.council?.name ?? null, readAt: r.readAt }))
}

class SaveConflict extends Error {
  constructor(readonly current: Awaited<ReturnType<ReturnType<typeof db>['assessmentSection']['findUnique']>>) {
    super('save conflict')
  }
}

async function revisionClosed(revisionId: string) {
  const r = await db().assessmentRevision.findUnique({ where: { id: revisionId }, select: { status: true } })
  return r?.status === 'signed_off' || r?.status === 'shared'
}

/** What the section editor needs, or why the person cannot edit it. */
export async function sectionForEditing(actor: Actor, assessmentId: string, key: string) {
  const opened = await openForEditing(actor, assessmentId, key)
  if (!opened.ok) return opened
  const { a, section } = opened
  const stored = await db().assessmentSection.findUnique({ where: { revisionId_key: { revisionId: a.latest.id, key } } })
  return {
    ok: true as const,
    assessment: { id: a.id, year: a.year, council: a.council, status: a.latest.status, revision: a.latest.number },
    template: a.template,
    section,
    content: (stored?.content ?? {}) as SectionContent,
    // A new revision starts as a copy, versions included, so this stays the base either way.
    version: stored?.version ?? 0,
    startsNewRevision: a.latest.status === 'signed_off' || a.latest.status === 'shared',
  }
}

/**
 * Two revisions side by side, for the council's own people (readers outside only ever
 * see the shared revision, so they have nothing to compare). Without numbers: the
 * newest against the one before it.
 */
export async function compareForCouncil(actor: Actor, assessmentId: string, from?: number, to?: number) {
  const a = await loadAssessment(assessmentId)
  if (!a || !can(actor, 'view_drafts', resourceOf(a))) return null
  const numbers = a.revisions.map((r) => r.number)
  const after = to !== undefined && numbers.includes(to) ? to : numbers[0]
  const before = from !== undefined && numbers.includes(from) ? from : (numbers.find((n) => n < after) ?? after)
  const revisions = a.revisions.filter((r) => r.number === before || r.number === after)
  const sections = await db().assessmentSection.findMany({ where: { revisionId: { in: revisions.map((r) => r.id) } }, select: { revisionId: true, key: true, text: true, content: true } })
  const snapshot = (number: number): SectionSnapshot[] => {
    const revisionId = revisions.find((r) => r.number === number)!.id
    const stored = new Map(sections.filter((s) => s.revisionId === revisionId).map((s) => [s.key, s]))
    return activeSections(a.template).map((s) => ({
      key: s.key,
      title: s.title,
      text: stored.get(s.key)?.text ?? '',
      rating: s.kind === 'journey' ? (((stored.get(s.key)?.content as { rating?: string } | undefined)?.rating ?? null) as string | null) : null,
    }))
  }
  return {
    assessment: { id: a.id, year: a.year, council: a.council.name },
    revisions: a.revisions.map((r) => ({ number: r.number, status: r.status })),
    from: before,
    to: after,
    diff: compareRevisions(snapshot(before), snapshot(after)),
  }
}
