// The peer-challenge pairing engine: proposes groups of councils for a region's cycle,
// keeping the hard rules (sizes per model, no council twice, no repeat of last cycle's
// partner unless nothing else fits) and weighing the soft ones (shared themes, best in
// class, similar type, distance), with a plain-English reason for every point.
// Pure and deterministic: no database, no clock, no Math.random; randomness comes from a
// seeded PRNG, so the same input (seed included) always gives the same groups.
import { THEMES } from '~/self-assessment/template'

export type CycleModel = 'pairs' | 'triads' | 'panel'
export const CYCLE_MODELS: readonly CycleModel[] = ['pairs', 'triads', 'panel']
export type CouncilKind = 'shire_county' | 'unitary' | 'metropolitan_district' | 'london_borough'
export type PairingCouncil = {
  id: string
  name: string
  type: CouncilKind
  /** Themes of its top three challenges (theme keys; empty when it has no assessment yet). */
  challengeThemes: readonly string[]
  /** Themes it is strong on: named in its strengths, or a good/great rating on the matching enabler. */
  strongThemes: readonly string[]
  /** Approximate location in degrees, for travel distance; null when unknown. */
  location: { lat: number; lon: number } | null
  /** Councils it was grouped with in the region's previous cycle. */
  lastPartnerIds: readonly string[]
}
export type ReasonRule = 'shared_themes' | 'best_in_class' | 'similar_type' | 'distance' | 'repeat_partner'
/** One reason a group scored what it did; `text` is a plain-English sentence naming councils and theme labels, for the region lead. */
export type GroupReason = { rule: ReasonRule; points: number; text: string }
export type GroupSpec = { councilIds: string[]; hostId: string | null }
export type ProposedGroup = GroupSpec & { score: number; reasons: GroupReason[]; locked: boolean }
export type Weights = Record<'sharedTheme' | 'bestInClass' | 'similarType' | 'distance' | 'repeatPartner', number>

/**
 * Points per unit of each soft rule:
 * - sharedTheme: per extra member naming a theme (2 of a group naming it: 1×, 3: 2×);
 * - bestInClass: per challenge theme of a member that another member is strong on;
 * - similarType: per extra member of the same council type;
 * - distance: the most a group gets for being close (full within 30 km, none at 150 km);
 * - repeatPartner: per pair grouped again from last cycle; always counted as negative.
 */
export const DEFAULT_WEIGHTS: Weights = { sharedTheme: 3, bestInClass: 4, similarType: 2, distance: 3, repeatPartner: -10 }

export type PairingInput = { model: CycleModel; councils: readonly PairingCouncil[]; locked?: readonly GroupSpec[]; seed: number; weights?: Partial<Weights>; themeLabel?: (key: string) => string }
export type PairingResult = { ok: true; groups: ProposedGroup[]; score: number; warnings: string[] } | { ok: false; error: string }

/** Distance tapers from full points at FULL_KM to none at ZERO_KM (furthest pair of the group). */
export const FULL_KM = 30
export const ZERO_KM = 150

const ALLOWED_SIZES: Record<CycleModel, readonly number[]> = { pairs: [2, 3], triads: [2, 3, 4], panel: [3, 4, 5] }
const TYPE_PLURALS: Record<CouncilKind, string> = {
  shire_county: 'shire counties',
  unitary: 'unitary authorities',
  metropolitan_district: 'metropolitan districts',
  london_borough: 'London boroughs',
}
const KINDS: readonly CouncilKind[] = ['shire_county', 'unitary', 'metropolitan_district', 'london_borough']

// Search budgets: enough to prove small regions have no repeat-free grouping and to
// settle 153 councils in well under a second.
const FEASIBLE_NODES = 100_000
const RETRIES = 12
const RETRY_NODES = 10_000
const MINIMISE_NODES = 150_000
// Local search: at most 40 × councils² swap tries and 400,000 in all, and 8 kicks a group;
// more buys under 1% of score on 153 councils for 3-4 times the time.
const MAX_SWAP_TRIES = 400_000
const TRIES_PER_PAIR = 40
const KICKS_PER_GROUP = 8

const defaultThemeLabel = (key: string) => THEMES.find((t) => t.key === key)?.label ?? key

// ---------------------------------------------------------------------------------------
// Small helpers, exported for the tests and the bench.

