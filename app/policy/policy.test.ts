import { describe, expect, it } from 'vitest'
import { ACTIONS, can, invitableRoles, type Actor, type Resource, type ResourceKind } from './policy'

// The access matrix: every actor × every resource × every action of that resource.
// `allowed` lists who may; everyone else must be refused. Adding a resource kind or an
// action without adding its rows here fails the coverage test below.
const LONDON = 'r-london'
const NE = 'r-ne'
const actor = (id: string, councilId: string | null, regionId: string | null, roles: Actor['roles']): Actor => ({
  id,
  councilId,
  councilRegionId: regionId,
  roles,
})
const actors = {
  anonymous: null,
  admin: actor('admin', null, null, [{ role: 'admin', regionId: null }]),
  leadLondon: actor('lead-london', null, null, [{ role: 'region_lead', regionId: LONDON }]),
  dcsCamden: actor('dcs-camden', 'camden', LONDON, [{ role: 'director', regionId: null }]),
  officerCamden: actor('officer-camden', 'camden', LONDON, [{ role: 'officer', regionId: null }]),
  memberCamden: actor('member-camden', 'camden', LONDON, [{ role: 'lead_member', regionId: null }]),
  dcsHackney: actor('dcs-hackney', 'hackney', LONDON, [{ role: 'director', regionId: null }]),
  dcsGateshead: actor('dcs-gateshead', 'gateshead', NE, [{ role: 'director', regionId: null }]),
} satisfies Record<string, Actor | null>
type Who = keyof typeof actors

const everyone: Who[] = ['admin', 'leadLondon', 'dcsCamden', 'officerCamden', 'memberCamden', 'dcsHackney', 'dcsGateshead']
const camdenMembers: Who[] = ['dcsCamden', 'officerCamden', 'memberCamden']
const inLondon: Who[] = ['admin', 'leadLondon', ...camdenMembers, 'dcsHackney']
const inNorthEast: Who[] = ['admin', 'dcsGateshead']

type Row = { name: string; resource: Resource; allowed: Record<string, Who[]> }
const rows: Row[] = [
  { name: 'London', resource: { kind: 'region', id: LONDON }, allowed: { view: everyone, subscribe: inLondon } },
  { name: 'North East', resource: { kind: 'region', id: NE }, allowed: { view: everyone, subscribe: inNorthEast } },
  {
    name: 'Camden',
    resource: { kind: 'council', id: 'camden', regionId: LONDON },
    allowed: { view: everyone, subscribe: ['admin', 'leadLondon', ...camdenMembers] },
  },
  {
    name: 'Hackney',
    resource: { kind: 'council', id: 'hackney', regionId: LONDON },
    allowed: { view: everyone, subscribe: ['admin', 'leadLondon', 'dcsHackney'] },
  },
  {
    name: 'Gateshead',
    resource: { kind: 'council', id: 'gateshead', regionId: NE },
    allowed: { view: everyone, subscribe: ['admin', 'dcsGateshead'] },
  },
  { name: 'Camden people', resource: { kind: 'council_people', councilId: 'camden', regionId: LONDON }, allowed: { view: inLondon } },
  { name: 'Gateshead people', resource: { kind: 'council_people', councilId: 'gateshead', regionId: NE }, allowed: { view: inNorthEast } },
  { name: 'London people', resource: { kind: 'region_people', regionId: LONDON }, allowed: { view: inLondon } },
  { name: 'North East people', resource: { kind: 'region_people', regionId: NE }, allowed: { view: inNorthEast } },
  ...(['director', 'officer', 'lead_member'] as const).map((role) => ({
    name: `invite a ${role} to Camden`,
    resource: { kind: 'invitation', role, councilId: 'camden', regionId: LONDON } as Resource,
    allowed: Object.fromEntries(ACTIONS.invitation.map((a) => [a, ['admin', 'leadLondon', 'dcsCamden'] as Who[]])),
  })),
  {
    name: 'invite an officer to Hackney',
    resource: { kind: 'invitation', role: 'officer', councilId: 'hackney', regionId: LONDON },
    allowed: Object.fromEntries(ACTIONS.invitation.map((a) => [a, ['admin', 'leadLondon', 'dcsHackney'] as Who[]])),
  },
  {
    name: 'invite an officer to Gateshead',
    resource: { kind: 'invitation', role: 'officer', councilId: 'gateshead', regionId: NE },
    allowed: Object.fromEntries(ACTIONS.invitation.map((a) => [a, ['admin', 'dcsGateshead'] as Who[]])),
  },
  {
    name: 'invite a London region lead',
    resource: { kind: 'invitation', role: 'region_lead', councilId: null, regionId: LONDON },
    allowed: Object.fromEntries(ACTIONS.invitation.map((a) => [a, ['admin', 'leadLondon'] as Who[]])),
  },
  {
    name: 'invite a North East region lead',
    resource: { kind: 'invitation', role: 'region_lead', councilId: null, regionId: NE },
    allowed: Object.fromEntries(ACTIONS.invitation.map((a) => [a, ['admin'] as Who[]])),
  },
  {
    name: 'invite an admin',
    resource: { kind: 'invitation', role: 'admin', councilId: null, regionId: null },
    allowed: Object.fromEntries(ACTIONS.invitation.map((a) => [a, ['admin'] as Who[]])),
  },
  {
    name: "Camden director's account",
    resource: { kind: 'account', userId: 'dcs-camden' },
    allowed: { view: ['dcsCamden'], manage: ['dcsCamden'] },
  },
  { name: "admin's account", resource: { kind: 'account', userId: 'admin' }, allowed: { view: ['admin'], manage: ['admin'] } },
  { name: 'admin area', resource: { kind: 'admin_area' }, allowed: { view: ['admin'] } },
]

describe('policy matrix', () => {
  for (const row of rows) {
    for (const action of ACTIONS[row.resource.kind]) {
      for (const who of Object.keys(actors) as Who[]) {
        const expected = (row.allowed[action] ?? []).includes(who)
        it(`${who} ${expected ? 'may' : 'may not'} ${action} ${row.name}`, () => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          expect(can(actors[who], action as any, row.resource)).toBe(expected)
        })
      }
    }
  }

  it('covers every resource kind and every action', () => {
    const kinds = new Set(rows.map((r) => r.resource.kind))
    expect([...kinds].sort()).toEqual((Object.keys(ACTIONS) as ResourceKind[]).sort())
    for (const row of rows) {
      for (const action of Object.keys(row.allowed)) expect(ACTIONS[row.resource.kind]).toContain(action)
    }
  })
})

describe('invitableRoles', () => {
  it('offers a director only the council roles of their own council', () => {
    expect(invitableRoles(actors.dcsCamden, { councilId: 'camden', regionId: LONDON })).toEqual(['director', 'officer', 'lead_member'])
    expect(invitableRoles(actors.dcsCamden, { councilId: 'hackney', regionId: LONDON })).toEqual([])
  })
  it('offers a region lead council roles and region lead in their region', () => {
    expect(invitableRoles(actors.leadLondon, { councilId: 'hackney', regionId: LONDON })).toEqual([
      'director',
      'officer',
      'lead_member',
      'region_lead',
    ])
    expect(invitableRoles(actors.leadLondon, { councilId: 'gateshead', regionId: NE })).toEqual([])
  })
  it('offers an admin every role', () => {
    expect(invitableRoles(actors.admin, { councilId: 'gateshead', regionId: NE })).toHaveLength(5)
  })
})
