import { db } from '~/services.server'
import { can, type Actor, type CycleFacts } from '~/policy/policy'
import type { Prisma } from '~/generated/prisma/client'
import { createGroupSpace } from '~/forums/spaces.server'
import { cycleLabel } from '~/self-assessment/cycle'
import { THEMES } from '~/self-assessment/template'
import { checkGrouping, proposeGroups, scoreGroup, swapCouncils as swapInGroups, type GroupReason, type GroupSpec, type PairingCouncil } from './pairing'
import { fail, invalid, type Failure } from './failure'
import { groupRow } from './groups'
import { pairingInputs } from './pairing-input.server'
import { notifyGroupsPublished } from './reminders.server'
import { checkTimetable, readCycleForm, type CycleModelKey, type TimetableField } from './timetable'

// Peer-challenge cycles on the server: open one, change its timetable, run the pairing
// engine around the lead's locks, swap councils, and publish, which makes each group's
// challenges and private space. Every function asks the policy first.


const cycleInclude = {
  region: { select: { id: true, name: true, slug: true } },
  participants: { select: { council: { select: { id: true, name: true, slug: true, type: true } } } },
  groups: {
    orderBy: { number: 'asc' as const },
    select: { id: true, number: true, hostCouncilId: true, locked: true, score: true, reasons: true, spaceId: true, members: { select: { councilId: true } } },
  },
} satisfies Prisma.ChallengeCycleInclude

export type CycleRow = Prisma.ChallengeCycleGetPayload<{ include: typeof cycleInclude }>

export async function findCycle(id: string): Promise<CycleRow | null> {
  if (!/^[a-z0-9]{1,40}$/.test(id)) return null
  const cycle = await db().challengeCycle.findUnique({ where: { id }, include: cycleInclude })
  cycle?.participants.sort((a, b) => a.council.name.localeCompare(b.council.name))
  return cycle
}

export const cycleFacts = (c: { regionId: string; status: 'pairing' | 'published' }): CycleFacts => ({ kind: 'cycle', regionId: c.regionId, status: c.status })

/** The cycle if this person may see it (a 404 otherwise), and may do `action` (a 403 otherwise). */
export async function cycleFor(actor: Actor, id: string, action: 'view' | 'manage' | 'view_lessons' = 'view'): Promise<{ ok: true; cycle: CycleRow } | Failure> {
  const cycle = await findCycle(id)
  if (!cycle || !can(actor, 'view', cycleFacts(cycle))) return fail(404, 'Cycle not found')
  if (!can(actor, action, cycleFacts(cycle))) return fail(403, 'You cannot do that in this cycle')
  return { ok: true, cycle }
}

/** A region's cycles, newest first, that this person may see. */
export async function regionCycles(actor: Actor, regionId: string) {
  const cycles = await db().challengeCycle.findMany({
    where: { regionId },
    orderBy: { year: 'desc' },
    select: { id: true, year: true, model: true, status: true, regionId: true, windowOpens: true, windowCloses: true, _count: { select: { participants: true, groups: true } } },
  })
  return cycles.filter((c) => can(actor, 'view', cycleFacts(c)))
}

type FieldEntries = Record<string, unknown> & { councils?: unknown[] }

export async function openCycle(actor: Actor, region: { id: string }, fields: FieldEntries): Promise<{ ok: true; cycleId: string } | Failure> {
  if (!can(actor, 'create', { kind: 'region_cycles', regionId: region.id })) return fail(403, 'You cannot open a cycle in this region')
  const councils = await db().council.findMany({ where: { regionId: region.id }, select: { id: true } })
  const read = readCycleForm(fields, councils.map((c) => c.id))
  if (!read.ok) return invalid(read.errors)
  const { year, model, timetable, councilIds } = read.value
  if (await db().challengeCycle.findUnique({ where: { regionId_year: { regionId: region.id, year } }, select: { id: true } }))
    return invalid({ year: `This region already has a cycle for ${cycleLabel(year)}` })
  let cycleId: string
  try {
    const cycle = await db().challengeCycle.create({
      data: { regionId: region.id, year, model, ...timetable, createdById: actor.id, participants: { create: councilIds.map((councilId) => ({ councilId })) } },
      select: { id: true },
    })
    cycleId = cycle.id
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return invalid({ year: `This region already has a cycle for ${cycleLabel(year)}` })
    throw error
  }
  // The lead lands on a first proposal.
  await runPairing(actor, cycleId, 1)
  return { ok: true, cycleId }
}

