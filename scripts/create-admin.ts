// `npm run create-admin -- --email someone@example.org [--name "Their Name"]`
// Makes a national admin account with no password and prints a one-time link (valid
// for 1 hour) where they choose one. For the first admin of a new installation.
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { generateToken, hashToken } from '../app/auth/tokens.server.ts'
import { RESET_LIFETIME_MS } from '../app/auth/password-reset.server.ts'
import { openCliDatabase } from './cli-database.ts'

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } })
const email = z.email().safeParse(values.email?.trim().toLowerCase())
if (!email.success) {
  console.error('Usage: npm run create-admin -- --email someone@example.org [--name "Their Name"]')
  process.exit(2)
}
const { database, config } = await openCliDatabase()
const prisma = database.prisma
try {
  const existing = await prisma.user.findUnique({ where: { email: email.data } })
  if (existing) {
    console.error(`${email.data} already has an account. To reset its password use ${config.baseUrl}/forgot-password`)
    process.exitCode = 1
  } else {
    const token = generateToken()
    await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: email.data, name: values.name?.trim() || email.data.split('@')[0], roles: { create: { role: 'admin' } } },
      })
      await tx.passwordReset.create({ data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_LIFETIME_MS) } })
    })
    console.log(`Admin account created for ${email.data}.`)
    console.log(`Open this link within 1 hour to choose a password (it works once):\n\n  ${config.baseUrl}/reset-password/${token}\n`)
    if ((await prisma.council.count()) === 0) console.log('No councils yet: load them with  npm run seed -- --reference')
  }
} finally {
  await database.close()
}
