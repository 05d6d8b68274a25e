import { redirect, type AppLoadContext } from '@remix-run/node'
import { can, type ActionFor, type Resource } from '~/policy/policy'
import type { SessionInfo, SignedInUser } from './session.server'

export type Auth = { user: SignedInUser; session: SessionInfo } | null

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Set by the Express server from the session cookie, once per request. */
    auth: Auth
    /** Client address as Express sees it (trust proxy aware). */
    clientAddress: string | null
    /** A fresh CSP nonce for this response's inline scripts. */
    cspNonce: string
  }
}

/** Where to send someone back to after signing in: only paths on this site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}

export function requireAuth(context: AppLoadContext, request: Request): NonNullable<Auth> {
  if (context.auth) return context.auth
  const url = new URL(request.url)
  const here = url.pathname + url.search
  throw redirect(here === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(here)}`)
}

export function requireUser(context: AppLoadContext, request: Request): SignedInUser {
  return requireAuth(context, request).user
}

/** Throws a 403 response unless the policy allows it. */
export function authorize<R extends Resource>(user: SignedInUser, action: ActionFor<R['kind']>, resource: R): void {
  if (!can(user, action, resource)) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
}

export function notFound(): never {
  throw new Response('Not found', { status: 404, statusText: 'Not Found' })
}

/** A slug from the URL, or a 404: anything else never reaches the database. */
export function slugParam(value: string | undefined): string {
  if (!value || !/^[a-z0-9-]{1,100}$/.test(value)) notFound()
  return value
}
