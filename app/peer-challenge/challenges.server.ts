import { db } from '~/services.server'
import { can, type Actor, type ChallengeFacts } from '~/policy/policy'
import { Prisma } from '~/generated/prisma/client'
import { renderRichText } from '~/rich-text/render.server'
import { openAssessment } from '~/self-assessment/assessments.server'
import type { FormFields } from '~/self-assessment/section-form'
import { THEMES } from '~/self-assessment/template'
import { LIMITS, readActionForm, readFindingForm, readMeetingForm, readReportForm, readReviewForm } from './challenge-form'
import { isReportScope, reportTransition, type ReportEvent, type ReportScope, type ReportStatus } from './report'
import { addMonths } from './timetable'
import { fail, invalid, type Failure } from './failure'
import { DUE_SOON_DAYS } from './stage'

// One council's challenge on the server: its page, the meeting date, findings, actions,
// the report's life and the six-month review. Every function asks the policy; a refusal
// or bad input returns a Failure and writes nothing.

export type Done = { ok: true }
const done: Done = { ok: true }

const challengeInclude = {
  cycle: { select: { id: true, year: true, regionId: true, model: true, status: true, windowOpens: true, windowCloses: true, region: { select: { name: true, slug: true } } } },
  group: { select: { id: true, number: true, hostCouncilId: true, spaceId: true, members: { select: { council: { select: { id: true, name: true, slug: true } } } } } },
  hostCouncil: { select: { id: true, name: true, slug: true } },
  findings: { orderBy: { createdAt: 'asc' as const } },
  actions: { orderBy: [{ dueDate: 'asc' as const }, { createdAt: 'asc' as const }] },
} satisfies Prisma.ChallengeInclude

export type ChallengeRow = Prisma.ChallengeGetPayload<{ include: typeof challengeInclude }>

export async function findChallenge(id: string): Promise<ChallengeRow | null> {
  if (!/^[a-z0-9]{1,40}$/.test(id)) return null
  return db().challenge.findUnique({ where: { id }, include: challengeInclude })
}

type FactsSource = {
  hostCouncilId: string
  reportStatus: ChallengeFacts['reportStatus']
  reportScope: ChallengeFacts['reportScope']
  cycle: { regionId: string }
  group: { members: { council: { id: string } }[] }
}

export const challengeFacts = (c: FactsSource): ChallengeFacts => ({
  kind: 'challenge',
  regionId: c.cycle.regionId,
  hostCouncilId: c.hostCouncilId,
  groupCouncilIds: c.group.members.map((m) => m.council.id),
  reportStatus: c.reportStatus,
  reportScope: c.reportScope,
})

/** The challenge if this person may see it; a 404 otherwise, so outsiders learn nothing. */
async function visibleChallenge(actor: Actor, id: string): Promise<{ ok: true; c: ChallengeRow; facts: ChallengeFacts } | Failure> {
  const c = await findChallenge(id)
  if (!c) return fail(404, 'Challenge not found')
  const facts = challengeFacts(c)
  if (!can(actor, 'view', facts)) return fail(404, 'Challenge not found')
  return { ok: true, c, facts }
}

const themeLabel = (key: string) => THEMES.find((t) => t.key === key)?.label ?? key

/** The host's top three, from its self-assessment of the cycle year, if this person may read it. */
async function focusFor(actor: Actor, hostCouncilId: string, year: number) {
  const assessment = await db().selfAssessment.findUnique({ where: { councilId_year: { councilId: hostCouncilId, year } }, select: { id: true } })
  if (!assessment) return { state: 'not_started' as const }
  const opened = await openAssessment(actor, assessment.id)
  if (!opened) return { state: 'not_shared' as const }
  const section = opened.sections.find((s) => s.key === 'top_three')
  const challenges = ((section?.content as { challenges?: { theme?: string; whatGoodLooksLike?: string; supportWelcome?: string }[] } | undefined)?.challenges ?? []).map((ch) => ({
    theme: ch.theme ? themeLabel(ch.theme) : 'No theme yet',
    whatGoodLooksLike: ch.whatGoodLooksLike ?? '',
    supportWelcome: ch.supportWelcome ?? '',
  }))
  return { state: 'readable' as const, assessmentId: assessment.id, revision: opened.revision.number, challenges }
}