/** The timetable can change at any time; who takes part, and the model, only while pairing. */
export async function updateCycle(actor: Actor, id: string, fields: FieldEntries): Promise<{ ok: true } | Failure> {
  const found = await cycleFor(actor, id, 'manage')
  if (!found.ok) return found
  const { cycle } = found
  if (cycle.status === 'published') {
    const timetable = checkTimetable(fields as Record<TimetableField, unknown>, cycle.year)
    if (!timetable.ok) return invalid(timetable.errors)
    await db().challengeCycle.update({ where: { id }, data: timetable.value })
    return { ok: true }
  }
  const councils = await db().council.findMany({ where: { regionId: cycle.regionId }, select: { id: true } })
  const read = readCycleForm({ ...fields, year: cycle.year }, councils.map((c) => c.id))
  if (!read.ok) return invalid(read.errors)
  const { model, timetable, councilIds } = read.value
  const before = new Set(cycle.participants.map((p) => p.council.id))
  const changedCouncils = councilIds.length !== before.size || councilIds.some((c) => !before.has(c))
  const newModel = model !== cycle.model
  const updated = await db().$transaction(async (tx) => {
    // Only while pairing: a publish that got in first keeps its groups and councils.
    const { count } = await tx.challengeCycle.updateMany({ where: { id, status: 'pairing' }, data: { model, ...timetable } })
    if (!count) return false
    if (changedCouncils) {
      await tx.cycleParticipant.deleteMany({ where: { cycleId: id } })
      await tx.cycleParticipant.createMany({ data: councilIds.map((councilId) => ({ cycleId: id, councilId })) })
    }
    // Groups locked under another model do not fit the new one.
    if (newModel) await tx.challengeGroup.updateMany({ where: { cycleId: id }, data: { locked: false } })
    return true
  })
  if (!updated) return fail(409, 'The groups were published meanwhile: only the dates can change now')
  // New councils or a new model need new groups: propose again around the locks that still fit.
  if (changedCouncils || newModel) {
    const proposed = await runPairing(actor, id, cycle.seed)
    if (!proposed.ok) return fail(409, `The cycle is saved, but no groups could be proposed: ${proposed.message}`)
  }
  return { ok: true }
}

const themeLabel = (key: string) => THEMES.find((t) => t.key === key)?.label ?? key

async function pairingState(actor: Actor, cycle: CycleRow) {
  const participants = cycle.participants.map((p) => p.council)
  const inputs = await pairingInputs(actor, cycle, participants)
  return { inputs, byId: new Map(inputs.councils.map((c) => [c.id, c])) }
}

type SavedGroup = GroupSpec & { locked: boolean; score: number; reasons: GroupReason[] }

/** Replaces the cycle's proposed groups (pairing only): ids change, nothing hangs off them yet. */
async function saveGroups(cycleId: string, groups: SavedGroup[], extra: { seed?: number; warnings?: string[] } = {}) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.challengeCycle.updateMany({ where: { id: cycleId, status: 'pairing' }, data: extra })
    if (!count) throw new PublishedError()
    await tx.challengeGroup.deleteMany({ where: { cycleId } })
    for (const [i, g] of groups.entries()) await tx.challengeGroup.create({ data: groupRow(cycleId, i + 1, g) })
  })
}

class PublishedError extends Error {}

const specsOf = (cycle: CycleRow) => cycle.groups.map((g) => ({ id: g.id, councilIds: g.members.map((m) => m.councilId), hostId: g.hostCouncilId, locked: g.locked }))

