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
  ...assessmentRows(),
  {
    name: "Camden's assessments",
    resource: { kind: 'council_assessments', councilId: 'camden', regionId: LONDON },
    allowed: { list: camdenMembers, create: ['dcsCamden', 'officerCamden'] },
  },
  { name: "London's assessment board", resource: { kind: 'region_assessments', regionId: LONDON }, allowed: { view: inLondon } },
  { name: "the North East's assessment board", resource: { kind: 'region_assessments', regionId: NE }, allowed: { view: inNorthEast } },
  ...threadRows(),
  { name: "London's template", resource: { kind: 'region_template', regionId: LONDON }, allowed: { view: inLondon, edit: ['admin', 'leadLondon'] } },
  { name: "the North East's template", resource: { kind: 'region_template', regionId: NE }, allowed: { view: inNorthEast, edit: ['admin'] } },
  ...forumRows(),
  ...peerChallengeRows(),
]

/** Peer-challenge cycles and challenges: Camden's challenge with Barnet (Hackney is elsewhere in London). */
function peerChallengeRows(): Row[] {
  const cycle = (status: 'pairing' | 'published') => ({ kind: 'cycle', regionId: LONDON, status }) as const
  const challenge = (reportStatus: 'draft' | 'agreed' | 'published', reportScope: 'group' | 'region' | 'all' | null) =>
    ({ kind: 'challenge', regionId: LONDON, hostCouncilId: 'camden', groupCouncilIds: ['camden', 'barnet'], reportStatus, reportScope }) as const
  const group: Who[] = ['leadLondon', ...camdenMembers]
  const host = { agree: ['dcsCamden'] as Who[], publish: ['dcsCamden'] as Who[], review: ['dcsCamden', 'officerCamden'] as Who[] }
  const unpublished = { view: group, edit: ['dcsCamden', 'officerCamden'] as Who[], ...host }
  return [
    { name: "London's cycles", resource: { kind: 'region_cycles', regionId: LONDON }, allowed: { list: inLondon, create: ['admin', 'leadLondon'] } },
    { name: "the North East's cycles", resource: { kind: 'region_cycles', regionId: NE }, allowed: { list: inNorthEast, create: ['admin'] } },
    { name: 'a London cycle in pairing', resource: cycle('pairing'), allowed: { view: ['admin', 'leadLondon'], manage: ['admin', 'leadLondon'], view_lessons: ['admin', 'leadLondon'] } },
    { name: 'a published London cycle', resource: cycle('published'), allowed: { view: inLondon, manage: ['admin', 'leadLondon'], view_lessons: inLondon } },
    { name: "Camden's challenge with a draft report", resource: challenge('draft', null), allowed: unpublished },
    { name: "Camden's challenge with an agreed report", resource: challenge('agreed', null), allowed: { ...unpublished, edit: [] } },
    { name: "Camden's challenge published to the group", resource: challenge('published', 'group'), allowed: { view: group, ...host } },
    {
      name: "Camden's challenge published to the region",
      resource: challenge('published', 'region'),
      allowed: { view: [...group, 'dcsHackney'], ...host },
    },
    {
      name: "Camden's challenge published to all members",
      resource: challenge('published', 'all'),
      allowed: { view: everyone, ...host },
    },
  ]
}

/** Discussion spaces, threads and posts: who reads, writes and moderates where. */
function forumRows(): Row[] {
  const national = { kind: 'space', id: 's-national', scope: 'national', regionId: null, memberCouncilIds: [] } as const
  const london = { kind: 'space', id: 's-london', scope: 'region', regionId: LONDON, memberCouncilIds: [] } as const
  const northEast = { kind: 'space', id: 's-ne', scope: 'region', regionId: NE, memberCouncilIds: [] } as const
  const camdenGroup = { kind: 'space', id: 's-group', scope: 'group', regionId: LONDON, memberCouncilIds: ['camden'] } as const
  const groupReaders: Who[] = ['admin', 'leadLondon', ...camdenMembers]
  const space = (readers: Who[], moderators: Who[]) => ({ view: readers, subscribe: readers, post: readers, moderate: moderators })
  return [
    { name: 'the national space', resource: national, allowed: space(everyone, ['admin']) },
    { name: 'the London space', resource: london, allowed: space(inLondon, ['admin', 'leadLondon']) },
    { name: 'the North East space', resource: northEast, allowed: space(inNorthEast, ['admin']) },
    { name: "Camden's private group space", resource: camdenGroup, allowed: space(groupReaders, ['admin', 'leadLondon']) },
    { name: "London's private spaces", resource: { kind: 'region_spaces', regionId: LONDON }, allowed: { create: ['admin', 'leadLondon'] } },
    { name: "the North East's private spaces", resource: { kind: 'region_spaces', regionId: NE }, allowed: { create: ['admin'] } },
    {
      name: "Camden's thread in its group space",
      resource: { kind: 'thread', space: camdenGroup, authorId: 'dcs-camden', locked: false, hidden: false },
      allowed: { view: groupReaders, reply: groupReaders, accept_answer: ['admin', 'leadLondon', 'dcsCamden'], moderate: ['admin', 'leadLondon'] },
    },
    {
      name: "Hackney's locked national thread",
      resource: { kind: 'thread', space: national, authorId: 'dcs-hackney', locked: true, hidden: false },
      allowed: { view: everyone, reply: ['admin'], accept_answer: ['admin', 'dcsHackney'], moderate: ['admin'] },
    },
    {
      name: "Hackney's hidden London thread",
      resource: { kind: 'thread', space: london, authorId: 'dcs-hackney', locked: false, hidden: true },
      allowed: { view: ['admin', 'leadLondon'], reply: ['admin', 'leadLondon'], accept_answer: ['admin', 'leadLondon'], moderate: ['admin', 'leadLondon'] },
    },
    {
      name: "Hackney's post in the London space",
      resource: { kind: 'post', space: london, authorId: 'dcs-hackney', threadLocked: false, hidden: false },
      allowed: { view: inLondon, edit: ['dcsHackney'], react: inLondon, flag: inLondon.filter((w) => w !== 'dcsHackney'), moderate: ['admin', 'leadLondon'] },
    },
    {
      name: "Gateshead's hidden national post",
      resource: { kind: 'post', space: national, authorId: 'dcs-gateshead', threadLocked: false, hidden: true },
      allowed: { view: ['admin'], edit: [], react: ['admin'], flag: ['admin'], moderate: ['admin'] },
    },
    {
      name: "Camden's post in a locked national thread",
      resource: { kind: 'post', space: national, authorId: 'dcs-camden', threadLocked: true, hidden: false },
      allowed: { view: everyone, edit: [], react: everyone, flag: everyone.filter((w) => w !== 'dcsCamden'), moderate: ['admin'] },
    },
  ]
}

