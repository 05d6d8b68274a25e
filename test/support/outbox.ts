import fs from 'node:fs'
import path from 'node:path'

/** Reads the messages the hub wrote to DATA_DIR/outbox (no SMTP_URL): newest last. */
export function outbox(dataDir: string): { to: string; subject: string; text: string }[] {
  const dir = path.join(dataDir, 'outbox')
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => parseEml(fs.readFileSync(path.join(dir, f), 'utf8')))
}

/** Quoted-printable to text: the escapes are UTF-8 bytes, not characters. */
const quotedPrintable = (text: string) =>
  Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')

/** RFC 2047 encoded words (nodemailer's non-ASCII subjects); the space between two of them is not text. */
const decodeHeader = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) => (enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : quotedPrintable(text.replace(/_/g, ' '))))

export function parseEml(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/)
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ')
  const header = (name: string) => decodeHeader(new RegExp(`^${name}: (.*)$`, 'mi').exec(unfolded)?.[1]?.trim() ?? '')
  let text = rest.join('\n\n')
  if (/quoted-printable/i.test(head)) text = quotedPrintable(text)
  return { to: header('To'), subject: header('Subject'), text }
}

export function linkIn(text: string, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s]+${pathPrefix}/[a-z2-7]{32}`).exec(text)
  if (!match) throw new Error(`no ${pathPrefix} link in:\n${text}`)
  return new URL(match[0]).pathname
}