export async function challengePage(actor: Actor, id: string) {
  const found = await visibleChallenge(actor, id)
  if (!found.ok) return found
  const { c, facts } = found
  const space = c.group.spaceId ? await db().space.findUnique({ where: { id: c.group.spaceId }, select: { slug: true, name: true, scope: true, regionId: true, councils: { select: { councilId: true } } } }) : null
  const spaceReadable =
    space && can(actor, 'view', { kind: 'space', id: c.group.spaceId!, scope: space.scope, regionId: space.regionId, memberCouncilIds: space.councils.map((m) => m.councilId) })
  const names = await db().user.findMany({
    where: { id: { in: [c.reportAgreedById, c.reportPublishedById, c.reviewedById].filter((x): x is string => !!x) } },
    select: { id: true, name: true },
  })
  const nameOf = (userId: string | null) => names.find((n) => n.id === userId)?.name ?? null
  return {
    ok: true as const,
    challenge: {
      id: c.id,
      cycle: { id: c.cycle.id, year: c.cycle.year, model: c.cycle.model, region: c.cycle.region },
      host: c.hostCouncil,
      challengers: c.group.members.map((m) => m.council).filter((m) => m.id !== c.hostCouncilId).sort((a, b) => a.name.localeCompare(b.name)),
      meetingDate: c.meetingDate,
      reviewDueAt: c.reviewDueAt,
      reviewedAt: c.reviewedAt,
      reviewedBy: nameOf(c.reviewedById),
      /** Due within the reminders' fortnight (or overdue), and not yet done. */
      reviewNear: !c.reviewedAt && !!c.reviewDueAt && c.reviewDueAt.getTime() - Date.now() <= DUE_SOON_DAYS * 86_400_000,
      findings: c.findings.map((f) => ({ id: f.id, theme: f.theme, themeLabel: themeLabel(f.theme), text: f.text })),
      actions: c.actions.map((a) => ({ id: a.id, title: a.title, owner: a.owner, dueDate: a.dueDate, rating: a.rating, ratingNote: a.ratingNote, ratedAt: a.ratedAt })),
      report: {
        status: c.reportStatus,
        scope: c.reportScope,
        html: c.reportHtml,
        json: c.reportContent ? JSON.stringify(c.reportContent) : '',
        text: c.reportText,
        agreedAt: c.reportAgreedAt,
        agreedBy: nameOf(c.reportAgreedById),
        publishedAt: c.reportPublishedAt,
        publishedBy: nameOf(c.reportPublishedById),
      },
      space: spaceReadable ? { slug: space.slug, name: space.name } : null,
    },
    focus: await focusFor(actor, c.hostCouncilId, c.cycle.year),
    may: {
      edit: can(actor, 'edit', facts),
      agree: can(actor, 'agree', facts) && c.reportStatus === 'draft' && !!c.reportText.trim(),
      sendBack: can(actor, 'agree', facts) && c.reportStatus === 'agreed',
      publish: can(actor, 'publish', facts) && c.reportStatus === 'agreed',
      review: can(actor, 'review', facts) && !!c.meetingDate && c.meetingDate.getTime() <= Date.now() && c.actions.length > 0,
    },
  }
}

/** Loads the challenge for a change: seen, allowed, and not yet published (unless `published` is fine). */
async function forChange(actor: Actor, id: string, action: 'edit' | 'agree' | 'publish' | 'review'): Promise<{ ok: true; c: ChallengeRow } | Failure> {
  const found = await visibleChallenge(actor, id)
  if (!found.ok) return found
  if (!can(actor, action, found.facts)) {
    if (action === 'edit' && found.c.reportStatus !== 'draft' && can(actor, 'edit', { ...found.facts, reportStatus: 'draft' }))
      return fail(409, found.c.reportStatus === 'published' ? 'The report is published: the challenge can no longer be changed' : 'The host has agreed the report. Ask them to send it back for changes first.')
    return fail(403, 'You cannot do that on this challenge')
  }
  return { ok: true, c: found.c }
}

