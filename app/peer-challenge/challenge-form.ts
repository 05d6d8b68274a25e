import { z } from 'zod'
import { isTheme } from '~/self-assessment/template'
import { checkRichText, type RichTextDoc } from '~/rich-text/document'
import { readDoc, type FormFields } from '~/self-assessment/section-form'
import { parseDay } from './timetable'

// The small forms on a challenge page: the meeting date, a finding, an action, and the
// six-month review. Pure: each reads form fields to checked values or errors by field.

export const ACTION_RATINGS = ['on_track', 'at_risk', 'off_track', 'done'] as const
export type ActionRating = (typeof ACTION_RATINGS)[number]
export const RATING_LABELS: Record<ActionRating, { label: string; colour: 'green' | 'yellow' | 'red' | 'blue' }> = {
  on_track: { label: 'On track', colour: 'green' },
  at_risk: { label: 'At risk', colour: 'yellow' },
  off_track: { label: 'Off track', colour: 'red' },
  done: { label: 'Done', colour: 'blue' },
}

export const LIMITS = { finding: 2000, actionTitle: 300, owner: 120, note: 2000, findings: 30, actions: 30, reportText: 30_000, field: 600_000 } as const

type Read<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> }
const errorsOf = (error: z.ZodError) => {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) errors[issue.path.map(String).join('.') || 'form'] ??= issue.message
  return errors
}
const text = (what: string, max: number) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(max, `${what[0].toUpperCase()}${what.slice(1)} must be ${max.toLocaleString('en-GB')} characters or fewer`)
const day = (what: string) => z.unknown().transform((v, ctx) => parseDay(v) ?? (ctx.addIssue({ code: 'custom', message: `Enter ${what} as a date, like 2027-03-15` }), z.NEVER))

const meetingSchema = z.object({ meetingDate: day('the meeting date') })
export function readMeetingForm(fields: Record<string, unknown>, window: { opens: Date; closes: Date }): Read<{ meetingDate: Date }> {
  const parsed = meetingSchema.safeParse(fields)
  if (!parsed.success) return { ok: false, errors: errorsOf(parsed.error) }
  // A meeting well outside the region's window is almost certainly a typing slip.
  const earliest = new Date(window.opens.getTime() - 90 * 86_400_000)
  const latest = new Date(window.closes.getTime() + 180 * 86_400_000)
  if (parsed.data.meetingDate < earliest || parsed.data.meetingDate > latest) return { ok: false, errors: { meetingDate: 'The meeting date must be near the cycle’s challenge window' } }
  return { ok: true, value: parsed.data }
}

const findingSchema = z.object({
  theme: z.string({ error: 'Select a theme' }).refine(isTheme, 'Select a theme from the list'),
  finding: text('the finding', LIMITS.finding),
})
export function readFindingForm(fields: Record<string, unknown>): Read<{ theme: string; text: string }> {
  const parsed = findingSchema.safeParse(fields)
  return parsed.success ? { ok: true, value: { theme: parsed.data.theme, text: parsed.data.finding } } : { ok: false, errors: errorsOf(parsed.error) }
}

const actionSchema = z.object({
  title: text('the action', LIMITS.actionTitle),
  owner: text('who owns the action', LIMITS.owner),
  dueDate: day('the due date'),
})
export function readActionForm(fields: Record<string, unknown>): Read<{ title: string; owner: string; dueDate: Date }> {
  const parsed = actionSchema.safeParse(fields)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: errorsOf(parsed.error) }
}

export type ReviewEntry = { actionId: string; rating: ActionRating; note: string }
/**
 * The review form names each action's fields `rating-<id>` and `note-<id>`. Every action
 * must be rated; a note is required unless the action is on track or done.
 */
export function readReviewForm(fields: Record<string, unknown>, actionIds: readonly string[]): Read<ReviewEntry[]> {
  const errors: Record<string, string> = {}
  const entries: ReviewEntry[] = []
  if (!actionIds.length) return { ok: false, errors: { form: 'Agree at least one action before the review' } }
  for (const id of actionIds) {
    const rating = ACTION_RATINGS.find((r) => r === fields[`rating-${id}`])
    const note = typeof fields[`note-${id}`] === 'string' ? String(fields[`note-${id}`]).trim() : ''
    if (!rating) errors[`rating-${id}`] = 'Choose on track, at risk, off track or done'
    else if (note.length > LIMITS.note) errors[`note-${id}`] = `The note must be ${LIMITS.note.toLocaleString('en-GB')} characters or fewer`
    else if (!note && (rating === 'at_risk' || rating === 'off_track')) errors[`note-${id}`] = 'Say why the action is at risk or off track, and what happens next'
    else entries.push({ actionId: id, rating, note })
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: entries }
}

/** The report or letter: a rich-text field named `report` (empty clears it). */
export function readReportForm(entries: FormFields): Read<{ doc: RichTextDoc; text: string } | null> {
  const fields = new Map<string, string>()
  for (const [name, value] of entries) {
    if (typeof value !== 'string' || value.length > LIMITS.field) return { ok: false, errors: { 'report-text': 'The report is too long. Shorten it and try again.' } }
    fields.set(name, value)
  }
  const read = readDoc(fields, 'report')
  if (!read.ok) return { ok: false, errors: { 'report-text': read.error } }
  if (read.doc === undefined) return { ok: true, value: null }
  const check = checkRichText(read.doc)
  if (!check.ok) return { ok: false, errors: { 'report-text': check.error } }
  if (check.text.length > LIMITS.reportText) return { ok: false, errors: { 'report-text': `The report must be ${LIMITS.reportText.toLocaleString('en-GB')} characters or fewer` } }
  return { ok: true, value: check.text.trim() ? { doc: check.doc, text: check.text } : null }
}
