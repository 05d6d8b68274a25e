import { z } from 'zod'
import { db, services } from '~/services.server'
import { COUNCIL_ROLES, ROLES, can, type RoleName } from '~/policy/policy'
import { generateToken, hashToken } from '~/auth/tokens.server'
import { hashPassword } from '~/auth/password.server'
import { createSession, type SignedInUser } from '~/auth/session.server'
import { sendEmail } from '~/email/mailer.server'
import { publish } from '~/realtime/publish.server'
import { rooms } from '~/realtime/rooms'
import { roleLabel } from '~/directory/labels'

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000

export const invitationInput = z.object({
  email: z.string({ error: 'Enter an email address' }).trim().toLowerCase().max(254, 'Email address must be 254 characters or fewer').pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.org' })),
  name: z.string().trim().max(120, 'Name must be 120 characters or fewer').optional(),
  role: z.enum(ROLES, { error: 'Select a role' }),
  councilId: z.string().max(40).optional(),
  regionId: z.string().max(40).optional(),
})
export type InvitationInput = z.infer<typeof invitationInput>

export type InviteResult =
  | { ok: true; invitationId: string; email: string }
  | { ok: false; field: keyof InvitationInput | null; message: string; status: 400 | 403 | 404 | 409 }

const isCouncilRole = (role: RoleName) => (COUNCIL_ROLES as readonly RoleName[]).includes(role)

/** Checks who is being invited where, asks the policy, stores the invitation and emails the link. */
export async function createInvitation(inviter: SignedInUser, input: InvitationInput): Promise<InviteResult> {
  let councilId: string | null = null
  let regionId: string | null = null
  let placeName = 'the Improvement Hub'
  if (isCouncilRole(input.role)) {
    if (!input.councilId) return { ok: false, field: 'councilId', message: 'Select a council', status: 400 }
    const council = await db().council.findUnique({ where: { id: input.councilId }, select: { id: true, name: true, regionId: true } })
    if (!council) return { ok: false, field: 'councilId', message: 'Select a council from the list', status: 404 }
    councilId = council.id
    regionId = council.regionId
    placeName = council.name
  } else if (input.role === 'region_lead') {
    if (!input.regionId) return { ok: false, field: 'regionId', message: 'Select a region', status: 400 }
    const region = await db().region.findUnique({ where: { id: input.regionId }, select: { id: true, name: true } })
    if (!region) return { ok: false, field: 'regionId', message: 'Select a region from the list', status: 404 }
    regionId = region.id
    placeName = region.name
  }
  if (!can(inviter, 'create', { kind: 'invitation', role: input.role, councilId, regionId })) {
    return { ok: false, field: 'role', message: 'You cannot invite someone into that role here', status: 403 }
  }
  const existing = await db().user.findUnique({ where: { email: input.email }, select: { id: true } })
  if (existing) return { ok: false, field: 'email', message: 'Someone with this email address already has an account', status: 409 }

  const token = generateToken()
  const invitation = await db().$transaction(async (tx) => {
    // A new invitation to the same address replaces any still pending.
    await tx.invitation.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    })
    return tx.invitation.create({
      data: {
        tokenHash: hashToken(token),
        email: input.email,
        name: input.name || null,
        role: input.role,
        councilId,
        regionId,
        invitedById: inviter.id,
        expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
      },
    })
  })
  const link = `${services().config.baseUrl}/invitations/${token}`
  await sendEmail({
    to: input.email,
    subject: `${inviter.name} has invited you to the Improvement Hub`,
    text: [
      `Hello${input.name ? ` ${input.name}` : ''},`,
      '',
      `${inviter.name} has invited you to join the Improvement Hub as ${roleLabel(input.role).toLowerCase()} for ${placeName}.`,
      '',
      'To accept, open this link and choose a password:',
      link,
      '',
      'The link works once and expires in 7 days. If you were not expecting this, you can ignore this email.',
    ].join('\n'),
  })
  if (councilId) publish(rooms.council(councilId), 'invitations.changed')
  return { ok: true, invitationId: invitation.id, email: invitation.email }
}

