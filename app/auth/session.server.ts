import { db, services } from '~/services.server'
import { generateToken, hashToken } from './tokens.server'
import type { Actor } from '~/policy/policy'

// Sessions as lucia-auth.com describes them: the cookie holds a random token, the
// database holds only its SHA-256; 30-day expiry, extended when under 15 days remain.
const DAY = 24 * 60 * 60 * 1000
export const SESSION_LIFETIME = 30 * DAY
const RENEW_WHEN_UNDER = 15 * DAY
// Last-seen is for the "your sessions" list; writing it on every request would cost a
// write per page view, so it is refreshed at most this often.
const LAST_SEEN_GRANULARITY = 5 * 60 * 1000
export const SESSION_COOKIE = 'hub_session'

export type SignedInUser = Actor & {
  email: string
  name: string
  council: { id: string; name: string; slug: string; region: { id: string; name: string; slug: string } } | null
  leadRegions: { id: string; name: string; slug: string }[]
}

export type SessionInfo = { id: string; userId: string; expiresAt: Date; /** expiry moved on by this request */ renewed: boolean }

export async function createSession(userId: string, meta: { userAgent?: string | null; ipAddress?: string | null }) {
  const token = generateToken()
  const session = await db().session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_LIFETIME),
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
      ipAddress: meta.ipAddress ?? null,
    },
  })
  return { token, session }
}

const userInclude = {
  council: { select: { id: true, name: true, slug: true, regionId: true, region: { select: { id: true, name: true, slug: true } } } },
  roles: { select: { role: true, regionId: true, region: { select: { id: true, name: true, slug: true } } } },
} as const

/** The session and its user for a cookie token, or null; renews and expires as it goes. */
export async function validateSessionToken(token: string): Promise<{ session: SessionInfo; user: SignedInUser } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const id = hashToken(token)
  const row = await db().session.findUnique({ where: { id }, include: { user: { include: userInclude } } })
  if (!row) return null
  const now = Date.now()
  if (row.expiresAt.getTime() <= now || row.user.disabledAt) {
    await db().session.deleteMany({ where: { id } })
    return null
  }
  let expiresAt = row.expiresAt
  const renew = expiresAt.getTime() - now < RENEW_WHEN_UNDER
  if (renew || now - row.lastSeenAt.getTime() > LAST_SEEN_GRANULARITY) {
    if (renew) expiresAt = new Date(now + SESSION_LIFETIME)
    await db().session.update({ where: { id }, data: { expiresAt, lastSeenAt: new Date(now) } })
  }
  return { session: { id, userId: row.userId, expiresAt, renewed: renew }, user: toSignedInUser(row.user) }
}

type UserRow = {
  id: string
  email: string
  name: string
  councilId: string | null
  council: { id: string; name: string; slug: string; regionId: string; region: { id: string; name: string; slug: string } } | null
  roles: { role: Actor['roles'][number]['role']; regionId: string | null; region: { id: string; name: string; slug: string } | null }[]
}

export function toSignedInUser(user: UserRow): SignedInUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    councilId: user.councilId,
    councilRegionId: user.council?.regionId ?? null,
    roles: user.roles.map((r) => ({ role: r.role, regionId: r.regionId })),
    council: user.council
      ? { id: user.council.id, name: user.council.name, slug: user.council.slug, region: user.council.region }
      : null,
    leadRegions: user.roles.filter((r) => r.role === 'region_lead' && r.region).map((r) => r.region!),
  }
}

export async function invalidateSession(sessionId: string) {
  await db().session.deleteMany({ where: { id: sessionId } })
  services().endSessions([sessionId])
}

/** Ends every session of a user, except (optionally) the one in use. */
export async function invalidateUserSessions(userId: string, exceptSessionId?: string) {
  const where = { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) }
  const ended = await db().session.findMany({ where, select: { id: true } })
  await db().session.deleteMany({ where: { id: { in: ended.map((s) => s.id) } } })
  services().endSessions(ended.map((s) => s.id))
}

/** Ends one of the user's own sessions (from the "your sessions" list). */
export async function endOwnSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db().session.deleteMany({ where: { id: sessionId, userId } })
  if (count) services().endSessions([sessionId])
  return count === 1
}

export async function listSessions(userId: string) {
  return db().session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: 'desc' },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ipAddress: true, expiresAt: true },
  })
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const secure = services().config.secureCookies ? '; Secure' : ''
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`
}

export function blankSessionCookie(): string {
  const secure = services().config.secureCookies ? '; Secure' : ''
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}
