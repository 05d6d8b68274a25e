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

type SessionRow = {
  id: string
  userId: string
  expiresAt: Date
  lastSeenAt: Date
  email: string
  name: string
  councilId: string | null
  disabledAt: Date | null
  councilName: string | null
  councilSlug: string | null
  councilRegionId: string | null
  councilRegionName: string | null
  councilRegionSlug: string | null
  roles: { role: Actor['roles'][number]['role']; regionId: string | null; regionName: string | null; regionSlug: string | null }[]
}

// Every signed-in request runs this, so it is one SQL query (the session, its user, their
// council and region, and their roles) rather than the several an ORM include would send.
async function findSession(id: string): Promise<SessionRow | null> {
  const rows = await db().$queryRaw<SessionRow[]>`
    SELECT s."id", s."userId", s."expiresAt", s."lastSeenAt",
           u."email", u."name", u."councilId", u."disabledAt",
           c."name" AS "councilName", c."slug" AS "councilSlug", c."regionId" AS "councilRegionId",
           cr."name" AS "councilRegionName", cr."slug" AS "councilRegionSlug",
           COALESCE((
             SELECT json_agg(json_build_object('role', g."role"::text, 'regionId', g."regionId", 'regionName', r."name", 'regionSlug', r."slug"))
             FROM "RoleGrant" g LEFT JOIN "Region" r ON r."id" = g."regionId"
             WHERE g."userId" = u."id"
           ), '[]'::json) AS "roles"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "Council" c ON c."id" = u."councilId"
    LEFT JOIN "Region" cr ON cr."id" = c."regionId"
    WHERE s."id" = ${id}`
  const row = rows[0]
  if (!row) return null
  return { ...row, expiresAt: new Date(row.expiresAt), lastSeenAt: new Date(row.lastSeenAt), disabledAt: row.disabledAt ? new Date(row.disabledAt) : null }
}

/** The session and its user for a cookie token, or null; renews and expires as it goes. */
export async function validateSessionToken(token: string): Promise<{ session: SessionInfo; user: SignedInUser } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null
  const id = hashToken(token)
  const row = await findSession(id)
  if (!row) return null
  const now = Date.now()
  if (row.expiresAt.getTime() <= now || row.disabledAt) {
    await db().session.deleteMany({ where: { id } })
    return null
  }
  let expiresAt = row.expiresAt
  const renew = expiresAt.getTime() - now < RENEW_WHEN_UNDER
  if (renew || now - row.lastSeenAt.getTime() > LAST_SEEN_GRANULARITY) {
    if (renew) expiresAt = new Date(now + SESSION_LIFETIME)
    await db().session.update({ where: { id }, data: { expiresAt, lastSeenAt: new Date(now) } })
  }
  return {
    session: { id, userId: row.userId, expiresAt, renewed: renew },
    user: toSignedInUser({
      id: row.userId,
      email: row.email,
      name: row.name,
      councilId: row.councilId,
      council:
        row.councilId && row.councilName && row.councilSlug && row.councilRegionId
          ? {
              id: row.councilId,
              name: row.councilName,
              slug: row.councilSlug,
              regionId: row.councilRegionId,
              region: { id: row.councilRegionId, name: row.councilRegionName!, slug: row.councilRegionSlug! },
            }
          : null,
      roles: row.roles.map((r) => ({
        role: r.role,
        regionId: r.regionId,
        region: r.regionId ? { id: r.regionId, name: r.regionName!, slug: r.regionSlug! } : null,
      })),
    }),
  }
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
