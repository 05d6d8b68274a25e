import { postHref } from '~/forums/thread-view'
import { Prisma } from '~/generated/prisma/client'
import { db } from '~/services.server'
import { can, type Actor, type AssessmentFacts, type ShareScope } from '~/policy/policy'
import { readableSpaces, spaceFacts, type SpaceRow } from '~/forums/spaces.server'
import type { ThreadKind } from '~/forums/post-form'
import type { AssessmentStatus } from '~/self-assessment/status'
import type { Template } from '~/self-assessment/template'
import { cycleLabel } from '~/self-assessment/cycle'
import { partnerIdsSql } from '~/peer-challenge/partners.server'
import { highlightHtml, newMarkers, previewHtml, type Markers } from './highlight'
import { MAX_PAGE, PAGE_SIZE, type KnownValues, type SearchKind, type SearchQuery } from './query'

// One search over the forums and the self-assessments a person may read. Which spaces and
// assessments are readable comes from the policy (`can`), never from SQL of our own; SQL
// gets the readable ids, and every result is checked again with `can` before it is shown.
// Hidden threads and posts are left out for everyone, moderators included: search is for
// finding content, and moderators review hidden content where it lives.

/** Rank weights for D, C, B, A: a word in a title (A) counts far more than in a body (B). */
const WEIGHTS = '{0.05, 0.1, 0.2, 1.0}'
/** ts_rank_cd normalisation 1: divide by 1 + log(length), so long posts do not win by bulk. */
const NORMALISE = 1
const TS_CONFIG = 'english'

export type SearchOptions = {
  spaces: SpaceRow[]
  regions: { id: string; slug: string; name: string }[]
  councils: { id: string; slug: string; name: string; regionId: string }[]
}

/** The filters' choices for this person: the spaces they read, every region and council. */
export async function searchOptions(actor: Actor): Promise<SearchOptions> {
  const [spaces, regions, councils] = await Promise.all([
    readableSpaces(actor),
    db().region.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: 'asc' } }),
    db().council.findMany({ select: { id: true, slug: true, name: true, regionId: true }, orderBy: { name: 'asc' } }),
  ])
  return { spaces, regions, councils }
}

export const knownValues = (o: SearchOptions): KnownValues => ({
  spaces: new Set(o.spaces.map((s) => s.slug)),
  regions: new Set(o.regions.map((r) => r.slug)),
  councils: new Set(o.councils.map((c) => c.slug)),
})

export type SearchResult = {
  type: 'post' | 'assessment'
  id: string
  href: string
  /** HTML: escaped, with <mark> around matches. */
  titleHtml: string
  snippetHtml: string
  kind: SearchKind
  space: string | null
  council: string | null
  date: Date
  /** A reply rather than the opening post (or an assessment's section). */
  within: string | null
  rank: number
}

/** `more`: the total is a lower bound (too many posts matched to count them all). */
export type SearchOutcome = { total: number; more: boolean; page: number; pages: number; results: SearchResult[] }

type PostHit = {
  id: string
  threadId: string
  seq: number
  createdAt: Date
  authorId: string
  spaceId: string
  kind: ThreadKind
  locked: boolean
  hidden: boolean
  rank: number
}

type SectionHit = { id: string; key: string; revisionId: string; updatedAt: Date; rank: number }

type AssessmentRow = {
  id: string
  councilId: string
  year: number
  shareScope: ShareScope
  regionId: string
  revisions: { id: string; number: number; status: AssessmentStatus }[]
  partnerCouncilIds: string[]
}

const tsquery = (q: string) => Prisma.sql`websearch_to_tsquery(${TS_CONFIG}::regconfig, ${q})`
/** An inclusive day range as bounds on a timestamp column (stored as UTC wall time). */
const dayStart = (day: string) => `${day}T00:00:00.000`
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 23)
const headlineOptions = (m: Markers, snippet: boolean) =>
  snippet
    ? `StartSel=${m.start}, StopSel=${m.stop}, MaxWords=28, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`
    : `StartSel=${m.start}, StopSel=${m.stop}, HighlightAll=true`

