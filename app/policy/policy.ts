// Who may see or do what: every access rule of the hub lives in this file and nowhere
// else. Loaders, actions, search, exports and socket rooms all ask `can`. It is pure (no
// database): callers load the resource's facts first and pass them in.

export const ROLES = ['director', 'officer', 'lead_member', 'region_lead', 'admin'] as const
export type RoleName = (typeof ROLES)[number]
/** Roles held in a council (the user's own), as opposed to on a region or nationally. */
export const COUNCIL_ROLES = ['director', 'officer', 'lead_member'] as const satisfies readonly RoleName[]

export type Actor = {
  id: string
  councilId: string | null
  /** The region of the actor's council, if they belong to one. */
  councilRegionId: string | null
  roles: { role: RoleName; regionId: string | null }[]
}

/** Who a director has shared a self-assessment with. */
export type ShareScope = 'none' | 'partners' | 'region' | 'all'

/** What the policy needs to know about a self-assessment. */
export type AssessmentFacts = {
  kind: 'self_assessment'
  councilId: string
  regionId: string
  status: 'draft' | 'ready_for_sign_off' | 'signed_off' | 'shared'
  shareScope: ShareScope
  /** The council's challenge partners in the current cycle. */
  partnerCouncilIds: readonly string[]
}

/** What the policy needs to know about a discussion space. */
export type SpaceFacts = {
  kind: 'space'
  id: string
  /** national: every member; region: that region's people; group: a private space for chosen councils. */
  scope: 'national' | 'region' | 'group'
  /** The region of a region or group space (null for the national space). */
  regionId: string | null
  /** The councils of a group space (empty otherwise). */
  memberCouncilIds: readonly string[]
}

/** What the policy needs to know about a peer-challenge cycle. */
export type CycleFacts = {
  kind: 'cycle'
  regionId: string
  /** pairing: groups are still being worked on by the region lead; published: groups are out. */
  status: 'pairing' | 'published'
}

/** What the policy needs to know about one council's peer challenge. */
export type ChallengeFacts = {
  kind: 'challenge'
  regionId: string
  hostCouncilId: string
  /** Every council of the challenge group, the host included. */
  groupCouncilIds: readonly string[]
  reportStatus: 'draft' | 'agreed' | 'published'
  /** Who a published report reaches: the group, the whole region, or all members. */
  reportScope: 'group' | 'region' | 'all' | null
}

export type Resource =
  | { kind: 'region'; id: string }
  | { kind: 'council'; id: string; regionId: string }
  | { kind: 'council_people'; councilId: string; regionId: string }
  | { kind: 'region_people'; regionId: string }
  /** An invitation, existing or proposed: the role it grants and where. */
  | { kind: 'invitation'; role: RoleName; councilId: string | null; regionId: string | null }
  /** A person's own account: their sessions and password. */
  | { kind: 'account'; userId: string }
  | { kind: 'admin_area' }
  /** One council's self-assessment: its status, and with whom it is shared. */
  | AssessmentFacts
  /** A council's self-assessments as a whole: listing them, starting this year's. */
  | { kind: 'council_assessments'; councilId: string; regionId: string }
  /** The region's board: which council is at which status (not the content). */
  | { kind: 'region_assessments'; regionId: string }
  /** A challenge thread on a section of a self-assessment, started by `authorId`. */
  | { kind: 'assessment_thread'; assessment: AssessmentFacts; authorId: string }
  /** The region's self-assessment template for a cycle year. */
  | { kind: 'region_template'; regionId: string }
  /** A discussion space: reading it, posting in it, moderating it. */
  | SpaceFacts
  /** The private spaces of a region: creating one for chosen councils. */
  | { kind: 'region_spaces'; regionId: string }
  /** A thread in a space, started by `authorId`. */
  | { kind: 'thread'; space: SpaceFacts; authorId: string; locked: boolean; hidden: boolean }
  /** A post in a thread, written by `authorId`. */
  | { kind: 'post'; space: SpaceFacts; authorId: string; threadLocked: boolean; hidden: boolean }
  /** A region's peer-challenge cycles: listing them, opening one. */
  | { kind: 'region_cycles'; regionId: string }
  /** One peer-challenge cycle: its board, pairing and collective lessons. */
  | CycleFacts
  /** One council's challenge: meeting, findings, actions, report and review. */
  | ChallengeFacts