/** Proposes groups for everyone not in a locked group. A new seed gives a different proposal. */
export async function runPairing(actor: Actor, id: string, seed?: number): Promise<{ ok: true; warnings: string[] } | Failure> {
  const found = await cycleFor(actor, id, 'manage')
  if (!found.ok) return found
  const { cycle } = found
  if (cycle.status !== 'pairing') return fail(409, 'The groups are published and can no longer change')
  const { inputs } = await pairingState(actor, cycle)
  const participantIds = new Set(inputs.councils.map((c) => c.id))
  // Locks that no longer fit (a council left the cycle) are dropped.
  const locked = specsOf(cycle).filter((g) => g.locked && g.councilIds.every((c) => participantIds.has(c)))
  const nextSeed = seed ?? (cycle.seed % 1_000_000) + 1
  const result = proposeGroups({ model: cycle.model as CycleModelKey, councils: inputs.councils, locked, seed: nextSeed, themeLabel })
  if (!result.ok) return fail(409, result.error)
  try {
    await saveGroups(id, result.groups, { seed: nextSeed, warnings: result.warnings })
  } catch (error) {
    if (error instanceof PublishedError) return fail(409, 'The groups are published and can no longer change')
    throw error
  }
  return { ok: true, warnings: result.warnings }
}

export async function setGroupLock(actor: Actor, id: string, groupId: string, locked: boolean): Promise<{ ok: true } | Failure> {
  const found = await cycleFor(actor, id, 'manage')
  if (!found.ok) return found
  if (found.cycle.status !== 'pairing') return fail(409, 'The groups are published and can no longer change')
  const { count } = await db().challengeGroup.updateMany({ where: { id: String(groupId), cycleId: id }, data: { locked } })
  return count ? { ok: true } : fail(404, 'Group not found')
}

/** Swaps two councils between their groups; both groups must be unlocked. */
export async function swapCouncils(actor: Actor, id: string, a: unknown, b: unknown): Promise<{ ok: true; warnings: string[] } | Failure> {
  const found = await cycleFor(actor, id, 'manage')
  if (!found.ok) return found
  const { cycle } = found
  if (cycle.status !== 'pairing') return fail(409, 'The groups are published and can no longer change')
  const specs = specsOf(cycle)
  const groupOf = (c: unknown) => specs.find((g) => g.councilIds.includes(String(c)))
  const [ga, gb] = [groupOf(a), groupOf(b)]
  const errors: Record<string, string> = {}
  if (!ga) errors.first = 'Choose a council in this cycle'
  if (!gb) errors.second = 'Choose a council in this cycle'
  if (ga && gb && ga === gb) errors.second = 'Choose a council from a different group'
  if (ga?.locked) errors.first = 'That council’s group is locked: unlock it first'
  if (gb?.locked) errors.second = 'That council’s group is locked: unlock it first'
  if (Object.keys(errors).length) return invalid(errors)
  const { inputs, byId } = await pairingState(actor, cycle)
  const swapped = swapInGroups(specs, String(a), String(b))
  const problems = checkGrouping(cycle.model as CycleModelKey, inputs.councils, swapped)
  if (problems.length) return invalid({ second: problems[0] })
  // Only unlocked groups change in a swap, so a group is locked when an unchanged locked group has its councils.
  const lockedKeys = new Set(specs.filter((g) => g.locked).map((g) => [...g.councilIds].sort().join()))
  const groups = swapped.map((g) => ({ ...g, locked: lockedKeys.has([...g.councilIds].sort().join()), ...scoreGroup(g, byId, undefined, themeLabel) }))
  const repeats = groups.filter((g) => g.reasons.some((r) => r.rule === 'repeat_partner')).map((g) => g.reasons.find((r) => r.rule === 'repeat_partner')!.text)
  try {
    await saveGroups(id, groups, { warnings: repeats })
  } catch (error) {
    if (error instanceof PublishedError) return fail(409, 'The groups are published and can no longer change')
    throw error
  }
  return { ok: true, warnings: repeats }
}

