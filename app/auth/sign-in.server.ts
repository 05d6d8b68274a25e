import { db } from '~/services.server'
import { burnPasswordCheck, verifyPassword } from './password.server'
import { createSession } from './session.server'
import { checkThrottle, clearAccountFailures, recordFailure } from './throttle.server'

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterMinutes: number }

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase()
}

export async function signIn(input: { email: string; password: string; ipAddress: string | null; userAgent: string | null }): Promise<SignInResult> {
  const email = normaliseEmail(input.email)
  const targets = { account: email, address: input.ipAddress }
  const throttle = await checkThrottle(targets)
  if (throttle.locked) return { ok: false, reason: 'throttled', retryAfterMinutes: throttle.retryAfterMinutes }

  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabledAt: true } })
  const valid = user?.passwordHash && !user.disabledAt ? await verifyPassword(user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false)
  if (!valid || !user) {
    await recordFailure(targets)
    const after = await checkThrottle(targets)
    if (after.locked) return { ok: false, reason: 'throttled', retryAfterMinutes: after.retryAfterMinutes }
    return { ok: false, reason: 'invalid' }
  }
  await clearAccountFailures(email)
  const { token, session } = await createSession(user.id, { userAgent: input.userAgent, ipAddress: input.ipAddress })
  return { ok: true, token, expiresAt: session.expiresAt, userId: user.id }
}
