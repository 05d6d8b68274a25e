import crypto from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express, { type NextFunction, type Request, type Response } from 'express'
import compression from 'compression'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import type { Config } from '../app/config.server.ts'
import { setServices } from '../app/services.server.ts'
import { SESSION_COOKIE, readCookie, sessionCookie, validateSessionToken } from '../app/auth/session.server.ts'
import type { Auth } from '../app/auth/current-user.server.ts'
import { attachRealtime } from './realtime.ts'
import type { Database } from './database.ts'
import type { Logger } from './logger.ts'
import { unavailablePage } from './unavailable-page.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** Largest request body the hub accepts; bigger ones get 413 before anyone reads them. */
export const MAX_BODY_BYTES = 1024 * 1024
const ACCEPTED_BODY_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'])

export type HubServer = {
  httpServer: http.Server
  listen(port: number, host?: string): Promise<number>
  close(): Promise<void>
}

type Options = { config: Config; logger: Logger; database: Database; demoMode: boolean; mode: 'production' | 'development' }

export async function createHubServer({ config, logger, database, demoMode, mode }: Options): Promise<HubServer> {
  const app = express()
  const httpServer = http.createServer(app)
  const realtime = await attachRealtime(httpServer, { logger, redisUrl: config.redisUrl })
  setServices({ db: database.prisma, config, logger, publish: realtime.publish, endSessions: realtime.endSessions, recheckRoom: realtime.recheckRoom, demoMode })

  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  app.use(compression())
  app.use(requestLog(logger))

  app.get('/healthz', async (_req, res) => {
    const up = await database.ping()
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'unavailable', database: up ? 'up' : 'down', databaseKind: database.kind })
  })

  let build: () => Promise<ServerBuild>
  if (mode === 'development') {
    const vite = await import('vite').then((v) => v.createServer({ root, server: { middlewareMode: true } }))
    app.use(vite.middlewares)
    build = () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  } else {
    const buildFile = path.join(root, 'build/server/index.js')
    const loaded = (await import(buildFile)) as ServerBuild
    build = async () => loaded
    // Vite fingerprints these files, so browsers may keep them forever.
    app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }))
    // Only paths that look like files go to the disk; pages skip the stat call.
    const publicFiles = express.static(path.join(root, 'build/client'), { maxAge: '1h' })
    app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()))
  }
  app.use('/govuk', express.static(path.join(root, 'node_modules/govuk-frontend/dist/govuk'), { maxAge: '1d' }))

  app.use(securityHeaders(mode))
  app.use(guardUnsafeRequests(config))
  app.use(loadSession(config, logger))
  app.all(
    '*',
    createRequestHandler({
      build: () => build(),
      mode,
      getLoadContext: (req, res) => ({
        auth: res.locals.auth as Auth,
        clientAddress: req.ip ?? null,
        cspNonce: res.locals.cspNonce as string,
      }),
    }),
  )
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof URIError) {
      if (!res.headersSent) res.status(400).type('html').send(unavailablePage({ title: 'This web address is not valid', body: 'Check the address and try again.' }))
      return
    }
    logger.error('request failed', { error })
    if (!res.headersSent) res.status(503).type('html').send(unavailablePage())
  })

  return {
    httpServer,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject)
        httpServer.listen(port, host, () => {
          const address = httpServer.address()
          resolve(typeof address === 'object' && address ? address.port : port)
        })
      })
    },
    async close() {
      await realtime.close()
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()))
      httpServer.closeAllConnections?.()
    },
  }
}

// Secrets travel in these paths (invitation and reset links), so logs show a placeholder.
const redact = (p: string) => p.replace(/^\/(invitations|reset-password)\/[^/?]+/, '/$1/:token').split('?')[0]

function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      if (req.path.startsWith('/assets/') || req.path.startsWith('/govuk/')) return
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      logger.info('request', { method: req.method, path: redact(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10 })
    })
    next()
  }
}

function securityHeaders(mode: 'production' | 'development') {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'same-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    // Pages and data are for the signed-in person only (self-assessments are confidential):
    // no shared cache or browser history cache keeps them. Static assets are served above.
    res.setHeader('Cache-Control', 'private, no-store')
    if (mode === 'production') {
      res.setHeader(
        'Content-Security-Policy',
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${nonce}'`,
          "style-src 'self'",
          "img-src 'self' data:",
          "font-src 'self'",
          "connect-src 'self'",
          "frame-ancestors 'none'",
          "base-uri 'self'",
          "form-action 'self'",
          "object-src 'none'",
        ].join('; '),
      )
    }
    next()
  }
}

/**
 * Refuses, before any route code runs: cross-site form posts (the Origin must be ours),
 * bodies over the size limit (413), and bodies of unknown length (411), so a hostile
 * client cannot stream an endless body at a route.
 */
function guardUnsafeRequests(config: Config) {
  const allowedOrigins = new Set([new URL(config.baseUrl).origin])
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    const origin = req.get('origin')
    if (origin && !allowedOrigins.has(origin) && hostOf(origin) !== req.get('host')) {
      return res.status(403).type('text').send('Cross-site requests are not allowed.')
    }
    const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
    if (type && !ACCEPTED_BODY_TYPES.has(type)) {
      return res.status(415).type('text').send('Send forms as application/x-www-form-urlencoded or multipart/form-data.')
    }
    const length = req.get('content-length')
    if (length === undefined) {
      if (req.get('transfer-encoding')) return res.status(411).type('text').send('Send a Content-Length with the request body.')
      return next()
    }
    if (!/^\d+$/.test(length)) return res.status(400).type('text').send('Content-Length is not a number.')
    if (Number(length) > MAX_BODY_BYTES) {
      res.setHeader('Connection', 'close')
      return res.status(413).type('html').send(tooLargePage())
    }
    next()
  }
}

/** The host of an Origin header, or null for `null` and malformed values (refused). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host || null
  } catch {
    return null
  }
}

function tooLargePage() {
  return unavailablePage({
    title: 'What you sent is too large',
    body: `The hub accepts up to ${MAX_BODY_BYTES / 1024 / 1024} MB in one request. Nothing was saved. Go back, make it shorter and try again.`,
  })
}

function loadSession(config: Config, logger: Logger) {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.auth = null
    const token = readCookie(req.headers.cookie, SESSION_COOKIE)
    if (!token) return next()
    try {
      const auth = await validateSessionToken(token)
      res.locals.auth = auth
      // Sliding expiry: when the session was extended, the cookie follows.
      if (auth?.session.renewed) res.append('Set-Cookie', sessionCookie(token, auth.session.expiresAt))
      next()
    } catch (error) {
      logger.error('session lookup failed', { error })
      next(error)
    }
  }
}