export type ResourceKind = Resource['kind']

/** The actions that exist for each kind of resource. */
export const ACTIONS = {
  region: ['view', 'subscribe'],
  council: ['view', 'subscribe'],
  council_people: ['view'],
  region_people: ['view'],
  invitation: ['create', 'view', 'revoke'],
  account: ['view', 'manage'],
  admin_area: ['view'],
  self_assessment: ['view', 'view_drafts', 'edit', 'sign_off', 'share', 'comment', 'view_readers'],
  council_assessments: ['list', 'create'],
  region_assessments: ['view'],
  assessment_thread: ['reply', 'resolve'],
  region_template: ['view', 'edit'],
  space: ['view', 'subscribe', 'post', 'moderate'],
  region_spaces: ['create'],
  thread: ['view', 'reply', 'accept_answer', 'moderate'],
  post: ['view', 'edit', 'react', 'flag', 'moderate'],
  region_cycles: ['list', 'create'],
  cycle: ['view', 'manage', 'view_lessons'],
  challenge: ['view', 'edit', 'agree', 'publish', 'review'],
} as const satisfies Record<ResourceKind, readonly string[]>

export type ActionFor<K extends ResourceKind> = (typeof ACTIONS)[K][number]

const has = (actor: Actor, role: RoleName) => actor.roles.some((r) => r.role === role)
const isAdmin = (actor: Actor) => has(actor, 'admin')
const leadsRegion = (actor: Actor, regionId: string | null) =>
  regionId !== null && actor.roles.some((r) => r.role === 'region_lead' && r.regionId === regionId)
const holdsCouncilRole = (actor: Actor, role: RoleName, councilId: string | null) =>
  councilId !== null && actor.councilId === councilId && has(actor, role)
const isCouncilMember = (actor: Actor) => actor.councilId !== null && COUNCIL_ROLES.some((r) => has(actor, r))
const memberOfRegion = (actor: Actor, regionId: string) => isCouncilMember(actor) && actor.councilRegionId === regionId
/** Everyone with a standing in a region: its councils' members, its leads, and admins. */
const inRegion = (actor: Actor, regionId: string) => isAdmin(actor) || leadsRegion(actor, regionId) || memberOfRegion(actor, regionId)
const isCouncilRole = (role: RoleName) => (COUNCIL_ROLES as readonly RoleName[]).includes(role)

/**
 * Self-assessments are candid: by default only the council's own members see one. Once
 * shared (and only while shared), the director's chosen scope decides who else may read.
 * National admins read one only when it is shared with all members.
 */
function mayReadAssessment(actor: Actor, a: AssessmentFacts): boolean {
  if (isCouncilMember(actor) && actor.councilId === a.councilId) return true
  if (a.status !== 'shared') return false
  switch (a.shareScope) {
    case 'all':
      return true
    case 'region':
      return leadsRegion(actor, a.regionId) || memberOfRegion(actor, a.regionId)
    case 'partners':
      return isCouncilMember(actor) && actor.councilId !== null && a.partnerCouncilIds.includes(actor.councilId)
    case 'none':
      return false
  }
}

/** Who reads a space: the national one everyone; a region's its people; a group's its councils' members, the region's leads. Admins read all (they moderate all). */
function mayReadSpace(actor: Actor, s: SpaceFacts): boolean {
  if (isAdmin(actor)) return true
  switch (s.scope) {
    case 'national':
      return isCouncilMember(actor) || has(actor, 'region_lead')
    case 'region':
      return s.regionId !== null && inRegion(actor, s.regionId)
    case 'group':
      return leadsRegion(actor, s.regionId) || (isCouncilMember(actor) && actor.councilId !== null && s.memberCouncilIds.includes(actor.councilId))
  }
}

