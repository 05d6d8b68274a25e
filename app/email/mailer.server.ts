import fs from 'node:fs/promises'
import path from 'node:path'
import nodemailer, { type Transporter } from 'nodemailer'
import { services } from '~/services.server'

export type Email = { to: string; subject: string; text: string }

let transport: { url: string; transporter: Transporter } | undefined

/**
 * Sends through SMTP when SMTP_URL is set; otherwise writes the message to
 * DATA_DIR/outbox/ and logs where, so the demo and development work offline.
 */
export async function sendEmail(email: Email): Promise<void> {
  const { config, logger } = services()
  const message = { from: config.mailFrom, to: email.to, subject: email.subject, text: email.text }
  if (config.smtpUrl) {
    if (transport?.url !== config.smtpUrl) {
      transport = { url: config.smtpUrl, transporter: nodemailer.createTransport(config.smtpUrl) }
    }
    await transport.transporter.sendMail(message)
    logger.info('email sent', { to: email.to, subject: email.subject })
    return
  }
  const rendered = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(message)
  const dir = path.join(config.dataDir, 'outbox')
  await fs.mkdir(dir, { recursive: true })
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`)
  await fs.writeFile(file, rendered.message as Buffer)
  logger.info('email written to outbox (no SMTP_URL set)', { to: email.to, subject: email.subject, file })
}
