// `npm run bench:pairing`: how long the peer-challenge pairing engine takes to propose
// groups (app/peer-challenge/pairing.ts: pure, in process, no hub or database).
// Target (peer challenge design): fast for a region of 35 councils and for all 153;
// here, all 153 under 1 s.
//
// The 153 real councils (data/councils.csv, types from it) at their real places
// (data/council-locations.csv), with synthetic seeded data: 90% have three challenge
// themes from the 15 (10% have no assessment yet), each is strong on 0-3 themes, and last
// cycle's partners come from a random previous cycle of the same model in each region.
// For each model (pairs, triads, panel):
//   (a) all 153 councils as one pool;
//   (b) each of the 9 regions on its own (London is 33 councils, the largest).
// Each case: BENCH_PAIRING_WARMUP (3) untimed runs, then BENCH_PAIRING_REPS (20) timed runs,
// each with its own seed (as a region lead re-running would), timed with performance.now().
// Every answer is checked: ok, no hard-rule violation, and repeats only where the engine
// says none could be avoided.
import os from 'node:os'
import path from 'node:path'
import { checkGrouping, mulberry32, proposeGroups, repeatPartners, type CycleModel, type PairingCouncil, CYCLE_MODELS, groupSizes } from '../app/peer-challenge/pairing'
import { THEMES } from '../app/self-assessment/template'
import { councilLocations } from '../app/seed/council-locations'
import { loadCouncils } from '../app/seed/councils'
import { machine, markdownTable, median, num, percentile, root, round, writeResults } from './support'

const WARMUP = num('BENCH_PAIRING_WARMUP', 3)
const REPS = num('BENCH_PAIRING_REPS', 20)
const OUT = process.env.BENCH_OUT || path.join(root, 'bench/results/pairing.json')
const THEME_KEYS = THEMES.map((t) => t.key)

/** The 153 councils with synthetic, seeded themes, strengths and last-cycle partners (per region, in `model`). */
function buildCouncils(model: CycleModel, seed: number): { all: PairingCouncil[]; regions: Map<string, PairingCouncil[]> } {
  const rng = mulberry32(seed)
  const pick = (k: number) => {
    const pool = [...THEME_KEYS]
    return Array.from({ length: k }, () => pool.splice(Math.floor(rng() * pool.length), 1)[0])
  }
  const locations = councilLocations()
  const records = loadCouncils()
  const all: PairingCouncil[] = records.map((r) => ({
    id: r.slug,
    name: r.name,
    type: r.type,
    challengeThemes: rng() < 0.1 ? [] : pick(3),
    strongThemes: pick(Math.floor(rng() * 4)),
    location: locations.get(r.name) ?? null,
    lastPartnerIds: [],
  }))
  const regions = new Map<string, PairingCouncil[]>()
  records.forEach((r, i) => regions.set(r.region, [...(regions.get(r.region) ?? []), all[i]]))
  // Last cycle: each region grouped at random in the same model.
  for (const members of regions.values()) {
    const order = [...members].sort(() => rng() - 0.5)
    let at = 0
    for (const size of groupSizes(model, members.length) ?? []) {
      const group = order.slice(at, (at += size))
      for (const c of group) c.lastPartnerIds = group.filter((x) => x !== c).map((x) => x.id)
    }
  }
  return { all, regions }
}

type Sample = { ms: number; score: number; groups: number; repeats: number; warnings: number }

function run(model: CycleModel, councils: PairingCouncil[], seed: number): Sample {
  const t0 = performance.now()
  const result = proposeGroups({ model, councils, seed })
  const ms = performance.now() - t0
  if (!result.ok) throw new Error(`${model}, ${councils.length} councils: ${result.error}`)
  const problems = checkGrouping(model, councils, result.groups)
  if (problems.length) throw new Error(`${model}, ${councils.length} councils: ${problems.join('; ')}`)
  const repeats = repeatPartners(result.groups, councils).length
  if (repeats && !result.warnings.some((w) => w.includes('partners last cycle'))) throw new Error(`${model}: a repeat without a warning`)
  return { ms, score: result.score, groups: result.groups.length, repeats, warnings: result.warnings.length }
}

