// Forum content for the search bench, made inside the database with generate_series so
// 100,000 posts take seconds, not minutes of round trips: sentences built from the words
// of children's services (subjects × actions × topics), threads of ten posts in the
// national, regional and some private group spaces, a few hidden, two years of dates.
import type { PrismaClient } from '../app/generated/prisma/client.ts'

const SUBJECTS = [
  'Our front door team', 'The MASH', 'Our social workers', 'Independent reviewing officers', 'The early help hub', 'Our foster carers',
  'Care leavers', 'Personal advisers', 'The virtual school', 'Youth justice workers', 'Team managers', 'Our principal social worker',
  'The safeguarding partnership', 'Health colleagues', 'Police partners', 'Headteachers', 'Residential staff', 'Family support workers',
  'The edge of care team', 'Our participation officer', 'The fostering panel', 'Elected members', 'The adolescent service', 'Commissioners',
  'Newly qualified social workers', 'The quality assurance team', 'Our designated officer', 'Children in care council members', 'Kinship carers', 'The SEND team',
]
const ACTIONS = [
  'have improved', 'are struggling with', 'reviewed', 'redesigned', 'audited', 'co-produced', 'reduced delays in', 'introduced',
  'are piloting', 'evaluated', 'need support with', 'shared learning on', 'tracked', 'strengthened', 'simplified', 'worried about',
  'presented findings on', 'rewrote guidance for', 'invested in', 'challenged each other on', 'benchmarked', 'mapped demand for',
]
const TOPICS = [
  'placement sufficiency', 'caseloads', 'agency staffing costs', 'return home interviews', 'contextual safeguarding', 'child exploitation screening',
  'the threshold document', 'strategy discussions', 'child protection conferences', 'pathway plans', 'staying put arrangements', 'kinship care assessments',
  'special guardianship support', 'unregistered placements', 'the sufficiency strategy', 'EHCP timeliness', 'school exclusions', 'missing episodes',
  'family group conferencing', 'relational practice', 'Signs of Safety', 'supervision quality', 'practice audits', 'the voice of the child',
  'the corporate parenting board', 'unaccompanied asylum-seeking children', 'domestic abuse referrals', 'the neglect toolkit', 'court timeliness', 'pre-proceedings work',
  'adolescent risk', 'mental health support', 'housing for care leavers', 'apprenticeships for care leavers', 'foster carer recruitment', "residential children's homes",
  'step-down to early help', 're-referral rates', 'assessment timeliness', 'life story work', 'sibling contact', 'disabled children’s short breaks',
  'transitions to adult services', 'private fostering', 'elective home education', 'county lines', 'online harm', 'parental conflict',
  'workforce stability', 'practice leadership', 'Ofsted preparation', 'data dashboards', 'budget pressures', 'the local offer',
]
const TAILS = [
  'this quarter', 'since the last inspection', 'with our health partners', 'across the region', 'after the audit', 'for older children',
  'in the last year', 'with real success', 'but it is slow going', 'and would welcome advice', 'using a simple tracker', 'with families in the room',
]
const TITLES = [
  ['How do you manage ', '?'], ['Good practice: ', ''], ['', ': what worked for us'], ['Question about ', ''], ['Improving ', ' in our area'],
  ['Has anyone reviewed ', ' recently?'], ['Our approach to ', ''], ['Lessons learned on ', ''],
] as const
const THEMES = ['early_help', 'front_door', 'child_protection', 'child_exploitation', 'children_in_care', 'placements', 'care_leavers', 'send', 'education', 'workforce', 'partnerships', 'quality_assurance', 'finance', 'youth_justice', 'voice_of_the_child']

