import { db, services } from '~/services.server'
import { can, type Actor, type RoleName } from '~/policy/policy'
import { publish } from '~/realtime/publish.server'
import { rooms } from '~/realtime/rooms'
import { sendEmail } from '~/email/mailer.server'
import { cycleLabel } from '~/self-assessment/cycle'
import { formatDay } from '~/utils/dates'
import { challengeFacts } from './challenges.server'
import { DUE_SOON_DAYS } from './stage'

// Six-month review reminders: in the bell and by email, a fortnight before the review is
// due and on the day. Checked hourly; the ChallengeReminder row is the claim, so a
// reminder goes out once however many instances run the schedule.

export type ReminderKind = 'review_soon' | 'review_due' | 'group_published'
const DAY_MS = 86_400_000

const LEADS: Record<ReminderKind, string> = {
  review_soon: 'Six-month review due in two weeks:',
  review_due: 'Six-month review due today:',
  group_published: 'Peer challenge groups published:',
}

const reminderSelect = {
  id: true,
  hostCouncilId: true,
  reportStatus: true,
  reportScope: true,
  reviewDueAt: true,
  reviewedAt: true,
  hostCouncil: { select: { name: true } },
  cycle: { select: { regionId: true, year: true, region: { select: { name: true } } } },
  group: { select: { members: { select: { council: { select: { id: true, name: true } } } } } },
} as const

/** Which reminder is due now for a review due on `due`: none, soon (a fortnight before) or due (on the day). */
export function reminderDue(due: Date, now: Date): ReminderKind | null {
  const dayStart = due.getTime()
  if (now.getTime() >= dayStart) return now.getTime() < dayStart + 7 * DAY_MS ? 'review_due' : null
  return now.getTime() >= dayStart - DUE_SOON_DAYS * DAY_MS ? 'review_soon' : null
}

/** Sends the reminders that are due. Safe to run as often as wanted. */
export async function sendReviewReminders(now = new Date()): Promise<{ sent: number }> {
  const { config, logger } = services()
  const candidates = await db().challenge.findMany({
    // A review rates the agreed actions: without any there is nothing to remind about.
    where: { reviewedAt: null, actions: { some: {} }, reviewDueAt: { not: null, lte: new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS), gte: new Date(now.getTime() - 7 * DAY_MS) } },
    select: reminderSelect,
  })
  let sent = 0
  for (const c of candidates) {
    const kind = reminderDue(c.reviewDueAt!, now)
    if (!kind) continue
    // The host's writers do the review: the policy says who they are.
    const people = await db().user.findMany({
      where: { councilId: c.hostCouncilId, disabledAt: null },
      select: { id: true, email: true, name: true, councilId: true, roles: { select: { role: true, regionId: true } } },
    })
    const facts = challengeFacts(c)
    const recipients = people.filter((p) => can({ id: p.id, councilId: p.councilId, councilRegionId: c.cycle.regionId, roles: p.roles.map((r) => ({ role: r.role as RoleName, regionId: r.regionId })) }, 'review', facts))
    // The claim and the bell's rows commit together: a failure leaves the reminder to the next run.
    const claimed = await db()
      .$transaction(async (tx) => {
        await tx.challengeReminder.create({ data: { challengeId: c.id, kind, sentAt: now } })
        if (recipients.length) await tx.notification.createMany({ data: recipients.map((p) => ({ userId: p.id, kind, challengeId: c.id })) })
        return true
      })
      .catch((error) => {
        if ((error as { code?: string }).code === 'P2002') return false
        throw error
      })
    if (!claimed || !recipients.length) continue
    for (const p of recipients) publish(rooms.user(p.id), 'notification', {})
    const link = new URL(`/challenges/${c.id}/review`, config.baseUrl)
    for (const p of recipients) {
      try {
        await sendEmail({
          to: p.email,
          subject: `${kind === 'review_due' ? 'Due today' : 'Due in two weeks'}: ${c.hostCouncil.name}’s six-month review`,
          text: [
            `Hello ${p.name},`,
            '',
            `${c.hostCouncil.name}’s six-month peer-challenge review (${c.cycle.region.name}, ${cycleLabel(c.cycle.year)}) is due on ${formatDay(c.reviewDueAt)}.`,
            'Rate each agreed action as on track, at risk, off track or done, with a note where it is at risk or off track.',
            '',
            `Record the review: ${link}`,
            '',
            `You get this email because you can record ${c.hostCouncil.name}’s review on the Improvement Hub.`,
          ].join('\n'),
        })
        await db().notification.updateMany({ where: { userId: p.id, challengeId: c.id, kind }, data: { emailedAt: now } })
      } catch (error) {
        logger.error('review reminder email failed', { error, userId: p.id, challengeId: c.id })
      }
    }
    sent++
  }
  return { sent }
}