/** Challenge threads on Camden's assessment: who may answer, who may close them. */
function threadRows(): Row[] {
  const camden = (status: 'signed_off' | 'shared', shareScope: 'region' | 'all') =>
    ({ kind: 'self_assessment', councilId: 'camden', regionId: LONDON, status, shareScope, partnerCouncilIds: [] }) as const
  return [
    {
      name: "Hackney director's thread on Camden's assessment shared with the region",
      resource: { kind: 'assessment_thread', assessment: camden('shared', 'region'), authorId: 'dcs-hackney' },
      allowed: { reply: ['leadLondon', 'dcsHackney', ...camdenMembers], resolve: ['dcsHackney', 'dcsCamden', 'officerCamden'] },
    },
    {
      name: "Gateshead director's thread on Camden's assessment shared with all",
      resource: { kind: 'assessment_thread', assessment: camden('shared', 'all'), authorId: 'dcs-gateshead' },
      allowed: { reply: everyone, resolve: ['dcsGateshead', 'dcsCamden', 'officerCamden'] },
    },
    {
      // Withdrawn: the asker loses access; the council keeps its threads.
      name: "Hackney director's thread after Camden withdrew",
      resource: { kind: 'assessment_thread', assessment: camden('signed_off', 'region'), authorId: 'dcs-hackney' },
      allowed: { reply: camdenMembers, resolve: ['dcsCamden', 'officerCamden'] },
    },
  ]
}

/** Camden's self-assessment in each status and sharing scope, and a Gateshead one shared with Camden. */
function assessmentRows(): Row[] {
  const camden = (status: 'draft' | 'ready_for_sign_off' | 'signed_off' | 'shared', shareScope: 'none' | 'partners' | 'region' | 'all') =>
    ({ kind: 'self_assessment', councilId: 'camden', regionId: LONDON, status, shareScope, partnerCouncilIds: ['hackney'] }) as const
  const writers: Who[] = ['dcsCamden', 'officerCamden']
  const own = { edit: writers, sign_off: ['dcsCamden'] as Who[], share: ['dcsCamden'] as Who[], view_readers: camdenMembers, view_drafts: camdenMembers }
  const readers = (extra: Who[]) => ({ view: [...camdenMembers, ...extra], comment: [...camdenMembers, ...extra] })
  // Not shared: only the council reads it, and no one starts a challenge thread.
  const unshared = { ...own, view: camdenMembers }
  return [
    { name: 'Camden draft assessment', resource: camden('draft', 'none'), allowed: unshared },
    { name: 'Camden assessment ready for sign-off', resource: camden('ready_for_sign_off', 'none'), allowed: unshared },
    { name: 'Camden assessment shared with partners', resource: camden('shared', 'partners'), allowed: { ...own, ...readers(['dcsHackney']) } },
    { name: 'Camden assessment shared with the region', resource: camden('shared', 'region'), allowed: { ...own, ...readers(['leadLondon', 'dcsHackney']) } },
    {
      name: 'Camden assessment shared with all members',
      resource: camden('shared', 'all'),
      allowed: { ...own, ...readers(['admin', 'leadLondon', 'dcsHackney', 'dcsGateshead']) },
    },
    // Withdrawn: back to signed off, the old scope no longer opens it.
    { name: 'Camden assessment withdrawn from the region', resource: camden('signed_off', 'region'), allowed: unshared },
    {
      name: 'Gateshead assessment shared with partners (Camden)',
      resource: { kind: 'self_assessment', councilId: 'gateshead', regionId: NE, status: 'shared', shareScope: 'partners', partnerCouncilIds: ['camden'] },
      allowed: {
        view: ['dcsGateshead', ...camdenMembers],
        comment: ['dcsGateshead', ...camdenMembers],
        edit: ['dcsGateshead'],
        sign_off: ['dcsGateshead'],
        share: ['dcsGateshead'],
        view_readers: ['dcsGateshead'],
        view_drafts: ['dcsGateshead'],
      },
    },
  ]
}

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