export type OpenInvitation = {
  id: string
  email: string
  name: string | null
  role: RoleName
  councilName: string | null
  regionName: string | null
}

export type InvitationLookup = { ok: true; invitation: OpenInvitation } | { ok: false; reason: 'unknown' | 'used' | 'expired' }

export async function findInvitation(token: string): Promise<InvitationLookup> {
  if (!/^[a-z2-7]{32}$/.test(token)) return { ok: false, reason: 'unknown' }
  const row = await db().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { council: { select: { name: true } }, region: { select: { name: true } } },
  })
  if (!row) return { ok: false, reason: 'unknown' }
  if (row.acceptedAt || row.revokedAt) return { ok: false, reason: 'used' }
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' }
  return {
    ok: true,
    invitation: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      councilName: row.council?.name ?? null,
      regionName: row.region?.name ?? null,
    },
  }
}

class InvitationNoLongerOpen extends Error {}

/** Creates the account, its role and a first session. The link works exactly once. */
export async function acceptInvitation(
  token: string,
  input: { name: string; password: string },
  meta: { userAgent: string | null; ipAddress: string | null },
): Promise<{ ok: true; sessionToken: string; expiresAt: Date } | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'taken' }> {
  const lookup = await findInvitation(token)
  if (!lookup.ok) return lookup
  const passwordHash = await hashPassword(input.password)
  const now = new Date()
  let created: { userId: string; councilId: string | null }
  try {
    created = await db().$transaction(async (tx) => {
      const claimed = await tx.invitation.updateMany({
        where: { id: lookup.invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      })
      if (claimed.count !== 1) throw new InvitationNoLongerOpen()
      const inv = await tx.invitation.findUniqueOrThrow({ where: { id: lookup.invitation.id } })
      const taken = await tx.user.findUnique({ where: { email: inv.email }, select: { id: true } })
      if (taken) throw new EmailTaken()
      const user = await tx.user.create({
        data: {
          email: inv.email,
          name: input.name,
          passwordHash,
          councilId: inv.councilId,
          roles: { create: { role: inv.role, regionId: inv.role === 'region_lead' ? inv.regionId : null } },
        },
      })
      return { userId: user.id, councilId: inv.councilId }
    })
  } catch (error) {
    if (error instanceof InvitationNoLongerOpen) return { ok: false, reason: 'used' }
    if (error instanceof EmailTaken) return { ok: false, reason: 'taken' }
    throw error
  }
  if (created.councilId) publish(rooms.council(created.councilId), 'people.changed', { userId: created.userId })
  const { token: sessionToken, session } = await createSession(created.userId, meta)
  return { ok: true, sessionToken, expiresAt: session.expiresAt }
}
class EmailTaken extends Error {}

export type PendingInvitation = { id: string; email: string; role: RoleName; expiresAt: Date; invitedBy: string; councilId: string | null; regionId: string | null }

export async function pendingInvitations(where: { councilId?: string; regionId?: string }): Promise<PendingInvitation[]> {
  const rows = await db().invitation.findMany({
    where: { ...where, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    include: { invitedBy: { select: { name: true } } },
  })
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, expiresAt: r.expiresAt, invitedBy: r.invitedBy.name, councilId: r.councilId, regionId: r.regionId }))
}

export async function revokeInvitation(actor: SignedInUser, invitationId: string): Promise<'revoked' | 'not_found' | 'forbidden'> {
  const inv = await db().invitation.findUnique({ where: { id: invitationId } })
  if (!inv || inv.acceptedAt || inv.revokedAt) return 'not_found'
  if (!can(actor, 'revoke', { kind: 'invitation', role: inv.role, councilId: inv.councilId, regionId: inv.regionId })) return 'forbidden'
  await db().invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } })
  if (inv.councilId) publish(rooms.council(inv.councilId), 'invitations.changed')
  return 'revoked'
}
