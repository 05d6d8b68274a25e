import { db, services } from '~/services.server'
import { generateToken, hashToken } from './tokens.server'
import { hashPassword, verifyPassword } from './password.server'
import { invalidateUserSessions } from './session.server'
import { sendEmail } from '~/email/mailer.server'
import { normaliseEmail } from './sign-in.server'

export const RESET_LIFETIME_MS = 60 * 60 * 1000

/** Emails a single-use reset link if the account exists. Says nothing either way. */
export async function requestPasswordReset(rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail)
  const user = await db().user.findUnique({ where: { email }, select: { id: true, name: true, disabledAt: true } })
  if (!user || user.disabledAt) return
  const token = generateToken()
  await db().passwordReset.create({
    data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_LIFETIME_MS) },
  })
  const link = `${services().config.baseUrl}/reset-password/${token}`
  await sendEmail({
    to: email,
    subject: 'Reset your Improvement Hub password',
    text: [
      `Hello ${user.name},`,
      '',
      'Someone (we hope you) asked to reset the password for your Improvement Hub account.',
      'To choose a new password, open this link:',
      link,
      '',
      'The link works once and expires in 1 hour. If you did not ask for this, ignore this email: your password has not changed.',
    ].join('\n'),
  })
}

export async function isResetTokenUsable(token: string): Promise<boolean> {
  if (!/^[a-z2-7]{32}$/.test(token)) return false
  const row = await db().passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: { select: { disabledAt: true } } } })
  return !!row && !row.usedAt && !row.user.disabledAt && row.expiresAt.getTime() > Date.now()
}

/** Sets the new password once per link and signs the account out everywhere. */
export async function resetPassword(token: string, newPassword: string): Promise<{ ok: true; userId: string } | { ok: false }> {
  if (!(await isResetTokenUsable(token))) return { ok: false }
  const passwordHash = await hashPassword(newPassword)
  const now = new Date()
  const userId = await db().$transaction(async (tx) => {
    const row = await tx.passwordReset.findUnique({ where: { tokenHash: hashToken(token) } })
    if (!row) return null
    const claimed = await tx.passwordReset.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
    if (claimed.count !== 1) return null
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } })
    // Other outstanding links for this account die with this one.
    await tx.passwordReset.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } })
    return row.userId
  })
  if (!userId) return { ok: false }
  await invalidateUserSessions(userId)
  return { ok: true, userId }
}

export async function changePassword(
  userId: string,
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<{ ok: true } | { ok: false; field: 'currentPassword'; message: string }> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, field: 'currentPassword', message: 'Your current password is not right' }
  }
  await db().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } })
  await invalidateUserSessions(userId, currentSessionId)
  return { ok: true }
}