/** Publishes the groups: each gets its challenges (every member's in pairs and triads, the host's in a panel) and a private space. */
export async function publishCycle(actor: Actor, id: string): Promise<{ ok: true } | Failure> {
  const found = await cycleFor(actor, id, 'manage')
  if (!found.ok) return found
  const { cycle } = found
  if (cycle.status !== 'pairing') return fail(409, 'The groups are already published')
  const participants: PairingCouncil[] = cycle.participants.map((p) => ({ id: p.council.id, name: p.council.name, type: p.council.type, challengeThemes: [], strongThemes: [], location: null, lastPartnerIds: [] }))
  const outcome = await db().$transaction(async (tx) => {
    // Claim first: the claim's row lock makes a concurrent propose or swap wait (or fail),
    // so the groups read next are the ones published.
    const { count } = await tx.challengeCycle.updateMany({ where: { id, status: 'pairing' }, data: { status: 'published', publishedAt: new Date(), publishedById: actor.id } })
    if (!count) return { ok: false as const, message: 'The groups are already published' }
    const groups = await tx.challengeGroup.findMany({ where: { cycleId: id }, select: { id: true, hostCouncilId: true, members: { select: { councilId: true } } } })
    const specs = groups.map((g) => ({ id: g.id, councilIds: g.members.map((m) => m.councilId), hostId: g.hostCouncilId }))
    const problems = checkGrouping(cycle.model as CycleModelKey, participants, specs)
    if (!specs.length || problems.length) throw new NotPublishable(problems[0] ?? 'Propose groups before publishing')
    for (const g of specs) {
      const hosts = cycle.model === 'panel' ? [g.hostId ?? g.councilIds[0]] : g.councilIds
      await tx.challenge.createMany({ data: hosts.map((hostCouncilId) => ({ cycleId: id, groupId: g.id, hostCouncilId })) })
    }
    return { ok: true as const }
  }).catch((error) => {
    // Thrown to roll the claim back.
    if (error instanceof NotPublishable) return { ok: false as const, message: error.message }
    throw error
  })
  if (!outcome.ok) return fail(409, outcome.message)
  await ensureGroupSpaces(id, actor.id)
  await notifyGroupsPublished(id)
  return { ok: true }
}

class NotPublishable extends Error {}

/** Each published group's private discussion space (made after the publish commits; safe to repeat). */
export async function ensureGroupSpaces(cycleId: string, createdById: string) {
  const cycle = await findCycle(cycleId)
  if (!cycle || cycle.status !== 'published') return
  const names = new Map(cycle.participants.map((p) => [p.council.id, p.council.name]))
  for (const g of cycle.groups.filter((g) => !g.spaceId)) {
    const councilNames = g.members.map((m) => names.get(m.councilId) ?? '').sort((a, b) => a.localeCompare(b))
    const list = councilNames.length > 1 ? `${councilNames.slice(0, -1).join(', ')} and ${councilNames.at(-1)}` : councilNames.join('')
    const space = await createGroupSpace({
      regionId: cycle.regionId,
      name: `${list}: peer challenge ${cycleLabel(cycle.year)}`,
      description: `The private space of ${cycle.region.name}'s challenge group ${g.number}: only its councils and the region's leads read it.`,
      councilIds: g.members.map((m) => m.councilId),
      createdById,
    })
    const { count } = await db().challengeGroup.updateMany({ where: { id: g.id, spaceId: null }, data: { spaceId: space.id } })
    // Another instance got there first: ours is not needed.
    if (!count) await db().space.delete({ where: { id: space.id } })
  }
}

/** Everything the pairing page shows: groups with names, reasons and score, and the councils without themes. */
export async function pairingPage(actor: Actor, id: string) {
  const found = await cycleFor(actor, id, 'manage')
  if (!found.ok) return found
  const { cycle } = found
  const { inputs, byId } = await pairingState(actor, cycle)
  const names = new Map(cycle.participants.map((p) => [p.council.id, p.council]))
  const grouped = new Set(cycle.groups.flatMap((g) => g.members.map((m) => m.councilId)))
  return {
    ok: true as const,
    cycle,
    groups: cycle.groups.map((g) => {
      // Scored again for this reader, from what they may read now: reasons stored when the
      // groups were proposed may name themes a council has since withdrawn.
      const scored = scoreGroup({ councilIds: g.members.map((m) => m.councilId), hostId: g.hostCouncilId }, byId, undefined, themeLabel)
      return {
      id: g.id,
      number: g.number,
      locked: g.locked,
      score: Math.round(scored.score),
      reasons: scored.reasons,
      host: g.hostCouncilId ? (names.get(g.hostCouncilId)?.name ?? null) : null,
      councils: g.members.map((m) => names.get(m.councilId)).filter((c): c is NonNullable<typeof c> => !!c).sort((a, b) => a.name.localeCompare(b.name)),
      }
    }),
    ungrouped: cycle.participants.map((p) => p.council).filter((c) => !grouped.has(c.id)),
    withoutThemes: inputs.withoutThemes,
    problems: checkGrouping(cycle.model as CycleModelKey, inputs.councils, specsOf(cycle)),
  }
}