/**
 * Searches what this person may read. `query` is already checked (parseSearchParams); a
 * filter naming something they cannot read finds nothing. Pass `options` when the caller
 * has them already (the page lists them in its filters).
 */
export async function searchHub(actor: Actor, query: SearchQuery, options?: SearchOptions): Promise<SearchOutcome> {
  const o = options ?? (await searchOptions(actor))
  const q = query.q.trim()
  const page = Math.max(1, query.page)
  const region = query.region ? o.regions.find((r) => r.slug === query.region) : undefined
  const council = query.council ? o.councils.find((c) => c.slug === query.council) : undefined
  const empty = { total: 0, more: false, page, pages: 0, results: [] }
  if ((query.region && !region) || (query.council && !council)) return empty

  // Forum side: the readable spaces, narrowed by the space and region filters.
  const spaces = o.spaces.filter((s) => (!query.space || s.slug === query.space) && (!region || s.regionId === region.id))
  const wantPosts = query.kind !== 'self_assessment' && spaces.length > 0
  // Assessments are not in a space and carry no thread themes; they need words to match.
  const wantAssessments = Boolean(q) && (!query.kind || query.kind === 'self_assessment') && !query.space && !query.theme
  // Each side gives its best `limit`; merged, the page is cut from the top.
  const limit = page * PAGE_SIZE

  const [posts, sections] = await Promise.all([
    wantPosts ? findPosts(q, query, spaces, council?.id, limit) : { hits: [], total: 0, more: false },
    wantAssessments ? findSections(actor, q, query, region?.id, council?.id, limit) : { hits: [], total: 0, assessments: new Map() },
  ])
  const merged = [...posts.hits.map((h) => ({ post: h, rank: h.rank, date: h.createdAt })), ...sections.hits.map((h) => ({ section: h, rank: h.rank, date: h.updatedAt }))]
    .sort((a, b) => b.rank - a.rank || b.date.getTime() - a.date.getTime())
    .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  // Past the cap, posts count as the newest ranked and the page says “more than”.
  const total = (posts.more ? COMMON_WORD_RANKED : posts.total) + sections.total
  const shownPosts = merged.flatMap((m) => ('post' in m && m.post ? [m.post] : []))
  const shownSections = merged.flatMap((m) => ('section' in m && m.section ? [m.section] : []))

  const markers = newMarkers()
  const [postText, sectionText] = await Promise.all([postDetails(q, shownPosts, markers), sectionDetails(q, shownSections, markers)])
  const spaceById = new Map(o.spaces.map((s) => [s.id, s]))
  const councilById = new Map(o.councils.map((c) => [c.id, c]))

  const results: SearchResult[] = []
  for (const m of merged) {
    if ('post' in m && m.post) {
      const p = m.post
      const space = spaceById.get(p.spaceId)
      const text = postText.get(p.id)
      // Belt and braces: the SQL only looked in readable spaces and left hidden posts out;
      // the policy has the last word on every result all the same.
      if (!space || !text || !can(actor, 'view', { kind: 'post', space: spaceFacts(space), authorId: p.authorId, threadLocked: p.locked, hidden: p.hidden })) continue
      results.push({
        type: 'post',
        id: p.id,
        href: postHref(p.threadId, p.seq),
        titleHtml: text.titleHtml,
        snippetHtml: text.snippetHtml,
        kind: p.kind,
        space: space.name,
        council: text.councilId ? (councilById.get(text.councilId)?.name ?? null) : null,
        date: p.createdAt,
        within: p.seq === 1 ? null : 'Reply',
        rank: p.rank,
      })
    } else if ('section' in m && m.section) {
      const s = m.section
      const a = sections.assessments.get(s.revisionId)
      const text = sectionText.get(s.id)
      if (!a || !text || !can(actor, 'view', a.facts)) continue
      const sectionTitle = text.template?.sections.find((d) => d.key === s.key)?.title ?? s.key
      results.push({
        type: 'assessment',
        id: s.id,
        href: `/assessments/${a.id}#section-${encodeURIComponent(s.key)}`,
        titleHtml: highlightHtml(`${councilById.get(a.councilId)?.name ?? 'A council'}: self-assessment ${cycleLabel(a.year)}`, markers),
        snippetHtml: text.snippetHtml,
        kind: 'self_assessment',
        space: null,
        council: councilById.get(a.councilId)?.name ?? null,
        date: s.updatedAt,
        within: sectionTitle,
        rank: s.rank,
      })
    }
  }
  return { total, more: posts.more, page, pages: Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGE), results }
}

