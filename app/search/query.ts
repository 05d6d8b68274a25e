import { z } from 'zod'
import { THREAD_KINDS, KIND_LABELS } from '~/forums/post-form'
import { THEMES } from '~/self-assessment/template'

// The search page's query string, read into a checked query. Pure: the route, the tests
// and the bench share it. Unknown values are refused (a 400 with a message), never
// guessed at or passed to SQL.

export const SEARCH_KINDS = [...THREAD_KINDS, 'self_assessment'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = { ...KIND_LABELS, self_assessment: 'Self-assessment' }

export const MAX_Q = 200
export const PAGE_SIZE = 20
/** Deeper pages cost more to rank and nobody reads them: refine the search instead. */
export const MAX_PAGE = 50

export type SearchQuery = {
  q: string
  space?: string
  region?: string
  theme?: string
  kind?: SearchKind
  council?: string
  /** YYYY-MM-DD, inclusive, in UTC. */
  from?: string
  to?: string
  page: number
}

/** Slugs the filters may name: the spaces this person reads, every region and council. */
export type KnownValues = { spaces: ReadonlySet<string>; regions: ReadonlySet<string>; councils: ReadonlySet<string> }

export const FIELDS = ['q', 'space', 'region', 'theme', 'kind', 'council', 'from', 'to', 'page'] as const
export type Field = (typeof FIELDS)[number]

export type ParsedSearch =
  | { ok: true; query: SearchQuery; values: Partial<Record<Field, string>> }
  | { ok: false; errors: Partial<Record<Field, string>>; values: Partial<Record<Field, string>> }

const THEME_KEYS = THEMES.map((t) => t.key) as [string, ...string[]]

/** A real calendar day between 2000 and 2100. */
export function isDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 2000 || y > 2100) return false
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

// Empty form fields (a select left on "Choose…") mean "no filter".
const blank = (v: unknown) => (v === '' || v === null ? undefined : v)
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional())
const slugIn = (known: ReadonlySet<string>, message: string) => z.string().refine((v) => known.has(v), { error: message })
const day = (message: string) => z.string().refine(isDay, { error: message })

function schema(known: KnownValues) {
  return z
    .object({
      // Control characters (a NUL would make PostgreSQL refuse the text) become spaces.
      q: z
        .string()
        .default('')
        .transform((v) => v.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim())
        .pipe(z.string().max(MAX_Q, { error: `Search for at most ${MAX_Q} characters` })),
      space: optional(slugIn(known.spaces, 'Choose a space from the list')),
      region: optional(slugIn(known.regions, 'Choose a region from the list')),
      theme: optional(z.enum(THEME_KEYS, { error: 'Choose a theme from the list' })),
      kind: optional(z.enum(SEARCH_KINDS, { error: 'Choose a kind from the list' })),
      council: optional(slugIn(known.councils, 'Choose a council from the list')),
      from: optional(day('Enter the “from” date as a real date, for example 2026-01-31')),
      to: optional(day('Enter the “to” date as a real date, for example 2026-12-31')),
      page: z.preprocess(
        (v) => blank(v) ?? '1',
        z.string().regex(/^\d{1,3}$/, { error: 'That page does not exist' }).transform(Number).pipe(z.number().int().min(1, { error: 'That page does not exist' }).max(MAX_PAGE, { error: `Only the first ${MAX_PAGE} pages are shown: narrow the search with a filter` })),
      ),
    })
    .superRefine((v, ctx) => {
      if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The “to” date must be the same as or after the “from” date' })
    })
}

/** Reads the search page's query string (each field once; repeats and extra fields are ignored). */
export function parseSearchParams(params: URLSearchParams, known: KnownValues): ParsedSearch {
  const values: Partial<Record<Field, string>> = {}
  for (const field of FIELDS) {
    const v = params.get(field)
    // Echo back at most a little more than the limit: the form shows what was typed.
    if (v !== null) values[field] = v.slice(0, MAX_Q * 2)
  }
  const raw = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? undefined]))
  const parsed = schema(known).safeParse(raw)
  if (parsed.success) {
    const query = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as SearchQuery
    return { ok: true, query, values }
  }
  const errors: Partial<Record<Field, string>> = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as Field
    if (FIELDS.includes(field) && !errors[field]) errors[field] = issue.message
  }
  return { ok: false, errors, values }
}

/** The page's own address with other query values: for pagination links. */
export function searchHref(query: SearchQuery, page: number): string {
  const params = new URLSearchParams()
  for (const field of FIELDS) {
    const v = field === 'page' ? (page > 1 ? String(page) : undefined) : (query[field] as string | undefined)
    if (v) params.set(field, v)
  }
  const s = params.toString()
  return s ? `/search?${s}` : '/search'
}

/** Whether anything was asked: words or a filter. */
export const isAsking = (query: SearchQuery) => Boolean(query.q || query.space || query.region || query.theme || query.kind || query.council || query.from || query.to)