/** Region leads moderate their region's spaces (its own and its groups'); admins moderate all. */
const mayModerateSpace = (actor: Actor, s: SpaceFacts) => isAdmin(actor) || (s.scope !== 'national' && leadsRegion(actor, s.regionId))

/** A thread or post: null when the actor may not see it (a hidden one is gone for all but its moderators). */
function forumAccess(actor: Actor, space: SpaceFacts, hidden: boolean): { moderator: boolean } | null {
  if (!mayReadSpace(actor, space)) return null
  const moderator = mayModerateSpace(actor, space)
  return hidden && !moderator ? null : { moderator }
}

const inGroup = (actor: Actor, c: ChallengeFacts) => isCouncilMember(actor) && actor.councilId !== null && c.groupCouncilIds.includes(actor.councilId)
const writesFor = (actor: Actor, councilId: string) => holdsCouncilRole(actor, 'director', councilId) || holdsCouncilRole(actor, 'officer', councilId)

/**
 * A challenge's findings, actions and report are the group's and the region lead's until
 * the host publishes the report; then the host's chosen scope reads it too. Admins read a
 * report only once it is published to all members, as with self-assessments.
 */
function mayReadChallengeReport(actor: Actor, c: ChallengeFacts): boolean {
  if (inGroup(actor, c) || leadsRegion(actor, c.regionId)) return true
  if (c.reportStatus !== 'published') return false
  switch (c.reportScope) {
    case 'all':
      return isCouncilMember(actor) || has(actor, 'region_lead') || isAdmin(actor)
    case 'region':
      return memberOfRegion(actor, c.regionId)
    default:
      return false
  }
}

function mayManageInvitation(actor: Actor, inv: Extract<Resource, { kind: 'invitation' }>): boolean {
  if (isAdmin(actor)) return true
  // A region lead brings in council people of their region, and fellow region leads.
  if (leadsRegion(actor, inv.regionId)) {
    return isCouncilRole(inv.role) ? inv.councilId !== null : inv.role === 'region_lead' && inv.councilId === null
  }
  // A director brings in people of their own council.
  return isCouncilRole(inv.role) && holdsCouncilRole(actor, 'director', inv.councilId)
}