// ---------------------------------------------------------------------------------------
// Posts

/**
 * Ranking reads every matching post's tsvector, so a very common word (in a third of all
 * posts, say) would cost hundreds of milliseconds. Past this many matches, only the newest
 * this many are ranked, and the count says "more than".
 */
export const RANKED_CANDIDATES = 5000
/** For very common words, how many of the newest matches are ranked. */
export const COMMON_WORD_RANKED = 1000

/**
 * The planner's estimate of how many posts contain the words, from PostgreSQL's statistics
 * on the tsvector's words (the whole table: the joins and filters would only blur it).
 */
async function estimatedMatches(q: string): Promise<number> {
  const plan = await db().$queryRaw<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Post" p WHERE p."search" @@ ${tsquery(q)}`
  return plan[0]?.['QUERY PLAN']?.[0]?.Plan?.['Plan Rows'] ?? 0
}

async function findPosts(q: string, query: SearchQuery, spaces: SpaceRow[], councilId: string | undefined, limit: number) {
  const where: Prisma.Sql[] = [
    Prisma.sql`t."spaceId" IN (${Prisma.join(spaces.map((s) => s.id))})`,
    Prisma.sql`p."hiddenAt" IS NULL`,
    Prisma.sql`t."hiddenAt" IS NULL`,
  ]
  // Without words, the filters list threads (their opening posts), newest first.
  where.push(q ? Prisma.sql`p."search" @@ ${tsquery(q)}` : Prisma.sql`p."seq" = 1`)
  if (query.kind && query.kind !== 'self_assessment') where.push(Prisma.sql`t."kind" = ${query.kind}::"ThreadKind"`)
  if (query.theme) where.push(Prisma.sql`${query.theme} = ANY(t."themes")`)
  if (councilId) where.push(Prisma.sql`p."councilId" = ${councilId}`)
  if (query.from) where.push(Prisma.sql`p."createdAt" >= ${dayStart(query.from)}::timestamp(3)`)
  if (query.to) where.push(Prisma.sql`p."createdAt" < ${nextDay(query.to)}::timestamp(3)`)
  const from = Prisma.sql`FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId" WHERE ${Prisma.join(where, ' AND ')}`
  const columns = Prisma.sql`p."id", p."threadId", p."seq", p."createdAt", p."authorId", t."spaceId", t."kind"::text AS "kind",
    t."lockedAt" IS NOT NULL AS "locked", (p."hiddenAt" IS NOT NULL OR t."hiddenAt" IS NOT NULL) AS "hidden"`
  const rank = q ? Prisma.sql`ts_rank_cd(${WEIGHTS}::float4[], p."search", ${tsquery(q)}, ${NORMALISE}::int)` : Prisma.sql`0::float4`
  // Very common words: rank only the newest matches, walking the date index backwards,
  // which stops early; the planner would otherwise fetch every match from the GIN index
  // first. Scoped to this statement's transaction.
  const newestRanked = async () => {
    const rows = await db().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_bitmapscan = off`
      return tx.$queryRaw<(PostHit & { n: number })[]>`
        WITH c AS MATERIALIZED (SELECT ${columns}, p."search" AS "sv" ${from} ORDER BY p."createdAt" DESC LIMIT ${COMMON_WORD_RANKED})
        SELECT c."id", c."threadId", c."seq", c."createdAt", c."authorId", c."spaceId", c."kind", c."locked", c."hidden",
          ${q ? Prisma.sql`ts_rank_cd(${WEIGHTS}::float4[], c."sv", ${tsquery(q)}, ${NORMALISE}::int)` : Prisma.sql`0::float4`} AS "rank",
          (SELECT count(*)::int FROM c) AS "n"
        FROM c ORDER BY "rank" DESC, c."createdAt" DESC, c."id" LIMIT ${Math.min(limit, COMMON_WORD_RANKED)}`
    })
    return { hits: rows.map(({ n: _, ...h }) => ({ ...h, rank: Number(h.rank) })), n: rows[0]?.n ?? 0 }
  }
  // When the statistics say the words are in far more posts than the cap, go straight to
  // the newest: ranking and counting every match first would be wasted.
  const estimate = q ? await estimatedMatches(q) : 0
  if (estimate > 2 * RANKED_CANDIDATES) {
    const newest = await newestRanked()
    if (newest.n >= COMMON_WORD_RANKED) return { hits: newest.hits, total: COMMON_WORD_RANKED, more: true }
    // Fewer after all (the estimate was wrong): fall through, rank and count them all.
  }
  // One pass over the matches (the GIN index finds them), stopping one past the cap: if it
  // stops short, these are all the matches, ranked and counted. Ranks are taken here, so
  // what is kept and sorted is small rows, not tsvectors.
  type Counted = PostHit & { n: number }
  const all = await db().$queryRaw<Counted[]>`
    WITH c AS MATERIALIZED (SELECT ${columns}, ${rank} AS "rank" ${from} LIMIT ${RANKED_CANDIDATES + 1})
    SELECT c.*, (SELECT count(*)::int FROM c) AS "n" FROM c
    ORDER BY ${q ? Prisma.sql`c."rank" DESC,` : Prisma.empty} c."createdAt" DESC, c."id" LIMIT ${limit}`
  const n = all[0]?.n ?? 0
  const more = n > RANKED_CANDIDATES
  const hits: PostHit[] = more ? (await newestRanked()).hits : all
  return { hits: hits.map((h) => ({ ...h, rank: Number(h.rank) })), total: n, more }
}

/** Titles and snippets of the posts on the page only: ts_headline is the costly part. */
async function postDetails(q: string, posts: PostHit[], markers: Markers) {
  const out = new Map<string, { titleHtml: string; snippetHtml: string; councilId: string | null }>()
  if (!posts.length) return out
  const ids = Prisma.join(posts.map((p) => p.id))
  if (!q) {
    const rows = await db().$queryRaw<{ id: string; title: string; text: string; councilId: string | null }[]>`
      SELECT p."id", t."title", left(p."text", 400) AS "text", p."councilId" FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId" WHERE p."id" IN (${ids})`
    for (const r of rows) out.set(r.id, { titleHtml: highlightHtml(r.title, markers), snippetHtml: previewHtml(r.text), councilId: r.councilId })
    return out
  }
  // The thread's title is highlighted for every post of it; the opening post's title is
  // what its `search` column weighted as A.
  const rows = await db().$queryRaw<{ id: string; title: string; snippet: string; councilId: string | null }[]>`
    SELECT p."id", p."councilId",
      ts_headline(${TS_CONFIG}::regconfig, t."title", x.tsq, ${headlineOptions(markers, false)}) AS "title",
      ts_headline(${TS_CONFIG}::regconfig, p."text", x.tsq, ${headlineOptions(markers, true)}) AS "snippet"
    FROM "Post" p
    JOIN "Thread" t ON t."id" = p."threadId"
    CROSS JOIN (SELECT ${tsquery(q)} AS tsq) x
    WHERE p."id" IN (${ids})`
  for (const r of rows) out.set(r.id, { titleHtml: highlightHtml(r.title, markers), snippetHtml: highlightHtml(r.snippet, markers), councilId: r.councilId })
  return out
}

