import { data } from '@remix-run/node'
import type { Failure } from './failure'

// How a peer-challenge route answers a refused or bad request: a 404 or 403 page, or the
// form again with its errors and what the person typed (400), or a problem message (409).

export function failed(f: Failure, extra: { intent?: string; values?: Record<string, unknown> } = {}) {
  if (f.status === 404 || f.status === 403) throw new Response(f.message, { status: f.status, statusText: f.status === 404 ? 'Not Found' : 'Forbidden' })
  return data({ ok: false as const, message: f.message, errors: f.errors ?? null, intent: extra.intent ?? null, values: extra.values ?? null }, { status: f.status })
}

/** The form's text fields, cut short, to show back to the person after an error. */
export function valuesOf(form: FormData, names: string[]) {
  return Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? '').slice(0, 5000)]))
}

/** For loaders: a refusal becomes the 404 or 403 page. */
export function refuse(f: Failure): never {
  throw new Response(f.message, { status: f.status === 403 ? 403 : 404, statusText: f.status === 403 ? 'Forbidden' : 'Not Found' })
}