function summary(samples: Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b)
  return {
    runs: samples.length,
    medianMs: round(median(ms), 1),
    p95Ms: round(percentile(ms, 95), 1),
    maxMs: round(ms[ms.length - 1], 1),
    medianScore: round(median(samples.map((s) => s.score)), 1),
    repeats: samples.reduce((a, s) => a + s.repeats, 0),
  }
}

const loadBefore = os.loadavg()
const startedAt = new Date()
const cases: Record<string, unknown>[] = []
const rows: (string | number)[][] = []
for (const model of CYCLE_MODELS) {
  const { all, regions } = buildCouncils(model, 2026)

  // (a) All 153 as one pool.
  for (let i = 0; i < WARMUP; i++) run(model, all, 1000 + i)
  const pool = Array.from({ length: REPS }, (_, rep) => run(model, all, rep))
  const poolSummary = summary(pool)
  cases.push({ model, scope: 'all 153 councils', councils: all.length, ...poolSummary })
  rows.push([model, 'all 153 as one pool', all.length, poolSummary.runs, poolSummary.medianMs, poolSummary.p95Ms, poolSummary.maxMs, poolSummary.medianScore, poolSummary.repeats])

  // (b) Each region on its own; one sample per region per repetition, plus the 9 in a row.
  for (const members of regions.values()) for (let i = 0; i < WARMUP; i++) run(model, members, 1000 + i)
  const perRegion: Sample[] = []
  const london: Sample[] = []
  const sweeps: number[] = []
  for (let rep = 0; rep < REPS; rep++) {
    let sweep = 0
    for (const [region, members] of regions) {
      const s = run(model, members, rep)
      perRegion.push(s)
      if (region === 'London') london.push(s)
      sweep += s.ms
    }
    sweeps.push(sweep)
  }
  const regionSummary = summary(perRegion)
  const londonSummary = summary(london)
  const sortedSweeps = [...sweeps].sort((a, b) => a - b)
  const sweepSummary = { medianMs: round(median(sweeps), 1), p95Ms: round(percentile(sortedSweeps, 95), 1), maxMs: round(sortedSweeps[sortedSweeps.length - 1], 1) }
  cases.push({ model, scope: 'each region (9 × reps)', councils: '7-33', ...regionSummary })
  cases.push({ model, scope: 'London (33)', councils: 33, ...londonSummary })
  cases.push({ model, scope: 'all 9 regions in a row', councils: 153, runs: REPS, ...sweepSummary })
  rows.push([model, 'each region (9 runs a rep)', '7–33', regionSummary.runs, regionSummary.medianMs, regionSummary.p95Ms, regionSummary.maxMs, '', regionSummary.repeats])
  rows.push([model, 'London alone', 33, londonSummary.runs, londonSummary.medianMs, londonSummary.p95Ms, londonSummary.maxMs, londonSummary.medianScore, londonSummary.repeats])
  rows.push([model, 'all 9 regions in a row', 153, REPS, sweepSummary.medianMs, sweepSummary.p95Ms, sweepSummary.maxMs, '', ''])
}

const m = machine(loadBefore)
const allUnder1s = cases.filter((c) => c.scope === 'all 153 councils').every((c) => (c.maxMs as number) < 1000)
writeResults(OUT, {
  bench: 'pairing',
  date: startedAt.toISOString(),
  machine: m,
  settings: { warmupRuns: WARMUP, repetitions: REPS, timer: 'performance.now() around proposeGroups, in process', data: 'the 153 real councils and places; synthetic seeded themes, strengths and last-cycle partners' },
  target: { all153UnderMs: 1000, met: allUnder1s },
  cases,
})
console.log(`\n## Pairing bench: ${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}; ${WARMUP} warm-up runs, ${REPS} timed runs a case\n`)
console.log(markdownTable(['model', 'case', 'councils', 'runs', 'median ms', 'p95 ms', 'max ms', 'median score', 'repeats'], 'llrrrrrrr', rows))
console.log(`\nAll 153 under 1 s: ${allUnder1s ? 'yes' : 'NO'}. Results: ${path.relative(root, OUT)}`)
if (!allUnder1s) process.exitCode = 1
