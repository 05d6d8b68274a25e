import { THEMES } from '~/self-assessment/template'
import type { ActionRating } from './challenge-form'

// Collective lessons of a cycle: across all the challenges a person may read, which themes
// councils named in their top three, what the challengers found under each, and how the
// agreed actions stand. Pure, so the page, the print view and the CSV say the same.

export type LessonsChallenge = {
  hostName: string
  focusThemes: readonly string[]
  findings: readonly { theme: string; text: string }[]
  actionRatings: readonly (ActionRating | null)[]
}

export type ThemeLesson = {
  theme: string
  label: string
  /** Councils that named it in their top three. */
  inTopThree: string[]
  /** Challenges with findings under it. */
  foundIn: string[]
  findings: { council: string; text: string }[]
}

export type Lessons = {
  challenges: number
  themes: ThemeLesson[]
  actions: Record<ActionRating | 'not_rated', number>
}

const labelOf = (key: string) => THEMES.find((t) => t.key === key)?.label ?? key

export function collectiveLessons(challenges: readonly LessonsChallenge[]): Lessons {
  const byTheme = new Map<string, ThemeLesson>()
  const lesson = (theme: string) => {
    let l = byTheme.get(theme)
    if (!l) byTheme.set(theme, (l = { theme, label: labelOf(theme), inTopThree: [], foundIn: [], findings: [] }))
    return l
  }
  const actions: Lessons['actions'] = { on_track: 0, at_risk: 0, off_track: 0, done: 0, not_rated: 0 }
  for (const c of challenges) {
    for (const theme of new Set(c.focusThemes)) lesson(theme).inTopThree.push(c.hostName)
    for (const f of c.findings) {
      const l = lesson(f.theme)
      if (!l.foundIn.includes(c.hostName)) l.foundIn.push(c.hostName)
      l.findings.push({ council: c.hostName, text: f.text })
    }
    for (const r of c.actionRatings) actions[r ?? 'not_rated']++
  }
  // Common lessons first: the themes most councils share, in top threes and findings alike.
  const weight = (l: ThemeLesson) => new Set([...l.inTopThree, ...l.foundIn]).size
  const themes = [...byTheme.values()].sort((a, b) => weight(b) - weight(a) || b.findings.length - a.findings.length || a.label.localeCompare(b.label))
  for (const l of themes) {
    l.inTopThree.sort((a, b) => a.localeCompare(b))
    l.foundIn.sort((a, b) => a.localeCompare(b))
  }
  return { challenges: challenges.length, themes, actions }
}

/** A spreadsheet cell: quoted, and never read as a formula (CSV injection). */
export function csvCell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvRow = (cells: (string | number)[]) => cells.map(csvCell).join(',')

/** One row per theme, then one row per finding, under a header naming the cycle. */
export function lessonsCsv(lessons: Lessons): string {
  const rows = [csvRow(['Theme', 'Councils with it in their top three', 'Count in top three', 'Challenges with findings', 'Findings', 'Council', 'Finding'])]
  for (const l of lessons.themes) {
    rows.push(csvRow([l.label, l.inTopThree.join('; '), l.inTopThree.length, l.foundIn.length, l.findings.length, '', '']))
    for (const f of l.findings) rows.push(csvRow([l.label, '', '', '', '', f.council, f.text]))
  }
  // A byte-order mark so that Excel opens the file as UTF-8.
  return `\uFEFF${rows.join('\r\n')}\r\n`
}
