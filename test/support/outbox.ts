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

export function parseEml(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/)
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim() ?? ''
  let text = rest.join('\n\n')
  if (/quoted-printable/i.test(head)) {
    text = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
  }
  return { to: header('To'), subject: header('Subject'), text }
}

export function linkIn(text: string, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s]+${pathPrefix}/[a-z2-7]{32}`).exec(text)
  if (!match) throw new Error(`no ${pathPrefix} link in:\n${text}`)
  return new URL(match[0]).pathname
}
