import path from 'node:path'
import { z } from 'zod'

// Every setting the hub reads from its environment, in one place. README's
// configuration table mirrors this.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().default('Improvement Hub <no-reply@improvement-hub.local>'),
  BASE_URL: z.string().url().optional(),
  SEED_DEMO: z.enum(['0', '1']).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
  REQUIRE_DATABASE_URL: z.enum(['0', '1']).optional(),
  TRUST_PROXY: z.string().max(500).optional(),
})

export type Config = {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  redisUrl: string | undefined
  smtpUrl: string | undefined
  mailFrom: string
  baseUrl: string
  /** Cookies carry Secure whenever the hub is served over https. */
  secureCookies: boolean
  /** Seed demo data into an empty database: always for the embedded one, opt-in for PostgreSQL. */
  seedDemo: boolean
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
  /** Which proxies' X-Forwarded-For to believe (Express "trust proxy"): sign-in throttling counts per client address. */
  trustProxy: string | number
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')))
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Configuration is not valid: ${problems}`)
  }
  const e = parsed.data
  // The production image sets this: a container must not quietly start an empty embedded database.
  if (e.REQUIRE_DATABASE_URL === '1' && !e.DATABASE_URL) {
    throw new Error('Configuration is not valid: DATABASE_URL is required here (postgresql://user:password@host:5432/database)')
  }
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    baseUrl,
    secureCookies: baseUrl.startsWith('https:'),
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === '1' : !e.DATABASE_URL,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'warn' : 'info'),
    trustProxy: e.TRUST_PROXY ? (/^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY) : 'loopback, linklocal, uniquelocal',
  }
}
