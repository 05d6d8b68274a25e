import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { RenderedSection } from './section-view.server'

// Autosave for the section editor. Nothing typed is lost:
// - every change is written to this browser's storage at once, before any network;
// - it is sent to the server a moment after typing stops, and when the page is hidden
//   or closed (a keepalive request that outlives the page);
// - offline or failing, it keeps the draft and retries, and says so;
// - the draft leaves storage only when the server has it.
// The server refuses a save of an older version than its own (409): then the person
// chooses between their text and the other person's, nothing is overwritten silently.

export type Theirs = { version: number; by: string; at: string | Date; section: RenderedSection }
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; theirs: Theirs | null; message: string }
  /** A draft kept in this browser from before someone else saved: keep it or discard it. */
  | { kind: 'restored'; at: Date }

type Stored = { baseVersion: number; fields: [string, string][]; at: number }

const DEBOUNCE_MS = 800
const RETRY_MS = 5000
// Browsers refuse keepalive bodies over 64 KB; a larger draft stays in storage instead.
const KEEPALIVE_LIMIT = 60_000
const IGNORED = new Set(['baseVersion', 'intent'])

function formFields(form: HTMLFormElement): [string, string][] {
  return [...new FormData(form).entries()].filter(([name, v]) => !IGNORED.has(name) && typeof v === 'string') as [string, string][]
}

