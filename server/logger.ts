// Structured logs: one JSON object per line (what log shippers expect). In development
// the same lines are printed, only shorter for people reading a terminal.
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const
export type LogLevel = keyof typeof levels

export type Logger = {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const threshold = levels[level]
  const log = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (levels[lvl] < threshold) return
    const extra = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? { message: v.message, stack: v.stack } : v]),
    )
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...extra }))
  }
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
}