type ReminderRow = { id: string; kind: ReminderKind; challengeId: string; createdAt: Date; read: boolean }

/** Bell items for reminder notifications, re-checked against the policy. Keyed by notification id. */
export async function reminderItems(user: Actor, rows: ReminderRow[]) {
  const out = new Map<string, { id: string; kind: ReminderKind; lead: string; title: string; href: string; context: string; excerpt: string; createdAt: string; read: boolean }[]>()
  if (!rows.length) return out
  const challenges = new Map(
    (await db().challenge.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.challengeId))] } }, select: reminderSelect })).map((c) => [c.id, c]),
  )
  for (const r of rows) {
    const c = challenges.get(r.challengeId)
    if (!c || !can(user, 'view', challengeFacts(c))) continue
    out.set(r.id, [
      {
        id: r.id,
        kind: r.kind,
        lead: LEADS[r.kind],
        title: `${c.hostCouncil.name}’s peer challenge`,
        href: r.kind === 'group_published' || c.reviewedAt ? `/challenges/${c.id}` : `/challenges/${c.id}/review`,
        context: `${c.cycle.region.name} · ${cycleLabel(c.cycle.year)}`,
        excerpt:
          r.kind === 'group_published'
            ? `Challengers: ${c.group.members.filter((m) => m.council.id !== c.hostCouncilId).map((m) => m.council.name).sort((a, b) => a.localeCompare(b)).join(', ')}`
            : c.reviewedAt
              ? 'The review has been done.'
              : `Due ${formatDay(c.reviewDueAt)}`,
        createdAt: r.createdAt.toISOString(),
        read: r.read,
      },
    ])
  }
  return out
}

/**
 * Tells the people of each council in a newly published cycle about their group: one bell
 * item per person, pointing at their council's challenge (or, for a panel challenger, the
 * challenge they sit on), for those the policy lets open it.
 */
export async function notifyGroupsPublished(cycleId: string) {
  const challenges = await db().challenge.findMany({ where: { cycleId }, select: { ...reminderSelect } })
  const councilIds = [...new Set(challenges.flatMap((c) => c.group.members.map((m) => m.council.id)))]
  const people = await db().user.findMany({
    where: { councilId: { in: councilIds }, disabledAt: null },
    select: { id: true, councilId: true, roles: { select: { role: true, regionId: true } } },
  })
  const rows: { userId: string; kind: 'group_published'; challengeId: string }[] = []
  for (const p of people) {
    // Their own council's challenge, else the one whose group they are in.
    const c = challenges.find((x) => x.hostCouncilId === p.councilId) ?? challenges.find((x) => x.group.members.some((m) => m.council.id === p.councilId))
    if (!c) continue
    const actor = { id: p.id, councilId: p.councilId, councilRegionId: c.cycle.regionId, roles: p.roles.map((r) => ({ role: r.role as RoleName, regionId: r.regionId })) }
    if (can(actor, 'view', challengeFacts(c))) rows.push({ userId: p.id, kind: 'group_published', challengeId: c.id })
  }
  if (rows.length) await db().notification.createMany({ data: rows })
  for (const r of rows) publish(rooms.user(r.userId), 'notification', {})
  return { notified: rows.length }
}
