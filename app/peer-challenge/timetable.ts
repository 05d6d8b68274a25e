import { z } from 'zod'

// A cycle's timetable and who takes part, as the region lead enters them. Pure: the
// form reads to checked values or to errors keyed by field, and nothing else.

export const CYCLE_MODEL_KEYS = ['pairs', 'triads', 'panel'] as const
export type CycleModelKey = (typeof CYCLE_MODEL_KEYS)[number]

export const MODEL_LABELS: Record<CycleModelKey, { label: string; hint: string }> = {
  pairs: { label: 'Pairs', hint: 'Two councils challenge each other; one triad when the number is odd.' },
  triads: { label: 'Triads', hint: 'Three councils challenge each other; a group of four or a pair takes up the rest.' },
  panel: { label: 'Panel', hint: 'A host council is challenged by a panel of two to four others.' },
}

/** The fewest councils a model can group. */
export const MINIMUM_COUNCILS: Record<CycleModelKey, number> = { pairs: 2, triads: 2, panel: 3 }

export const TIMETABLE_FIELDS = ['assessmentsDue', 'windowOpens', 'windowCloses', 'reviewsDue'] as const
export type TimetableField = (typeof TIMETABLE_FIELDS)[number]
export type Timetable = Record<TimetableField, Date>

export const TIMETABLE_LABELS: Record<TimetableField, string> = {
  assessmentsDue: 'Self-assessments due',
  windowOpens: 'Challenge window opens',
  windowCloses: 'Challenge window closes',
  reviewsDue: 'Six-month reviews due',
}

const DAY_MS = 24 * 60 * 60 * 1000

/** A date as the form shows it: 2026-11-30. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** 2026-11-30 as midnight UTC, or null when it is not a real day. */
export function parseDay(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return null
  const d = new Date(`${value.trim()}T00:00:00.000Z`)
  return Number.isNaN(d.getTime()) || isoDay(d) !== value.trim() ? null : d
}

/** Six calendar months after a day (the six-month review), clamped to the month's end. */
export function addMonths(d: Date, months: number): Date {
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay)))
}

export const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY_MS)

/** The usual timetable for the cycle that starts in September of `year`. */
export function defaultTimetable(year: number): Timetable {
  return {
    assessmentsDue: new Date(Date.UTC(year, 10, 30)),
    windowOpens: new Date(Date.UTC(year + 1, 0, 5)),
    windowCloses: new Date(Date.UTC(year + 1, 2, 31)),
    reviewsDue: new Date(Date.UTC(year + 1, 8, 30)),
  }
}

export type CycleForm = { year: number; model: CycleModelKey; timetable: Timetable; councilIds: string[] }
export type CycleFormRead = { ok: true; value: CycleForm } | { ok: false; errors: Record<string, string> }

const yearSchema = z.coerce.number({ error: 'Enter the cycle year' }).refine((n) => !Number.isNaN(n), 'Enter the cycle year').int('Enter the cycle year as a number, like 2026').min(2020, 'The year must be 2020 or later').max(2100, 'The year must be 2100 or earlier')

/** Checks the timetable on its own: real days, in order, within the cycle's years. */
export function checkTimetable(input: Record<TimetableField, unknown>, year: number): { ok: true; value: Timetable } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const value = {} as Timetable
  for (const field of TIMETABLE_FIELDS) {
    const day = parseDay(input[field])
    if (!day) errors[field] = `Enter the date ${TIMETABLE_LABELS[field].toLowerCase()}, like ${year}-11-30`
    else if (day.getUTCFullYear() < year || day.getUTCFullYear() > year + 2) errors[field] = `${TIMETABLE_LABELS[field]} must fall between ${year} and ${year + 2}`
    else value[field] = day
  }
  if (Object.keys(errors).length) return { ok: false, errors }
  if (value.windowOpens < value.assessmentsDue) errors.windowOpens = 'The challenge window must open on or after the day self-assessments are due'
  if (value.windowCloses < value.windowOpens) errors.windowCloses = 'The challenge window must close on or after the day it opens'
  if (value.reviewsDue <= value.windowCloses) errors.reviewsDue = 'Reviews must be due after the challenge window closes'
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value }
}

/** Reads the "open a cycle" form. `regionCouncilIds` are the councils that may take part. */
export function readCycleForm(fields: { year?: unknown; model?: unknown; councils?: unknown[] } & Partial<Record<TimetableField, unknown>>, regionCouncilIds: readonly string[]): CycleFormRead {
  const errors: Record<string, string> = {}
  const year = yearSchema.safeParse(typeof fields.year === 'string' && !fields.year.trim() ? undefined : fields.year)
  if (!year.success) errors.year = year.error.issues[0].message
  const model = CYCLE_MODEL_KEYS.find((m) => m === fields.model)
  if (!model) errors.model = 'Choose pairs, triads or a panel'
  const known = new Set(regionCouncilIds)
  const councilIds = [...new Set((fields.councils ?? []).map(String))]
  if (councilIds.some((id) => !known.has(id))) errors.councils = 'Choose councils of this region'
  else if (model && councilIds.length < MINIMUM_COUNCILS[model]) errors.councils = `Choose at least ${MINIMUM_COUNCILS[model]} councils to take part`
  const timetable = year.success ? checkTimetable(fields as Record<TimetableField, unknown>, year.data) : null
  if (timetable && !timetable.ok) Object.assign(errors, timetable.errors)
  if (Object.keys(errors).length || !year.success || !model || !timetable?.ok) return { ok: false, errors }
  return { ok: true, value: { year: year.data, model, timetable: timetable.value, councilIds } }
}