// The database may store a document's keys in another order (PostgreSQL's jsonb does), so
// documents are compared by content, not by their text.
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]))
  return value
}
function canonical(fields: [string, string][]): string {
  const values = fields
    .filter(([, v]) => v !== '')
    .map(([name, v]) => {
      if (!name.endsWith('.json')) return [name, v]
      try {
        return [name, JSON.stringify(sortedKeys(JSON.parse(v)))]
      } catch {
        return [name, v]
      }
    })
  return JSON.stringify(values.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
const same = (a: [string, string][], b: [string, string][]) => canonical(a) === canonical(b)

/** Puts stored values back into the form: inputs, radios, selects, and editors (by `hub:replace`). */
function applyFields(form: HTMLFormElement, fields: [string, string][]) {
  const values = new Map(fields)
  for (const element of [...form.elements] as (HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement)[]) {
    if (!element.name || IGNORED.has(element.name)) continue
    const value = values.get(element.name) ?? ''
    if (element instanceof HTMLInputElement && element.type === 'radio') element.checked = element.value === value
    else if (element instanceof HTMLInputElement && element.type === 'hidden') {
      element.value = value
      element.dispatchEvent(new Event('hub:replace'))
    } else element.value = value
  }
}

function read(key: string): Stored | null {
  try {
    const raw = window.localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as Stored) : null
  } catch {
    return null
  }
}

export function useAutosave(options: { form: RefObject<HTMLFormElement>; url: string; storageKey: string; version: number; ready: boolean }) {
  const { form, url, storageKey, ready } = options
  const [state, setState] = useState<SaveState>({ kind: 'idle' })
  const base = useRef(options.version)
  const dirty = useRef(false)
  const inFlight = useRef<Promise<void> | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const blocked = useRef(false) // while a conflict waits for the person's choice

  const remember = useCallback(() => {
    if (!form.current) return
    const stored: Stored = { baseVersion: base.current, fields: formFields(form.current), at: Date.now() }
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(stored))
    } catch {
      // Storage full or disabled: the network save still runs.
    }
  }, [form, storageKey])

  const forget = useCallback(() => {
    try {
      window.localStorage.removeItem(storageKey)
    } catch {
      // ignore
    }
  }, [storageKey])

  const body = useCallback(() => {
    const fields = form.current ? formFields(form.current) : []
    const params = new URLSearchParams(fields)
    params.set('baseVersion', String(base.current))
    return { fields, params }
  }, [form])

  const save = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      await inFlight.current
      return dirty.current ? save() : undefined
    }
    if (!dirty.current || blocked.current || !form.current) return
    dirty.current = false
    const { fields, params } = body()
    setState({ kind: 'saving' })
    const attempt = (async () => {
      let response: Response
      try {
        response = await fetch(url, { method: 'POST', body: params, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      } catch {
        dirty.current = true
        setState({ kind: 'offline' })
        return
      }
      const result = (await response.json().catch(() => null)) as
        | { ok: true; version: number }
        | { ok: false; status: number; error: string; theirs?: Theirs | null }
        | null
      if (result?.ok) {
        base.current = result.version
        const hidden = form.current?.elements.namedItem('baseVersion') as HTMLInputElement | null
        if (hidden) hidden.value = String(result.version)
        // Changes typed while this save was on its way are still only in storage.
        if (!dirty.current && form.current && same(fields, formFields(form.current))) forget()
        else remember()
        setState({ kind: 'saved', at: new Date() })
        return
      }
      dirty.current = true
      if (response.status === 409 && result && !result.ok) {
        blocked.current = true
        setState({ kind: 'conflict', theirs: result.theirs ?? null, message: result.error })
      } else if (response.status >= 500 || !result) {
        setState(response.status === 401 || response.redirected ? { kind: 'error', message: 'You have been signed out. Sign in again in another tab: your text is kept in this browser.' } : { kind: 'offline' })
      } else {
        setState({ kind: 'error', message: result.error })
      }
    })()
    inFlight.current = attempt
    try {
      await attempt
    } finally {
      inFlight.current = null
    }
  }, [body, forget, form, remember, url])

  const changed = useCallback(() => {
    dirty.current = true
    remember()
    if (!blocked.current) setState({ kind: 'pending' })
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void save(), DEBOUNCE_MS)
  }, [remember, save])

  // Listen to the form; restore a draft this browser kept; retry while offline.
  useEffect(() => {
    const element = form.current
    if (!ready || !element) return
    element.addEventListener('input', changed)
    element.addEventListener('change', changed)

    const stored = read(storageKey)
    if (stored) {
      const current = formFields(element)
      if (same(stored.fields, current)) forget()
      else if (stored.baseVersion === base.current) {
        applyFields(element, stored.fields)
        dirty.current = true
        void save()
      } else {
        // Someone saved after this draft was written (or our own save landed but its
        // answer did not): the person decides.
        blocked.current = true
        setState({ kind: 'restored', at: new Date(stored.at) })
      }
    }

    const flush = () => {
      if (!dirty.current || blocked.current || inFlight.current) return
      const { params } = body()
      const text = params.toString()
      if (text.length > KEEPALIVE_LIMIT) return
      // The page may be gone before an answer: the draft stays in storage until a later
      // visit sees that the server has it.
      void fetch(url, { method: 'POST', body: params, credentials: 'same-origin', keepalive: true }).catch(() => {})
    }
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush()
    }
    const online = () => void save()
    const retry = setInterval(() => {
      if (dirty.current && !blocked.current && !inFlight.current) void save()
    }, RETRY_MS)
    window.addEventListener('pagehide', flush)
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('online', online)
    return () => {
      element.removeEventListener('input', changed)
      element.removeEventListener('change', changed)
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', onHide)
      window.removeEventListener('online', online)
      clearInterval(retry)
      clearTimeout(timer.current)
    }
  }, [ready]) // eslint-disable-line react-hooks/exhaustive-deps

  /** Keep my text: save it over the other version, knowingly. */
  const keepMine = useCallback(
    (theirVersion: number | null) => {
      const element = form.current
      if (state.kind === 'restored' && element) {
        const stored = read(storageKey)
        if (stored) applyFields(element, stored.fields)
      }
      if (theirVersion !== null) base.current = theirVersion
      blocked.current = false
      dirty.current = true
      remember()
      void save()
    },
    [form, remember, save, state.kind, storageKey],
  )

  /** Use the version on the server: drop my draft and load theirs. */
  const useTheirs = useCallback(() => {
    forget()
    window.location.reload()
  }, [forget])

  /** Sends whatever is unsaved now; resolves true when everything is on the server. */
  const flushNow = useCallback(async () => {
    clearTimeout(timer.current)
    await save()
    return !dirty.current && !blocked.current
  }, [save])

  return { state, keepMine, useTheirs, flushNow, currentVersion: () => base.current }
}