/** Runs a change only while the report is still a draft (a concurrent agree wins): false if it no longer is. */
async function whileDraft(id: string, change: (tx: Prisma.TransactionClient) => Promise<unknown>): Promise<boolean> {
  return db().$transaction(async (tx) => {
    // Taking the row lock first: an agree or publish waits for this change, or this waits for it.
    const { count } = await tx.challenge.updateMany({ where: { id, reportStatus: 'draft' }, data: { updatedAt: new Date() } })
    if (!count) return false
    await change(tx)
    return true
  })
}
const noLongerDraft = () => fail(409, 'The host agreed the report just now: the challenge can no longer be changed. Reload the page.')

const asFields = (entries: FormFields) => Object.fromEntries([...entries].filter(([, v]) => typeof v === 'string')) as Record<string, string>

export async function setMeeting(actor: Actor, id: string, entries: FormFields): Promise<Done | Failure> {
  const found = await forChange(actor, id, 'edit')
  if (!found.ok) return found
  const read = readMeetingForm(asFields(entries), { opens: found.c.cycle.windowOpens, closes: found.c.cycle.windowCloses })
  if (!read.ok) return invalid(read.errors)
  const changed = await whileDraft(id, async (tx) => {
    // The six-month review is due six months after the meeting; moving the meeting moves it,
    // and the reminders already sent were for the old date.
    await tx.challenge.update({ where: { id }, data: { meetingDate: read.value.meetingDate, reviewDueAt: addMonths(read.value.meetingDate, 6) } })
    await tx.challengeReminder.deleteMany({ where: { challengeId: id } })
  })
  return changed ? done : noLongerDraft()
}

export async function addFinding(actor: Actor, id: string, entries: FormFields): Promise<Done | Failure> {
  const found = await forChange(actor, id, 'edit')
  if (!found.ok) return found
  const read = readFindingForm(asFields(entries))
  if (!read.ok) return invalid(read.errors)
  if (found.c.findings.length >= LIMITS.findings) return invalid({ finding: `A challenge can have at most ${LIMITS.findings} findings` })
  const changed = await whileDraft(id, (tx) => tx.challengeFinding.create({ data: { challengeId: id, theme: read.value.theme, text: read.value.text, createdById: actor.id } }))
  return changed ? done : noLongerDraft()
}

/** Removes one finding or action of this challenge (an id from another challenge is not found). */
export async function removeEntry(actor: Actor, id: string, kind: 'finding' | 'action', entryId: string): Promise<Done | Failure> {
  const found = await forChange(actor, id, 'edit')
  if (!found.ok) return found
  const where = { id: String(entryId), challengeId: id }
  let count = 0
  const changed = await whileDraft(id, async (tx) => ({ count } = kind === 'finding' ? await tx.challengeFinding.deleteMany({ where }) : await tx.challengeAction.deleteMany({ where })))
  return !changed ? noLongerDraft() : count ? done : fail(404, kind === 'finding' ? 'Finding not found' : 'Action not found')
}

export async function addAction(actor: Actor, id: string, entries: FormFields): Promise<Done | Failure> {
  const found = await forChange(actor, id, 'edit')
  if (!found.ok) return found
  const read = readActionForm(asFields(entries))
  if (!read.ok) return invalid(read.errors)
  if (found.c.actions.length >= LIMITS.actions) return invalid({ title: `A challenge can have at most ${LIMITS.actions} actions` })
  const changed = await whileDraft(id, (tx) => tx.challengeAction.create({ data: { challengeId: id, ...read.value, createdById: actor.id } }))
  return changed ? done : noLongerDraft()
}

