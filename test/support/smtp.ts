import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { parseEml } from './outbox'

export type SmtpSink = {
  url: string
  messages: { to: string[]; subject: string; text: string }[]
  waitFor(predicate: (m: { to: string[]; subject: string; text: string }) => boolean, timeoutMs?: number): Promise<{ to: string[]; subject: string; text: string }>
  stop(): Promise<void>
}

/** Starts test/support/smtp-sink.mjs as a separate process and collects what it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const child: ChildProcess = spawn(process.execPath, [path.join(import.meta.dirname, 'smtp-sink.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] })
  const messages: SmtpSink['messages'] = []
  const lines = readline.createInterface({ input: child.stdout! })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`smtp sink exited with ${code}`)))
    lines.on('line', (line) => {
      const msg = JSON.parse(line)
      if (msg.port) resolve(msg.port)
      else messages.push({ to: msg.to, ...(({ subject, text }) => ({ subject, text }))(parseEml(msg.raw)) })
    })
  })
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(predicate, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs
      while (Date.now() < until) {
        const found = messages.find(predicate)
        if (found) return found
        await new Promise((r) => setTimeout(r, 25))
      }
      throw new Error('no matching email arrived')
    },
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    },
  }
}