// ---------------------------------------------------------------------------------------
// Self-assessments

type ReadableRevision = { id: string; councilId: string; year: number; facts: AssessmentFacts }

/**
 * The revision of each assessment this person may read, as the assessment page decides it
 * (assessments.server.ts, resourceOf and openAssessment): the council's own members the
 * newest revision, drafts included; others the shared revision, only while it is shared.
 * Assessments are few (one per council a year), so their facts are loaded whole and the
 * policy judges each.
 */
async function readableRevisions(actor: Actor, regionId: string | undefined, councilId: string | undefined): Promise<Map<string, ReadableRevision>> {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`]
  if (regionId) where.push(Prisma.sql`c."regionId" = ${regionId}`)
  if (councilId) where.push(Prisma.sql`a."councilId" = ${councilId}`)
  const rows = await db().$queryRaw<AssessmentRow[]>`
    SELECT a."id", a."councilId", a."year", a."shareScope"::text AS "shareScope", c."regionId", ${partnerIdsSql} AS "partnerCouncilIds",
      COALESCE((SELECT json_agg(json_build_object('id', v."id", 'number', v."number", 'status', v."status") ORDER BY v."number" DESC)
        FROM "AssessmentRevision" v WHERE v."assessmentId" = a."id"), '[]'::json) AS "revisions"
    FROM "SelfAssessment" a
    JOIN "Council" c ON c."id" = a."councilId"
    WHERE ${Prisma.join(where, ' AND ')}`
  const out = new Map<string, ReadableRevision>()
  for (const a of rows) {
    const latest = a.revisions[0]
    if (!latest) continue
    const shared = a.revisions.find((r) => r.status === 'shared') ?? null
    const facts: AssessmentFacts = { kind: 'self_assessment', councilId: a.councilId, regionId: a.regionId, status: shared ? 'shared' : latest.status, shareScope: a.shareScope, partnerCouncilIds: a.partnerCouncilIds }
    if (!can(actor, 'view', facts)) continue
    const revision = can(actor, 'view_drafts', facts) ? latest : shared
    if (revision) out.set(revision.id, { id: a.id, councilId: a.councilId, year: a.year, facts })
  }
  return out
}

async function findSections(actor: Actor, q: string, query: SearchQuery, regionId: string | undefined, councilId: string | undefined, limit: number) {
  const assessments = await readableRevisions(actor, regionId, councilId)
  if (!assessments.size) return { hits: [], total: 0, assessments }
  const where: Prisma.Sql[] = [Prisma.sql`s."revisionId" IN (${Prisma.join([...assessments.keys()])})`, Prisma.sql`s."search" @@ x.tsq`]
  if (query.from) where.push(Prisma.sql`s."updatedAt" >= ${dayStart(query.from)}::timestamp(3)`)
  if (query.to) where.push(Prisma.sql`s."updatedAt" < ${nextDay(query.to)}::timestamp(3)`)
  // Section text is weighted as a post's body (B, in the migration), so the two rank on one scale.
  const hits = await db().$queryRaw<(SectionHit & { total: bigint })[]>`
    SELECT s."id", s."key", s."revisionId", s."updatedAt",
      ts_rank_cd(${WEIGHTS}::float4[], s."search", x.tsq, ${NORMALISE}::int) AS "rank",
      count(*) OVER () AS "total"
    FROM "AssessmentSection" s
    CROSS JOIN (SELECT ${tsquery(q)} AS tsq) x
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY "rank" DESC, s."updatedAt" DESC, s."id"
    LIMIT ${limit}`
  return { hits: hits.map((h) => ({ ...h, rank: Number(h.rank) })), total: hits.length ? Number(hits[0].total) : 0, assessments }
}

async function sectionDetails(q: string, sections: SectionHit[], markers: Markers) {
  const out = new Map<string, { snippetHtml: string; template: Template | null }>()
  if (!sections.length) return out
  const rows = await db().$queryRaw<{ id: string; snippet: string; template: Template | null }[]>`
    SELECT s."id", ts_headline(${TS_CONFIG}::regconfig, s."text", x.tsq, ${headlineOptions(markers, true)}) AS "snippet", a."template"
    FROM "AssessmentSection" s
    JOIN "AssessmentRevision" v ON v."id" = s."revisionId"
    JOIN "SelfAssessment" a ON a."id" = v."assessmentId"
    CROSS JOIN (SELECT ${tsquery(q)} AS tsq) x
    WHERE s."id" IN (${Prisma.join(sections.map((s) => s.id))})`
  for (const r of rows) out.set(r.id, { snippetHtml: highlightHtml(r.snippet, markers), template: r.template })
  return out
}
