import { z } from 'zod'
import { isTheme } from './template'

// A council's top three challenges: exactly three, each with a theme from the fixed
// list, what good would look like, and the support the council would welcome. The
// pairing engine matches councils on these themes.

const text = (what: string) =>
  z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(2000, `${what[0].toUpperCase()}${what.slice(1)} must be 2,000 characters or fewer`)

export const challengeSchema = z.object({
  theme: z.string({ error: 'Select a theme' }).refine(isTheme, 'Select a theme from the list'),
  whatGoodLooksLike: text('what good would look like'),
  supportWelcome: text('the support you would welcome'),
})
export type Challenge = z.infer<typeof challengeSchema>

export const topThreeSchema = z
  .array(challengeSchema)
  .length(3, 'Give exactly three challenges')
  .refine((cs) => new Set(cs.map((c) => c.theme)).size === cs.length, 'Choose a different theme for each challenge')

export type TopThreeCheck = { ok: true; challenges: Challenge[] } | { ok: false; errors: Record<string, string> }

/** Errors are keyed like form fields: `challenges[1].theme`, or `challenges` for the set. */
export function checkTopThree(input: unknown): TopThreeCheck {
  const parsed = topThreeSchema.safeParse(input)
  if (parsed.success) return { ok: true, challenges: parsed.data }
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const [index, field] = issue.path
    const key = typeof index === 'number' && field ? `challenges[${index}].${String(field)}` : 'challenges'
    errors[key] ??= issue.message
  }
  return { ok: false, errors }
}
