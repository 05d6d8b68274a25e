import { db } from '~/services.server'

// Repeated failed sign-ins lock an account for a while, and an address sending many
// failures (password spraying across accounts) likewise. Counters live in the database so
// every instance of the hub sees the same ones.
const WINDOW_MS = 15 * 60 * 1000
const LOCK_MS = 15 * 60 * 1000
// A council's staff often share one public address, so the address limit is set well
// above what one busy office produces by mistyping, and far below a spraying attack.
export const LIMITS = { account: 5, address: 100 } as const

type Scope = keyof typeof LIMITS
const key = (scope: Scope, value: string) => `${scope}:${value.toLowerCase()}`

export type ThrottleState = { locked: false } | { locked: true; retryAfterMinutes: number }

export async function checkThrottle(targets: Partial<Record<Scope, string | null>>, now = new Date()): Promise<ThrottleState> {
  const keys = (Object.entries(targets) as [Scope, string | null][]).filter(([, v]) => v).map(([s, v]) => key(s, v!))
  if (!keys.length) return { locked: false }
  const rows = await db().signInThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } })
  if (!rows.length) return { locked: false }
  const until = Math.max(...rows.map((r) => r.lockedUntil!.getTime()))
  return { locked: true, retryAfterMinutes: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) }
}

export async function recordFailure(targets: Partial<Record<Scope, string | null>>, now = new Date()) {
  for (const [scope, value] of Object.entries(targets) as [Scope, string | null][]) {
    if (!value) continue
    const k = key(scope, value)
    const row = await db().signInThrottle.findUnique({ where: { key: k } })
    const fresh = !row || now.getTime() - row.windowStartsAt.getTime() > WINDOW_MS
    const failures = fresh ? 1 : row.failures + 1
    const lockedUntil = failures >= LIMITS[scope] ? new Date(now.getTime() + LOCK_MS) : null
    await db().signInThrottle.upsert({
      where: { key: k },
      create: { key: k, failures, windowStartsAt: now, lockedUntil },
      update: { failures, lockedUntil, ...(fresh ? { windowStartsAt: now } : {}) },
    })
  }
}

export async function clearAccountFailures(email: string) {
  await db().signInThrottle.deleteMany({ where: { key: key('account', email) } })
}
