import { THEMES, type ThemeKey } from '~/self-assessment/template'

// What a self-assessment says a council is strong on, for "best in class" pairing: a good
// or great rating on an enabler that matches a theme, or a theme named in its strengths.

/** Enablers of improvement that correspond to a challenge theme. */
const ENABLER_THEMES: Record<string, ThemeKey> = {
  workforce: 'workforce',
  partners: 'partnerships',
  apparatus: 'quality_assurance',
  resources: 'finance',
}

/** Words that name a theme in free text, beyond its label. */
const THEME_WORDS: Partial<Record<ThemeKey, string[]>> = {
  early_help: ['early help'],
  front_door: ['front door', 'mash', 'contact and referral'],
  child_protection: ['child protection'],
  child_exploitation: ['exploitation', 'extra-familial'],
  children_in_care: ['children in care', 'looked after', 'corporate parent'],
  placements: ['placement', 'fostering', 'sufficiency'],
  care_leavers: ['care leaver', 'care-experienced', 'care experienced'],
  send: ['send', 'special educational', 'ehcp'],
  education: ['inclusion', 'school', 'exclusion'],
  workforce: ['workforce', 'recruitment', 'social work academy', 'caseload'],
  partnerships: ['partnership', 'multi-agency'],
  quality_assurance: ['quality assurance', 'audit', 'performance'],
  finance: ['budget', 'financial', 'value for money'],
  youth_justice: ['youth justice', 'youth offending'],
  voice_of_the_child: ['voice of the child', "children's voice", 'participation'],
}

type Rating = 'poor' | 'fair' | 'good' | 'great'

export function strongThemes(input: { enablerRatings: Record<string, Rating | undefined>; strengthsText: string }): ThemeKey[] {
  const found = new Set<ThemeKey>()
  for (const [enabler, rating] of Object.entries(input.enablerRatings)) {
    const theme = ENABLER_THEMES[enabler]
    if (theme && (rating === 'good' || rating === 'great')) found.add(theme)
  }
  const text = ` ${input.strengthsText.toLowerCase().replace(/[’']/g, "'")} `
  for (const t of THEMES) {
    const words = [t.label.toLowerCase(), ...(THEME_WORDS[t.key] ?? [])]
    // Whole words only: "send" must not match "sending".
    if (words.some((w) => new RegExp(`(^|[^a-z])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z]|$)`).test(text))) found.add(t.key)
  }
  return THEMES.map((t) => t.key).filter((k) => found.has(k))
}