/** A seeded PRNG (mulberry32): floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}

const round1 = (x: number) => Math.round(x * 10) / 10
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
/** "A", "A and B", "A, B and C". */
const listNames = (names: readonly string[]) => (names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`)
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function shuffle<T>(xs: T[], rng: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    const t = xs[i]
    xs[i] = xs[j]
    xs[j] = t
  }
  return xs
}

// ---------------------------------------------------------------------------------------
// Group sizes.

/**
 * The group sizes for n councils under a model, largest first, or null when n councils
 * cannot be grouped.
 * - pairs: all pairs; one group of three when n is odd (n = 3 is one triad).
 * - triads: all threes; n % 3 = 1 → one group of four (n = 4 is one group of four);
 *   n % 3 = 2 → two groups of four (n ≥ 8), except n = 2 → one pair and n = 5 → a triad
 *   and a pair (two fours would need 8).
 * - panel: a host and 2–4 challengers (3–5 councils), as many groups of four as
 *   possible: n % 4 = 1 → one group of five, 2 → two groups of three, 3 → one of three.
 */
export function groupSizes(model: CycleModel, n: number): number[] | null {
  if (!Number.isInteger(n)) return null
  const fill = (size: number, count: number) => Array<number>(Math.max(0, count)).fill(size)
  if (model === 'pairs') {
    if (n < 2) return null
    return n % 2 === 0 ? fill(2, n / 2) : [3, ...fill(2, (n - 3) / 2)]
  }
  if (model === 'triads') {
    if (n < 2) return null
    if (n === 2) return [2]
    if (n === 5) return [3, 2]
    if (n % 3 === 0) return fill(3, n / 3)
    if (n % 3 === 1) return [4, ...fill(3, (n - 4) / 3)]
    return [4, 4, ...fill(3, (n - 8) / 3)]
  }
  if (model === 'panel') {
    if (n < 3) return null
    const r = n % 4
    if (r === 0) return fill(4, n / 4)
    if (r === 1) return [5, ...fill(4, (n - 5) / 4)]
    if (r === 2) return [...fill(4, (n - 6) / 4), 3, 3]
    return [...fill(4, (n - 3) / 4), 3]
  }
  return null
}

/** Every mix of panel sizes (3–5) for n councils, the preferred first: most groups of four, then fewest groups of other sizes, then smaller groups. */
function panelSizeOptions(n: number): number[][] {
  const options: { sizes: number[]; fours: number; others: number; threes: number }[] = []
  for (let fives = 0; fives * 5 <= n; fives++)
    for (let fours = 0; fives * 5 + fours * 4 <= n; fours++) {
      const rest = n - fives * 5 - fours * 4
      if (rest % 3) continue
      const threes = rest / 3
      options.push({ sizes: [...Array(fives).fill(5), ...Array(fours).fill(4), ...Array(threes).fill(3)], fours, others: fives + threes, threes })
    }
  options.sort((a, b) => b.fours - a.fours || a.others - b.others || b.threes - a.threes)
  return options.map((o) => o.sizes)
}

const tooFewMessage = (model: CycleModel) => (model === 'panel' ? 'A panel needs at least three councils' : 'Peer challenge needs at least two councils')
const describeSizes = (sizes: readonly number[]) => listNames([...sizes].sort((a, b) => b - a).map(String))

// ---------------------------------------------------------------------------------------
// Scoring. evaluate() gives the points and sentences shown (each reason rounded to 0.1,
// the score their sum); fastScore() applies the same rules on theme bitmasks for the
// search, unrounded and without building any text.

type Ctx = {
  councils: PairingCouncil[]
  n: number
  type: Int8Array
  challenge: number[][]
  strong: Uint8Array
  themeCount: number
  themeKeys: string[]
  /** km between councils i and j at i * n + j; NaN when either location is unknown. */
  km: Float64Array
  conflict: Uint8Array
  w: Weights
  label: (key: string) => string
  /** Theme bitmasks per council (challenges, strengths) when there are at most 31 themes. */
  cmask: Int32Array | null
  smask: Int32Array | null
  counts: Int32Array
  touched: Int32Array
  lastRepeats: number
}

function normaliseWeights(weights: Partial<Weights> | undefined): Weights {
  const w = { ...DEFAULT_WEIGHTS }
  for (const key of Object.keys(DEFAULT_WEIGHTS) as (keyof Weights)[]) {
    const v = weights?.[key]
    if (typeof v === 'number' && Number.isFinite(v)) w[key] = v
  }
  // A repeat is never a reason in favour, whatever the sign given.
  w.repeatPartner = -Math.abs(w.repeatPartner)
  return w
}

function buildCtx(councils: readonly PairingCouncil[], w: Weights, label: (key: string) => string): Ctx {
  const n = councils.length
  const themeIndex = new Map<string, number>()
  const idx = (key: string) => {
    let i = themeIndex.get(key)
    if (i === undefined) themeIndex.set(key, (i = themeIndex.size))
    return i
  }
  const challenge = councils.map((c) => [...new Set(c.challengeThemes)].map(idx))
  for (const c of councils) for (const t of c.strongThemes) idx(t)
  const themeCount = themeIndex.size
  const strong = new Uint8Array(n * themeCount)
  councils.forEach((c, i) => {
    for (const t of c.strongThemes) strong[i * themeCount + idx(t)] = 1
  })
  const km = new Float64Array(n * n)
  const conflict = new Uint8Array(n * n)
  const byId = new Map(councils.map((c, i) => [c.id, i]))
  for (let i = 0; i < n; i++) {
    const a = councils[i]
    for (let j = i + 1; j < n; j++) {
      const b = councils[j]
      const d = a.location && b.location ? distanceKm(a.location, b.location) : NaN
      km[i * n + j] = km[j * n + i] = d
    }
    for (const p of a.lastPartnerIds) {
      const j = byId.get(p)
      if (j !== undefined && j !== i) conflict[i * n + j] = conflict[j * n + i] = 1
    }
  }
  return {
    councils: [...councils],
    n,
    type: Int8Array.from(councils, (c) => KINDS.indexOf(c.type)),
    challenge,
    strong,
    themeCount,
    themeKeys: [...themeIndex.keys()],
    km,
    conflict,
    w,
    label,
    cmask: themeCount <= 31 ? Int32Array.from(challenge, (ts) => ts.reduce((m, t) => m | (1 << t), 0)) : null,
    smask: themeCount <= 31 ? Int32Array.from(councils, (c) => c.strongThemes.reduce((m, t) => m | (1 << themeIndex.get(t)!), 0)) : null,
    counts: new Int32Array(Math.max(themeCount, KINDS.length)),
    touched: new Int32Array(Math.max(1, themeCount)),
    lastRepeats: 0,
  }
}

/** Distance points for a group whose furthest pair is `maxKm` apart. */
const distanceFactor = (maxKm: number) => Math.max(0, Math.min(1, (ZERO_KM - maxKm) / (ZERO_KM - FULL_KM)))

// Reason texts, built only for the answer (not while searching).
const memberName = (ctx: Ctx, i: number) => ctx.councils[i].name
function sharedText(ctx: Ctx, g: readonly number[], t: number, k: number) {
  const names = g.filter((i) => ctx.challenge[i].includes(t)).map((i) => memberName(ctx, i))
  return `${listNames(names)} ${k === 2 ? 'both' : 'all'} name ${ctx.label(ctx.themeKeys[t])} as a challenge`
}
function bestText(ctx: Ctx, g: readonly number[], i: number, t: number) {
  const names = g.filter((j) => j !== i && ctx.strong[j * ctx.themeCount + t]).map((j) => memberName(ctx, j))
  return `${listNames(names)} ${names.length === 1 ? 'is' : 'are'} strong on ${ctx.label(ctx.themeKeys[t])}, which ${memberName(ctx, i)} names as a challenge`
}
function typeText(ctx: Ctx, g: readonly number[], k: number, count: number) {
  const names = g.filter((i) => ctx.type[i] === k).map((i) => memberName(ctx, i))
  return `${listNames(names)} are ${count === 2 ? 'both' : 'all'} ${TYPE_PLURALS[KINDS[k]]}`
}
function distanceText(ctx: Ctx, g: readonly number[], maxKm: number) {
  const km = Math.max(1, Math.round(maxKm))
  return g.length === 2
    ? `${memberName(ctx, g[0])} and ${memberName(ctx, g[1])} are about ${km} km apart`
    : `${listNames(g.map((i) => memberName(ctx, i)))} are all within about ${km} km of each other`
}

/**
 * The score of group g (council indices); the number of repeated pairs goes to
 * ctx.lastRepeats, and with `out` the reasons too. No closures here: it runs millions of
 * times while searching. Each reason's points are rounded to 0.1 and the score is their sum.
 */
function evaluate(ctx: Ctx, g: readonly number[], out: GroupReason[] | null): number {
  const { w, counts, touched, n, themeCount: T } = ctx
  let score = 0
  let p = 0

  // shared_themes: each theme named by k ≥ 2 members earns k − 1 times the weight.
  let nt = 0
  for (const i of g)
    for (const t of ctx.challenge[i]) {
      if (counts[t]++ === 0) touched[nt++] = t
    }
  for (let x = 0; x < nt; x++) {
    const t = touched[x]
    const k = counts[t]
    if (k >= 2 && (p = round1(w.sharedTheme * (k - 1))) !== 0) {
      score += p
      if (out) out.push({ rule: 'shared_themes', points: p, text: sharedText(ctx, g, t, k) })
    }
  }
  for (let x = 0; x < nt; x++) counts[touched[x]] = 0

  // best_in_class: each challenge of a member that another member is strong on.
  if ((p = round1(w.bestInClass)) !== 0)
    for (const i of g)
      for (const t of ctx.challenge[i]) {
        let found = false
        for (const j of g) if (j !== i && ctx.strong[j * T + t]) found = true
        if (found) {
          score += p
          if (out) out.push({ rule: 'best_in_class', points: p, text: bestText(ctx, g, i, t) })
        }
      }

  // similar_type: each type held by k ≥ 2 members earns k − 1 times the weight.
  for (const i of g) if (ctx.type[i] >= 0) counts[ctx.type[i]]++
  for (let k = 0; k < KINDS.length; k++) {
    const c = counts[k]
    counts[k] = 0
    if (c >= 2 && (p = round1(w.similarType * (c - 1))) !== 0) {
      score += p
      if (out) out.push({ rule: 'similar_type', points: p, text: typeText(ctx, g, k, c) })
    }
  }

  // distance: by the furthest pair; no points when a location is unknown.
  let maxKm = 0
  let repeats = 0
  let known = true
  for (let x = 0; x < g.length; x++)
    for (let y = x + 1; y < g.length; y++) {
      const d = ctx.km[g[x] * n + g[y]]
      if (Number.isNaN(d)) known = false
      else if (d > maxKm) maxKm = d
      repeats += ctx.conflict[g[x] * n + g[y]]
    }
  if (known && g.length > 1 && (p = round1(w.distance * distanceFactor(maxKm))) !== 0) {
    score += p
    if (out) out.push({ rule: 'distance', points: p, text: distanceText(ctx, g, maxKm) })
  }

  // repeat_partner: each pair grouped again.
  if (repeats && (p = round1(w.repeatPartner)) !== 0) {
    score += repeats * p
    if (out)
      for (let x = 0; x < g.length; x++)
        for (let y = x + 1; y < g.length; y++)
          if (ctx.conflict[g[x] * n + g[y]]) out.push({ rule: 'repeat_partner', points: p, text: `${memberName(ctx, g[x])} and ${memberName(ctx, g[y])} were partners last cycle` })
  }

  ctx.lastRepeats = repeats
  return round1(score)
}

const popcount = (x: number) => {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}

/**
 * The search's score of group g: the same rules as evaluate() on bitmasks, without the
 * per-reason rounding (the answer's scores always come from evaluate()). Sets ctx.lastRepeats.
 */
function fastScore(ctx: Ctx, g: readonly number[]): number {
  const { cmask, smask, w, n } = ctx
  if (!cmask || !smask) return evaluate(ctx, g, null)
  const s = g.length
  // shared_themes: Σ (k − 1) over themes named by k ≥ 1 members = mentions − distinct themes.
  let mentions = 0
  let named = 0
  let kinds = 0
  let best = 0
  for (let x = 0; x < s; x++) {
    const i = g[x]
    mentions += popcount(cmask[i])
    named |= cmask[i]
    if (ctx.type[i] >= 0) kinds |= 1 << ctx.type[i]
    let others = 0
    for (let y = 0; y < s; y++) if (y !== x) others |= smask[g[y]]
    best += popcount(cmask[i] & others)
  }
  let typed = 0
  for (let x = 0; x < s; x++) if (ctx.type[g[x]] >= 0) typed++
  let score = w.sharedTheme * (mentions - popcount(named)) + w.bestInClass * best + w.similarType * (typed - popcount(kinds))
  let maxKm = 0
  let repeats = 0
  let known = true
  for (let x = 0; x < s; x++)
    for (let y = x + 1; y < s; y++) {
      const d = ctx.km[g[x] * n + g[y]]
      if (Number.isNaN(d)) known = false
      else if (d > maxKm) maxKm = d
      repeats += ctx.conflict[g[x] * n + g[y]]
    }
  if (known && s > 1) score += w.distance * distanceFactor(maxKm)
  score += repeats * w.repeatPartner
  ctx.lastRepeats = repeats
  return score
}

/** Score and reasons of one group (used after a manual swap too). Ids not among the councils are left out. */
export function scoreGroup(
  group: GroupSpec,
  councils: ReadonlyMap<string, PairingCouncil> | readonly PairingCouncil[],
  weights?: Partial<Weights>,
  themeLabel?: (key: string) => string,
): { score: number; reasons: GroupReason[] } {
  const byId = isMap(councils) ? councils : new Map(councils.map((c) => [c.id, c]))
  const members = [...new Set(group.councilIds)].flatMap((id) => byId.get(id) ?? [])
  const ctx = buildCtx(members, normaliseWeights(weights), themeLabel ?? defaultThemeLabel)
  const reasons: GroupReason[] = []
  const score = evaluate(ctx, members.map((_, i) => i), reasons)
  return { score, reasons }
}

const isMap = (x: ReadonlyMap<string, PairingCouncil> | readonly PairingCouncil[]): x is ReadonlyMap<string, PairingCouncil> => !Array.isArray(x)

/** How much a member would gain as host: its challenge themes that another member is strong on. */
function hostGain(ctx: Ctx, g: readonly number[], i: number) {
  let gain = 0
  for (const t of ctx.challenge[i]) if (g.some((j) => j !== i && ctx.strong[j * ctx.themeCount + t])) gain++
  return gain
}

/**
 * The panel host: the member with most to gain, i.e. the most challenge themes covered by
 * the others' strengths; then the one with more challenge themes (an assessment to
 * challenge); then by name, then id.
 */
function pickHostIndex(ctx: Ctx, g: readonly number[]): number {
  let best = g[0]
  let bestKey = [-1, -1]
  for (const i of g) {
    const key = [hostGain(ctx, g, i), ctx.challenge[i].length]
    const c = ctx.councils[i]
    const b = ctx.councils[best]
    const better = key[0] !== bestKey[0] ? key[0] > bestKey[0] : key[1] !== bestKey[1] ? key[1] > bestKey[1] : cmp(c.name, b.name) < 0 || (c.name === b.name && cmp(c.id, b.id) < 0)
    if (better) {
      best = i
      bestKey = key
    }
  }
  return best
}

/** The host a panel group should have (see pickHostIndex), e.g. to re-pick after a swap; null for an empty group. */
export function chooseHost(councilIds: readonly string[], councils: ReadonlyMap<string, PairingCouncil> | readonly PairingCouncil[]): string | null {
  const byId = isMap(councils) ? councils : new Map(councils.map((c) => [c.id, c]))
  const members = [...new Set(councilIds)].flatMap((id) => byId.get(id) ?? [])
  if (!members.length) return null
  const ctx = buildCtx(members, DEFAULT_WEIGHTS, defaultThemeLabel)
  return members[pickHostIndex(ctx, members.map((_, i) => i))].id
}

// ---------------------------------------------------------------------------------------
// Checks on a complete grouping.

const partnersLastCycle = (a: PairingCouncil | undefined, b: PairingCouncil | undefined, aId: string, bId: string) =>
  Boolean(a?.lastPartnerIds.includes(bId) || b?.lastPartnerIds.includes(aId))

/** Pairs of councils grouped together again from last cycle: [idA, idB] pairs, in group order. */
export function repeatPartners(groups: readonly GroupSpec[], councils: readonly PairingCouncil[]): [string, string][] {
  const byId = new Map(councils.map((c) => [c.id, c]))
  const pairs: [string, string][] = []
  for (const g of groups)
    for (let x = 0; x < g.councilIds.length; x++)
      for (let y = x + 1; y < g.councilIds.length; y++) {
        const a = g.councilIds[x]
        const b = g.councilIds[y]
        if (a !== b && partnersLastCycle(byId.get(a), byId.get(b), a, b)) pairs.push([a, b])
      }
  return pairs
}

/** Hard-rule violations of a complete grouping, as plain-English messages (empty when valid). Repeat partners are not a violation here: see repeatPartners(). */
export function checkGrouping(model: CycleModel, councils: readonly PairingCouncil[], groups: readonly GroupSpec[]): string[] {
  const errors: string[] = []
  if (!CYCLE_MODELS.includes(model)) return [`Unknown model: ${String(model)}`]
  const byId = new Map<string, PairingCouncil>()
  for (const c of councils) {
    if (byId.has(c.id)) errors.push(`${c.name} is listed twice among the councils`)
    byId.set(c.id, c)
  }
  const name = (id: string) => byId.get(id)?.name ?? id
  const expected = groupSizes(model, byId.size)
  if (!expected) errors.push(tooFewMessage(model))

  const seen = new Map<string, number>()
  groups.forEach((g, gi) => {
    const names = listNames(g.councilIds.map(name))
    for (const id of new Set(g.councilIds)) {
      if (!byId.has(id)) errors.push(`${id} is not one of the councils taking part`)
      seen.set(id, (seen.get(id) ?? 0) + 1)
    }
    if (new Set(g.councilIds).size !== g.councilIds.length) errors.push(`A council cannot be grouped with itself (group ${gi + 1}: ${names})`)
    if (!ALLOWED_SIZES[model].includes(g.councilIds.length)) errors.push(`The group of ${names} has ${plural(g.councilIds.length, 'council')}; ${model} groups have ${describeSizes(ALLOWED_SIZES[model]).replace(/ and /, ' or ')}`)
    if (model === 'panel') {
      if (g.hostId === null || !g.councilIds.includes(g.hostId)) errors.push(`The group of ${names} needs a host from its members`)
    } else if (g.hostId !== null) errors.push(`The group of ${names} has a host, but ${model} have none`)
  })
  for (const [id, count] of seen) if (count > 1 && byId.has(id)) errors.push(`${name(id)} is in more than one group`)
  for (const id of byId.keys()) if (!seen.has(id)) errors.push(`${name(id)} is not in any group`)

  // Pairs and triads have exactly the sizes groupSizes gives (e.g. one triad when odd).
  if (expected && model !== 'panel' && groups.every((g) => ALLOWED_SIZES[model].includes(g.councilIds.length))) {
    const actual = groups.map((g) => g.councilIds.length).sort((a, b) => b - a)
    if (actual.join() !== expected.join()) errors.push(`${byId.size} councils in ${model} should be in groups of ${describeSizes(expected)}, not ${describeSizes(actual)}`)
  }
  return errors
}

// ---------------------------------------------------------------------------------------
// Manual changes.

/**
 * Swaps councils a and b between their groups, each taking the other's place. The host
 * role stays with the group: a council swapped in for a panel host becomes that group's
 * host (the groups' hosts do not move with the councils; call chooseHost to re-pick).
 * Unknown ids, a === b, or both in one group: the groups come back unchanged (as copies).
 */
export function swapCouncils(groups: readonly GroupSpec[], a: string, b: string): GroupSpec[] {
  const copy = groups.map((g) => ({ councilIds: [...g.councilIds], hostId: g.hostId }))
  const ga = copy.findIndex((g) => g.councilIds.includes(a))
  const gb = copy.findIndex((g) => g.councilIds.includes(b))
  if (a === b || ga < 0 || gb < 0 || ga === gb) return copy
  const A = copy[ga]
  const B = copy[gb]
  A.councilIds = A.councilIds.map((id) => (id === a ? b : id))
  B.councilIds = B.councilIds.map((id) => (id === b ? a : id))
  if (A.hostId === a) A.hostId = b
  if (B.hostId === b) B.hostId = a
  return copy
}

// ---------------------------------------------------------------------------------------
// The search: first a grouping with as few repeats as possible (none when one exists),
// then local search on the score that never adds a repeat.

type Partition = { groups: number[][]; repeats: number; exhaustive: boolean }

/**
 * Depth-first search over groupings of `items` into groups of `sizes` (a multiset). The
 * first unplaced item in `order` anchors a new group; its members come from `cands[anchor]`
 * in order (later positions only, so each group is tried once). With `repeatFree` only
 * groupings without a repeat count and the first one ends the search; otherwise it is
 * branch and bound on the number of repeats. `exhaustive` is true when the whole space
 * was covered within the node budget (so a null/minimal answer is proven).
 */
function partition(ctx: Ctx, order: readonly number[], sizes: readonly number[], cands: readonly (readonly number[])[], repeatFree: boolean, budget: number): Partition | null {
  const n = ctx.n
  const placed = new Uint8Array(n).fill(1)
  for (const i of order) placed[i] = 0
  const distinct = [...new Set(sizes)].sort((a, b) => b - a)
  const left = distinct.map((s) => sizes.filter((x) => x === s).length)
  let bestRepeats = repeatFree ? 1 : Infinity
  let best: number[][] | null = null
  let nodes = 0
  let stop = false
  let aborted = false
  const groups: number[][] = []

  const next = (from: number, repeats: number) => {
    let p = from
    while (p < order.length && placed[order[p]]) p++
    if (p === order.length) {
      best = groups.map((g) => [...g])
      bestRepeats = repeats
      if (repeats === 0) stop = true
      return
    }
    const a = order[p]
    placed[a] = 1
    for (let k = 0; k < distinct.length && !stop; k++) {
      if (!left[k]) continue
      left[k]--
      const g = [a]
      groups.push(g)
      fill(g, distinct[k], cands[a], 0, repeats, p + 1)
      groups.pop()
      left[k]++
    }
    placed[a] = 0
  }
  const fill = (g: number[], size: number, list: readonly number[], from: number, repeats: number, resume: number) => {
    if (g.length === size) return next(resume, repeats)
    for (let q = from; q < list.length && !stop; q++) {
      const c = list[q]
      if (placed[c]) continue
      if (++nodes > budget) {
        aborted = stop = true
        return
      }
      let add = 0
      for (const x of g) add += ctx.conflict[x * n + c]
      if (repeats + add >= bestRepeats) continue
      placed[c] = 1
      g.push(c)
      fill(g, size, list, q + 1, repeats + add, resume)
      g.pop()
      placed[c] = 0
    }
  }
  next(0, 0)
  const found = best as number[][] | null
  return found ? { groups: found, repeats: bestRepeats, exhaustive: !aborted } : aborted ? null : { groups: [], repeats: Infinity, exhaustive: true }
}

/** Local search: swaps between unlocked groups, accepted when they remove a repeat or, adding none, raise the score; then seeded kicks (iterated local search), keeping the best. */
function improve(ctx: Ctx, groups: number[][], rng: () => number) {
  const G = groups.length
  if (G < 2) return
  const sc = new Float64Array(G)
  const rp = new Int32Array(G)
  const rescore = () => {
    for (let g = 0; g < G; g++) {
      sc[g] = fastScore(ctx, groups[g])
      rp[g] = ctx.lastRepeats
    }
  }
  rescore()
  const slotG: number[] = []
  const slotP: number[] = []
  groups.forEach((g, gi) =>
    g.forEach((_, p) => {
      slotG.push(gi)
      slotP.push(p)
    }),
  )
  const M = slotG.length
  const maxTries = Math.min(MAX_SWAP_TRIES, TRIES_PER_PAIR * M * M)
  let tries = 0

  // Swaps slot s1 with s2; keeps it if `accept` says so, else puts it back.
  const trySwap = (s1: number, s2: number, accept: (dRep: number, dScore: number) => boolean) => {
    const g1 = slotG[s1]
    const g2 = slotG[s2]
    const A = groups[g1]
    const B = groups[g2]
    const p1 = slotP[s1]
    const p2 = slotP[s2]
    let t = A[p1]
    A[p1] = B[p2]
    B[p2] = t
    const e1 = fastScore(ctx, A)
    const r1 = ctx.lastRepeats
    const e2 = fastScore(ctx, B)
    const r2 = ctx.lastRepeats
    if (accept(r1 + r2 - rp[g1] - rp[g2], e1 + e2 - sc[g1] - sc[g2])) {
      sc[g1] = e1
      sc[g2] = e2
      rp[g1] = r1
      rp[g2] = r2
      return true
    }
    t = A[p1]
    A[p1] = B[p2]
    B[p2] = t
    return false
  }
  const better = (dRep: number, dScore: number) => dRep < 0 || (dRep === 0 && dScore > 1e-9)
  const noWorseRepeats = (dRep: number) => dRep <= 0

  // Hill climbing from the dirty groups: scan their members against every other slot.
  const groupSlots: number[][] = groups.map(() => [])
  for (let s = 0; s < M; s++) groupSlots[slotG[s]].push(s)
  const queued = new Uint8Array(G)
  const climb = (dirty: number[]) => {
    const queue = [...dirty]
    for (const g of queue) queued[g] = 1
    const others = shuffle([...Array(M).keys()], rng)
    while (queue.length && tries < maxTries) {
      const g = queue.shift()!
      queued[g] = 0
      let changed = false
      for (const s1 of groupSlots[g])
        for (const s2 of others) {
          const g2 = slotG[s2]
          if (g2 === g) continue
          if (++tries > maxTries) return
          if (trySwap(s1, s2, better)) {
            changed = true
            if (!queued[g2]) {
              queued[g2] = 1
              queue.push(g2)
            }
          }
        }
      if (changed && !queued[g]) {
        queued[g] = 1
        queue.push(g)
      }
    }
    for (const g of queue) queued[g] = 0
  }
  const total = () => {
    let s = 0
    let r = 0
    for (let g = 0; g < G; g++) {
      s += sc[g]
      r += rp[g]
    }
    return { s, r }
  }

  climb([...Array(G).keys()])
  let best = total()
  let bestGroups = groups.map((g) => [...g])
  // Kicks: a few random swaps that add no repeat, then climb from the groups they touched.
  const kicks = KICKS_PER_GROUP * G + 20
  for (let k = 0; k < kicks && tries < maxTries; k++) {
    const touched: number[] = []
    const size = 2 + Math.floor(rng() * 3)
    for (let x = 0; x < size; x++) {
      const s1 = Math.floor(rng() * M)
      const s2 = Math.floor(rng() * M)
      if (slotG[s1] === slotG[s2]) continue
      tries++
      if (trySwap(s1, s2, noWorseRepeats)) touched.push(slotG[s1], slotG[s2])
    }
    if (!touched.length) continue
    climb([...new Set(touched)])
    const now = total()
    if (now.r < best.r || (now.r === best.r && now.s > best.s + 1e-9)) {
      best = now
      bestGroups = groups.map((g) => [...g])
    } else {
      bestGroups.forEach((g, gi) => g.forEach((c, p) => (groups[gi][p] = c)))
      rescore()
    }
  }
}

// ---------------------------------------------------------------------------------------
// proposeGroups.

/** Proposes groups for every council. Locked groups are kept exactly (and returned with locked: true); the rest are grouped around them. */
export function proposeGroups(input: PairingInput): PairingResult {
  const { model } = input
  if (!CYCLE_MODELS.includes(model)) return { ok: false, error: `Unknown model: ${String(model)}` }
  const ids = new Set<string>()
  for (const c of input.councils) {
    if (ids.has(c.id)) return { ok: false, error: `${c.name} is listed twice among the councils` }
    ids.add(c.id)
  }
  // Sorted by id, so the answer does not depend on the order councils come in.
  const councils = [...input.councils].sort((a, b) => cmp(a.id, b.id))
  const n = councils.length
  const expected = groupSizes(model, n)
  if (!expected) return { ok: false, error: tooFewMessage(model) }

  const w = normaliseWeights(input.weights)
  const label = input.themeLabel ?? defaultThemeLabel
  const ctx = buildCtx(councils, w, label)
  const index = new Map(councils.map((c, i) => [c.id, i]))
  const name = (i: number) => councils[i].name

  // Locked groups: valid on their own, disjoint, and leaving a remainder that can be grouped.
  const locked = input.locked ?? []
  const inLock = new Uint8Array(n)
  for (const g of locked) {
    const unknown = g.councilIds.find((id) => !index.has(id))
    if (unknown !== undefined) return { ok: false, error: `A locked group names a council that is not taking part (${unknown})` }
    const members = g.councilIds.map((id) => index.get(id)!)
    const names = listNames(members.map(name))
    for (const i of members) {
      if (inLock[i]) return { ok: false, error: members.filter((x) => x === i).length > 1 ? `${name(i)} is in a locked group twice` : `${name(i)} is in more than one locked group` }
      inLock[i] = 1
    }
    if (!ALLOWED_SIZES[model].includes(members.length)) return { ok: false, error: `A locked group of ${plural(members.length, 'council')} (${names}) is not allowed in ${model}: groups have ${describeSizes(ALLOWED_SIZES[model]).replace(/ and /, ' or ')} councils` }
    if (model === 'panel' && (g.hostId === null || !g.councilIds.includes(g.hostId))) return { ok: false, error: `The locked group of ${names} needs a host from its members` }
    if (model !== 'panel' && g.hostId !== null) return { ok: false, error: `The locked group of ${names} has a host, but ${model} have none` }
  }
  const rest = [...Array(n).keys()].filter((i) => !inLock[i])
  const m = rest.length
  let sizes: number[] = []
  if (m > 0) {
    if (model === 'panel') {
      const s = groupSizes(model, m)
      if (!s) return { ok: false, error: `Unlock a group: the ${plural(m, 'council')} left cannot form a group` }
      sizes = s
    } else {
      // Pairs and triads keep the exact sizes for n, so the locked sizes must come out of them.
      const pool = [...expected]
      let fits = true
      for (const g of locked) {
        const at = pool.indexOf(g.councilIds.length)
        if (at < 0) fits = false
        else pool.splice(at, 1)
      }
      if (!groupSizes(model, m)) return { ok: false, error: `Unlock a group: the ${plural(m, 'council')} left cannot form a group` }
      if (!fits) {
        const lockedTriads = locked.filter((g) => g.councilIds.length === 3).length
        if (model === 'pairs') return { ok: false, error: n % 2 === 0 ? 'Unlock the group of three: with an even number of councils every group is a pair' : `Unlock a group of three: pairs have only one (${lockedTriads} are locked)` }
        return { ok: false, error: `Unlock a group: the locked groups (of ${describeSizes(locked.map((g) => g.councilIds.length))}) do not fit the group sizes for ${n} councils in triads (${describeSizes(expected)})` }
      }
      sizes = pool
    }
  } else if (model !== 'panel') {
    const actual = locked.map((g) => g.councilIds.length).sort((a, b) => b - a)
    if (actual.join() !== expected.join()) return { ok: false, error: `Unlock a group: the locked groups (of ${describeSizes(actual)}) do not fit the group sizes for ${n} councils in ${model} (${describeSizes(expected)})` }
  }

  const rng = mulberry32(Number.isFinite(input.seed) ? Math.trunc(input.seed) : 0)
  const warnings: string[] = []
  let groups: number[][] = []
  let proven = true
  if (m > 0) {
    // How well each pair goes together, for the order members are tried in (a greedy start).
    const pairScore = new Float64Array(n * n)
    for (let x = 0; x < m; x++)
      for (let y = x + 1; y < m; y++) {
        const a = rest[x]
        const b = rest[y]
        pairScore[a * n + b] = pairScore[b * n + a] = fastScore(ctx, [a, b])
      }
    const degree = new Int32Array(n)
    for (const a of rest) for (const b of rest) degree[a] += ctx.conflict[a * n + b]
    const makeOrder = (jitter: number) => {
      const key = new Float64Array(n)
      for (const i of rest) key[i] = degree[i] + rng() * (jitter || 0.5)
      return [...rest].sort((a, b) => key[b] - key[a])
    }
    const makeCands = (jitter: number) => {
      const cands: number[][] = Array.from({ length: n }, () => [])
      for (const a of rest) {
        const key = new Map<number, number>()
        for (const b of rest) if (b !== a) key.set(b, -100 * ctx.conflict[a * n + b] + pairScore[a * n + b] + rng() * (jitter || 0.01))
        cands[a] = [...key.keys()].sort((x, y) => key.get(y)! - key.get(x)!)
      }
      return cands
    }
    // A panel may use any sizes of 3 to 5, so a repeat is only unavoidable when no mix of
    // sizes avoids it; pairs and triads have exactly one mix.
    const options = model === 'panel' ? panelSizeOptions(m) : [sizes]
    const cands = makeCands(0)
    const order = makeOrder(0)
    let found: Partition | null = null
    let provenNone = true
    const aborted: number[][] = []
    for (const option of options) {
      // The preferred sizes get the full budget; other panel mixes a share.
      const r = partition(ctx, order, option, cands, true, option === options[0] ? FEASIBLE_NODES : FEASIBLE_NODES / options.length)
      if (r && r.repeats === 0) {
        found = r
        break
      }
      if (!r) aborted.push(option)
    }
    // The budget ran out: try again from other seeded orders before settling for repeats.
    for (let r = 0; !found && r < RETRIES && aborted.length; r++) {
      const res = partition(ctx, makeOrder(3), aborted[r % aborted.length], makeCands(20), true, RETRY_NODES)
      if (res && res.repeats === 0) found = res
    }
    if (!found) {
      // No repeat-free grouping found (proven when every search was exhaustive): as few
      // repeats as possible, preferring the earlier (preferred) sizes on a tie.
      for (const option of options) {
        // Never null: unpruned, the first descent always completes a grouping.
        const min = partition(ctx, order, option, cands, false, Math.max(10_000, MINIMISE_NODES / options.length))!
        if (!found || min.repeats < found.repeats) found = min
        if (!min.exhaustive && aborted.includes(option)) provenNone = false
      }
      proven = provenNone
    }
    if (!found) return { ok: false, error: 'No grouping found' }
    groups = found.groups
    improve(ctx, groups, rng)
  }

  // Answer: unlocked groups in a fixed member order (host first in a panel), then every
  // group sorted by its first council's name.
  const proposed: ProposedGroup[] = []
  for (const g of groups) {
    const members = [...g].sort((a, b) => cmp(name(a), name(b)) || cmp(councils[a].id, councils[b].id))
    let hostId: string | null = null
    if (model === 'panel') {
      const host = pickHostIndex(ctx, members)
      members.splice(members.indexOf(host), 1)
      members.unshift(host)
      hostId = councils[host].id
    }
    const reasons: GroupReason[] = []
    const score = evaluate(ctx, members, reasons)
    proposed.push({ councilIds: members.map((i) => councils[i].id), hostId, score, reasons, locked: false })
  }
  for (const g of locked) {
    const reasons: GroupReason[] = []
    const score = evaluate(ctx, g.councilIds.map((id) => index.get(id)!), reasons)
    proposed.push({ councilIds: [...g.councilIds], hostId: g.hostId, score, reasons, locked: true })
  }
  const first = (g: ProposedGroup) => councils[index.get(g.councilIds[0])!]
  proposed.sort((a, b) => cmp(first(a).name, first(b).name) || cmp(first(a).id, first(b).id))

  // Warnings, in the order of the groups: every repeat, and councils with no top three.
  for (const g of proposed) {
    const members = g.councilIds.map((id) => index.get(id)!)
    const why = g.locked ? 'their group is locked' : `no grouping without a repeat ${proven ? 'exists' : 'was found'}${locked.length ? ' with the locked groups kept' : ''}`
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++)
        if (ctx.conflict[members[x] * n + members[y]]) warnings.push(`${name(members[x])} and ${name(members[y])} were partners last cycle: ${why}`)
  }
  const unassessed = councils
    .filter((c) => c.challengeThemes.length === 0)
    .map((c) => c.name)
    .sort(cmp)
  if (unassessed.length)
    warnings.push(`${listNames(unassessed)} ${unassessed.length === 1 ? 'has' : 'have'} no top three challenges yet: ${unassessed.length === 1 ? 'it was' : 'they were'} grouped without them`)

  // A last guard: never hand back a grouping that breaks a hard rule.
  const problems = checkGrouping(model, councils, proposed)
  if (problems.length) return { ok: false, error: `The proposal broke a rule: ${problems[0]}` }
  return { ok: true, groups: proposed, score: round1(proposed.reduce((s, g) => s + g.score, 0)), warnings }
}