export async function saveReport(actor: Actor, id: string, entries: FormFields): Promise<Done | Failure> {
  const found = await forChange(actor, id, 'edit')
  if (!found.ok) return found
  const read = readReportForm(entries)
  if (!read.ok) return invalid(read.errors)
  const value = read.value
  // Only while a draft, in the same statement: agreed means agreed.
  const { count } = await db().challenge.updateMany({
    where: { id, reportStatus: 'draft' },
    data: value
      ? { reportContent: value.doc as unknown as Prisma.InputJsonValue, reportHtml: renderRichText(value.doc), reportText: value.text }
      : { reportContent: Prisma.DbNull, reportHtml: '', reportText: '' },
  })
  return count ? done : noLongerDraft()
}

/** Agree, send back or publish the report. Publishing needs a scope. */
export async function moveReport(actor: Actor, id: string, event: ReportEvent, scope?: unknown): Promise<Done | Failure> {
  const found = await forChange(actor, id, event === 'publish' ? 'publish' : 'agree')
  if (!found.ok) return found
  const c = found.c
  const step = reportTransition(c.reportStatus as ReportStatus, event, c.reportText)
  if (!step.ok) return fail(409, step.message)
  if (event === 'publish' && !isReportScope(scope)) return invalid({ scope: 'Choose who can read the published report' })
  const now = new Date()
  const data: Prisma.ChallengeUpdateManyMutationInput =
    event === 'agree'
      ? { reportStatus: 'agreed', reportAgreedAt: now, reportAgreedById: actor.id }
      : event === 'send_back'
        ? { reportStatus: 'draft', reportAgreedAt: null, reportAgreedById: null }
        : { reportStatus: 'published', reportScope: scope as ReportScope, reportPublishedAt: now, reportPublishedById: actor.id }
  // Only from the status it was read in: two clicks at once move it once.
  const { count } = await db().challenge.updateMany({ where: { id, reportStatus: c.reportStatus }, data })
  return count ? done : fail(409, 'Someone else changed the report just now. Reload the page.')
}

class ActionsChanged extends Error {}

/** The six-month review: each action rated, with a note where it is at risk or off track. */
export async function saveReview(actor: Actor, id: string, entries: FormFields): Promise<Done | Failure> {
  const found = await forChange(actor, id, 'review')
  if (!found.ok) return found
  const c = found.c
  if (!c.meetingDate || c.meetingDate.getTime() > Date.now()) return fail(409, 'The review comes after the challenge meeting')
  const read = readReviewForm(asFields(entries), c.actions.map((a) => a.id))
  if (!read.ok) return invalid(read.errors)
  const now = new Date()
  const rated = await db().$transaction(async (tx) => {
    for (const e of read.value) {
      const { count } = await tx.challengeAction.updateMany({ where: { id: e.actionId, challengeId: id }, data: { rating: e.rating, ratingNote: e.note, ratedAt: now, ratedById: actor.id } })
      if (!count) throw new ActionsChanged()
    }
    await tx.challenge.update({ where: { id }, data: { reviewedAt: now, reviewedById: actor.id } })
    return true
  }).catch((error) => {
    if (error instanceof ActionsChanged) return false
    throw error
  })
  return rated ? done : fail(409, 'The actions changed while you were rating them. Reload the page and try again.')
}

/** The challenges a council hosted that this person may open, newest first. */
export async function councilChallenges(actor: Actor, councilId: string) {
  const rows = await db().challenge.findMany({
    where: { hostCouncilId: councilId, cycle: { status: 'published' } },
    select: { id: true, hostCouncilId: true, reportStatus: true, reportScope: true, cycle: { select: { year: true, regionId: true } }, group: { select: { members: { select: { council: { select: { id: true } } } } } } },
    orderBy: { cycle: { year: 'desc' } },
  })
  return rows.filter((c) => can(actor, 'view', challengeFacts(c))).map((c) => ({ id: c.id, year: c.cycle.year, reportStatus: c.reportStatus }))
}