export function can<R extends Resource>(actor: Actor | null | undefined, action: ActionFor<R['kind']>, resource: R): boolean {
  // Nothing in the hub is open to people who are not signed in.
  if (!actor) return false
  const r = resource as Resource
  switch (r.kind) {
    case 'region':
      return action === 'view' ? true : inRegion(actor, r.id)
    case 'council':
      return action === 'view'
        ? true
        : isAdmin(actor) || leadsRegion(actor, r.regionId) || (isCouncilMember(actor) && actor.councilId === r.id)
    case 'council_people':
      return inRegion(actor, r.regionId)
    case 'region_people':
      return inRegion(actor, r.regionId)
    case 'invitation':
      return mayManageInvitation(actor, r)
    case 'account':
      return actor.id === r.userId
    case 'admin_area':
      return isAdmin(actor)
    case 'self_assessment':
      switch (action) {
        case 'view':
          return mayReadAssessment(actor, r)
        // Challenge is on the shared text: threads start only while it is shared.
        case 'comment':
          return r.status === 'shared' && mayReadAssessment(actor, r)
        case 'edit':
          return holdsCouncilRole(actor, 'director', r.councilId) || holdsCouncilRole(actor, 'officer', r.councilId)
        case 'sign_off':
        case 'share':
          return holdsCouncilRole(actor, 'director', r.councilId)
        // The council's own members see the newest revision, drafts included, and who has
        // read it; everyone else sees only the shared revision, and their reads are recorded.
        case 'view_drafts':
        case 'view_readers':
          return isCouncilMember(actor) && actor.councilId === r.councilId
      }
      return false
    case 'council_assessments':
      return action === 'list'
        ? isCouncilMember(actor) && actor.councilId === r.councilId
        : holdsCouncilRole(actor, 'director', r.councilId) || holdsCouncilRole(actor, 'officer', r.councilId)
    case 'region_assessments':
      return inRegion(actor, r.regionId)
    case 'assessment_thread':
      // Anyone who may read the assessment may answer; the council (its writers) or the
      // person who asked closes the thread.
      if (!mayReadAssessment(actor, r.assessment)) return false
      return action === 'reply'
        ? true
        : actor.id === r.authorId || holdsCouncilRole(actor, 'director', r.assessment.councilId) || holdsCouncilRole(actor, 'officer', r.assessment.councilId)
    case 'region_template':
      return action === 'view' ? inRegion(actor, r.regionId) : isAdmin(actor) || leadsRegion(actor, r.regionId)
    case 'space':
      if (action === 'moderate') return mayModerateSpace(actor, r)
      return mayReadSpace(actor, r)
    case 'region_spaces':
      return isAdmin(actor) || leadsRegion(actor, r.regionId)
    case 'thread': {
      const access = forumAccess(actor, r.space, r.hidden)
      if (!access) return false
      const { moderator } = access
      switch (action) {
        case 'view':
          return true
        case 'reply':
          return !r.locked || moderator
        case 'accept_answer':
          return actor.id === r.authorId || moderator
        case 'moderate':
          return moderator
      }
      return false
    }
    case 'post': {
      const access = forumAccess(actor, r.space, r.hidden)
      if (!access) return false
      const { moderator } = access
      switch (action) {
        case 'view':
          return true
        case 'edit':
          return actor.id === r.authorId && (!r.threadLocked || moderator)
        case 'react':
          return true
        case 'flag':
          return actor.id !== r.authorId
        case 'moderate':
          return moderator
      }
      return false
    }
    case 'region_cycles':
      return action === 'list' ? inRegion(actor, r.regionId) : isAdmin(actor) || leadsRegion(actor, r.regionId)
    case 'cycle': {
      const manager = isAdmin(actor) || leadsRegion(actor, r.regionId)
      // Proposed groups are the lead's working draft; the region sees the cycle once published.
      if (action === 'manage') return manager
      return manager || (r.status === 'published' && memberOfRegion(actor, r.regionId))
    }
    case 'challenge':
      switch (action) {
        // A challenge is read whole (findings, actions, the report) or not at all.
        case 'view':
          return mayReadChallengeReport(actor, r)
        // The group's writers arrange the meeting and record findings, actions and the draft
        // report; once the host agrees it, nothing changes unless the host sends it back.
        case 'edit':
          return r.reportStatus === 'draft' && r.groupCouncilIds.some((id) => writesFor(actor, id))
        // The host's director agrees the report (or sends it back) and publishes it.
        case 'agree':
        case 'publish':
          return holdsCouncilRole(actor, 'director', r.hostCouncilId)
        // The host rates its own actions at the six-month review.
        case 'review':
          return writesFor(actor, r.hostCouncilId)
      }
      return false
  }
}

/** The roles this actor may invite someone into, for a given council (or none). */
export function invitableRoles(actor: Actor, target: { councilId: string | null; regionId: string | null }): RoleName[] {
  return ROLES.filter((role) =>
    can(actor, 'create', {
      kind: 'invitation',
      role,
      councilId: isCouncilRole(role) ? target.councilId : null,
      regionId: role === 'admin' ? null : target.regionId,
    }),
  )
}

/** Whether the actor may invite anyone at all (decides if "Invite someone" is shown). */
export function mayInviteAnyone(actor: Actor | null | undefined): boolean {
  if (!actor) return false
  return isAdmin(actor) || has(actor, 'region_lead') || (has(actor, 'director') && actor.councilId !== null)
}
