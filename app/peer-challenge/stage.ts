import type { Timetable } from './timetable'
import type { ReportStatus } from './report'

// Where a council is in its region's cycle, and what is overdue: the cycle board's rules,
// in one pure function so that the board, the home page and the early-support flags agree.

export type AssessmentProgress = 'none' | 'draft' | 'ready_for_sign_off' | 'signed_off' | 'shared'

export type ChallengeProgress = {
  meetingDate: Date | null
  reportStatus: ReportStatus
  reviewDueAt: Date | null
  reviewedAt: Date | null
}

export type CouncilProgress = {
  assessment: AssessmentProgress
  cycleStatus: 'pairing' | 'published'
  /** In a group: proposed while pairing, final once published. */
  grouped: boolean
  /** Its own challenge; null for a panel member who only challenges this cycle. */
  challenge: ChallengeProgress | null
}

export type StageKey = 'self_assessment' | 'awaiting_groups' | 'challenger_only' | 'arrange_meeting' | 'meeting_booked' | 'report' | 'review' | 'complete'
export type Deadline = { key: 'self_assessment' | 'meeting' | 'review'; label: string; due: Date }
export type Stage = { key: StageKey; label: string; date: Date | null; overdue: Deadline[]; dueSoon: Deadline[] }

export const STAGE_ORDER: StageKey[] = ['self_assessment', 'awaiting_groups', 'challenger_only', 'arrange_meeting', 'meeting_booked', 'report', 'review', 'complete']
/** How the board counts councils at each stage. */
export const STAGE_COUNT_LABELS: Record<StageKey, string> = {
  self_assessment: 'self-assessment to finish',
  awaiting_groups: 'awaiting groups',
  challenger_only: 'challenging on a panel',
  arrange_meeting: 'meeting to arrange',
  meeting_booked: 'meeting booked',
  report: 'report to agree or publish',
  review: 'six-month review to come',
  complete: 'review done',
}
const DAY_MS = 86_400_000
/** Reminders go out a fortnight before a due date; the board flags it from then too. */
export const DUE_SOON_DAYS = 14

const ASSESSMENT_LABELS: Record<AssessmentProgress, string> = {
  none: 'Self-assessment not started',
  draft: 'Self-assessment in draft',
  ready_for_sign_off: 'Self-assessment ready for sign-off',
  signed_off: 'Self-assessment signed off',
  shared: 'Self-assessment shared',
}

const done = (a: AssessmentProgress) => a === 'signed_off' || a === 'shared'
/** Something due on a day is overdue from the start of the next day. */
const pastDue = (due: Date, now: Date) => now.getTime() >= due.getTime() + DAY_MS
const soon = (due: Date, now: Date) => !pastDue(due, now) && due.getTime() - now.getTime() <= DUE_SOON_DAYS * DAY_MS

export function councilStage(p: CouncilProgress, timetable: Timetable, now: Date): Stage {
  const deadlines: Deadline[] = []
  if (!done(p.assessment)) deadlines.push({ key: 'self_assessment', label: 'Self-assessment', due: timetable.assessmentsDue })
  const c = p.cycleStatus === 'published' ? p.challenge : null
  const held = !!c?.meetingDate && c.meetingDate.getTime() <= now.getTime()
  if (c && !held) deadlines.push({ key: 'meeting', label: 'Challenge meeting', due: c.meetingDate && c.meetingDate > timetable.windowCloses ? c.meetingDate : timetable.windowCloses })
  if (c?.reviewDueAt && !c.reviewedAt) deadlines.push({ key: 'review', label: 'Six-month review', due: c.reviewDueAt })
  const overdue = deadlines.filter((d) => pastDue(d.due, now))
  const dueSoon = deadlines.filter((d) => soon(d.due, now))
  const stage = (key: StageKey, label: string, date: Date | null = null): Stage => ({ key, label, date, overdue, dueSoon })

  // The stage is the furthest step reached; what is missing behind it shows as overdue.
  const assessing = !done(p.assessment)
  if (p.cycleStatus === 'pairing' || !p.grouped) return assessing ? stage('self_assessment', ASSESSMENT_LABELS[p.assessment]) : stage('awaiting_groups', p.cycleStatus === 'pairing' ? 'Awaiting groups' : 'Not in a group')
  if (!c) return stage('challenger_only', 'Challenging on a panel')
  if (!c.meetingDate) return assessing ? stage('self_assessment', ASSESSMENT_LABELS[p.assessment]) : stage('arrange_meeting', 'Challenge meeting to arrange')
  if (!held) return stage('meeting_booked', 'Challenge meeting booked', c.meetingDate)
  if (c.reportStatus !== 'published') return stage('report', c.reportStatus === 'agreed' ? 'Report agreed, to publish' : 'Report in draft')
  if (!c.reviewedAt) return stage('review', 'Six-month review', c.reviewDueAt)
  return stage('complete', 'Review done', c.reviewedAt)
}