const arr = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`
// Picks from an array with a per-row seed: deterministic, and different for every (row, slot).
const pick = (array: string, n: number, expr: string) => `(${array})[1 + (abs(hashtext(${expr})) % ${n})]`

export async function generateForum(prisma: PrismaClient, posts: number, postsPerThread = 10) {
  const threads = Math.ceil(posts / postsPerThread)
  // Six private group spaces: three councils each in the first regions.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Space" ("id", "slug", "name", "description", "scope", "regionId")
    SELECT 'bench-group-' || r.n, 'bench-group-' || r.n, 'Bench group ' || r.n, '', 'group', r."id"
    FROM (SELECT "id", row_number() OVER (ORDER BY "slug") AS n FROM "Region") r WHERE r.n <= 6`)
  await prisma.$executeRawUnsafe(`
    INSERT INTO "SpaceCouncil" ("spaceId", "councilId")
    SELECT s."id", c."id" FROM "Space" s
    JOIN LATERAL (SELECT "id" FROM "Council" WHERE "regionId" = s."regionId" ORDER BY "slug" LIMIT 3) c ON TRUE
    WHERE s."slug" LIKE 'bench-group-%'`)
  // Spaces weighted: the national space three times, each region once, each group once.
  await prisma.$executeRawUnsafe(`
    CREATE TEMP TABLE bench_spaces AS
    SELECT row_number() OVER () AS n, "id" FROM (
      SELECT s."id" FROM "Space" s CROSS JOIN generate_series(1, 3) WHERE s."scope" = 'national'
      UNION ALL SELECT "id" FROM "Space" WHERE "scope" <> 'national') s`)
  await prisma.$executeRawUnsafe(`CREATE TEMP TABLE bench_users AS SELECT row_number() OVER (ORDER BY "email") AS n, "id", "councilId" FROM "User" WHERE "councilId" IS NOT NULL`)
  const [{ spaces, users }] = await prisma.$queryRawUnsafe<{ spaces: number; users: number }[]>(
    `SELECT (SELECT count(*)::int FROM bench_spaces) AS spaces, (SELECT count(*)::int FROM bench_users) AS users`,
  )
  const topic = (expr: string) => pick(arr(TOPICS), TOPICS.length, expr)
  const sentence = (seed: string) =>
    `${pick(arr(SUBJECTS), SUBJECTS.length, `${seed} || 's'`)} || ' ' || ${pick(arr(ACTIONS), ACTIONS.length, `${seed} || 'a'`)} || ' ' || ${topic(`${seed} || 't'`)} || ' ' || ${pick(arr(TAILS), TAILS.length, `${seed} || 'x'`)} || '.'`
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Thread" ("id", "spaceId", "kind", "title", "themes", "authorId", "councilId", "createdAt", "lastPostAt", "lastSeq", "changeSeq", "replyCount", "hiddenAt")
    SELECT 'bench-t' || g, s."id",
      (CASE WHEN g % 10 < 6 THEN 'discussion' WHEN g % 10 < 8 THEN 'question' ELSE 'good_practice' END)::"ThreadKind",
      t.prefix || ${topic(`g || 'title'`)} || t.suffix,
      ARRAY[${pick(arr(THEMES), THEMES.length, `g || 'th1'`)}, ${pick(arr(THEMES), THEMES.length, `g || 'th2'`)}],
      u."id", u."councilId", d.at, d.at + interval '3 days', ${postsPerThread}, ${postsPerThread}, ${postsPerThread - 1},
      CASE WHEN g % 200 = 7 THEN d.at END
    FROM generate_series(1, ${threads}) g
    JOIN bench_spaces s ON s.n = 1 + (g % ${spaces})
    JOIN bench_users u ON u.n = 1 + (abs(hashtext(g || 'author')) % ${users})
    CROSS JOIN LATERAL (SELECT (timestamp '2026-11-01' - (abs(hashtext(g || 'date')) % 730) * interval '1 day') AS at) d
    CROSS JOIN LATERAL (SELECT (${arr(TITLES.map((t) => t[0]))})[1 + g % ${TITLES.length}] AS prefix, (${arr(TITLES.map((t) => t[1]))})[1 + g % ${TITLES.length}] AS suffix) t`)
  // A post is three to seven sentences; the opening post carries the thread's title.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Post" ("id", "threadId", "seq", "changedSeq", "authorId", "councilId", "content", "text", "title", "createdAt", "hiddenAt")
    SELECT 'bench-p' || g, t."id", p.seq, p.seq, u."id", u."councilId", '{"doc":{"type":"doc","content":[]}}'::jsonb,
      (SELECT string_agg(${sentence(`g || '-' || k`)}, ' ') FROM generate_series(1, 3 + (abs(hashtext(g || 'len')) % 5)) k),
      CASE WHEN p.seq = 1 THEN t."title" ELSE '' END,
      t."createdAt" + (p.seq - 1) * interval '5 hours',
      CASE WHEN g % 250 = 3 THEN t."createdAt" END
    FROM generate_series(1, ${threads * postsPerThread}) g
    CROSS JOIN LATERAL (SELECT 1 + (g - 1) / ${postsPerThread} AS thread, 1 + (g - 1) % ${postsPerThread} AS seq) p
    JOIN "Thread" t ON t."id" = 'bench-t' || p.thread
    JOIN bench_users u ON u.n = 1 + (abs(hashtext(g || 'author')) % ${users})`)
  await prisma.$executeRawUnsafe('ANALYZE')
  const [{ count }] = await prisma.$queryRawUnsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM "Post"`)
  return { threads, posts: count }
}
