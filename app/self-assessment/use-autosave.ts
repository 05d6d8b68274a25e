import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { RenderedSection } from './section-view.server'
import { canonicalJson } from '~/utils/same-json'

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

// Documents are compared by content (see same-json.ts), empty fields ignored.
function canonical(fields: [string, string][]): string {
  const values = fields
    .filter(([, v]) => v !== '')
    .map(([name, v]) => {
      if (!name.endsWith('.json')) return [name, v]
      try {
        return [name, canonicalJson(JSON.parse(v))]
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

// A draft nobody came back to in a fortnight is dropped rather than applied.
const KEEP_DRAFTS_MS = 14 * 24 * 60 * 60 * 1000
const DRAFT_PREFIX = 'hub:draft:'

/** Where a person's unsaved text for one section is kept in this browser. */
export const draftKey = (userId: string, assessmentId: string, sectionKey: string) => `${DRAFT_PREFIX}${userId}:${assessmentId}:${sectionKey}`

/** Signing out removes every draft kept in this browser: a shared computer keeps nothing. */
export function forgetAllDrafts() {
  try {
    for (const key of Object.keys(window.localStorage)) if (key.startsWith(DRAFT_PREFIX)) window.localStorage.removeItem(key)
  } catch {
    // Storage disabled: nothing was kept.
  }
}

function read(key: string): Stored | null {
  try {
    const raw = window.localStorage.getItem(key)
    const stored = raw ? (JSON.parse(raw) as Stored) : null
    if (stored && Date.now() - stored.at > KEEP_DRAFTS_MS) {
      window.localStorage.removeItem(key)
      return null
    }
    return stored
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
  const restoring = useRef(false) // while a kept draft waits for the person's choice
  const stalled = useRef(false) // a save was refused: wait for the next change

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

  const save = useCallback(async (options: { keepalive?: boolean } = {}): Promise<void> => {
    if (inFlight.current) {
      await inFlight.current
      return dirty.current ? save(options) : undefined
    }
    if (!dirty.current || blocked.current || stalled.current || !form.current) return
    dirty.current = false
    const { fields, params } = body()
    setState({ kind: 'saving' })
    const attempt = (async () => {
      let response: Response
      try {
        // keepalive lets the request finish if the page goes away (a hidden tab may be
        // discarded); the answer is still read whenever the page lives on.
        const keepalive = !!options.keepalive && params.toString().length <= KEEPALIVE_LIMIT
        response = await fetch(url, { method: 'POST', body: params, credentials: 'same-origin', headers: { Accept: 'application/json' }, keepalive })
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
      } else if (response.redirected || response.status === 401) {
        stalled.current = true
        setState({ kind: 'error', message: 'You have been signed out. Sign in again in another tab: your text is kept in this browser.' })
      } else if (response.status >= 500) {
        // The hub or its database is briefly away: keep the draft and try again.
        setState({ kind: 'offline' })
      } else {
        // The save itself is refused (too long, not allowed): retrying the same text
        // cannot help, so wait for the next change.
        stalled.current = true
        setState({
          kind: 'error',
          message: response.status === 413 ? 'This section is too long to save. Shorten it; your text is kept in this browser.' : (result?.error ?? 'The save was refused.'),
        })
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
    stalled.current = false
    // While the person decides about a kept draft, the form shows the saved version:
    // storing it now would overwrite the draft they may still want.
    if (!restoring.current) remember()
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
        restoring.current = true
        setState({ kind: 'restored', at: new Date(stored.at) })
      }
    }

    // The page is going (closed, or left for another page of the hub): send what is unsaved
    // without waiting for an answer. If that save lands but its answer is lost, the next
    // save of the same text is recognised by the server as already saved.
    const flush = () => {
      if (!dirty.current || blocked.current || stalled.current || inFlight.current) return
      const { params } = body()
      if (params.toString().length > KEEPALIVE_LIMIT) return // stays in storage for next time
      void fetch(url, { method: 'POST', body: params, credentials: 'same-origin', keepalive: true }).catch(() => {})
    }
    // Hidden (another tab, a locked screen): the page lives on, so save as usual.
    const onHide = () => {
      if (document.visibilityState === 'hidden') {
        clearTimeout(timer.current)
        void save({ keepalive: true })
      }
    }
    const online = () => void save()
    const retry = setInterval(() => {
      if (dirty.current && !blocked.current && !stalled.current && !inFlight.current) void save()
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
      // Leaving for another page of the hub (no pagehide): send what is unsaved.
      flush()
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
      restoring.current = false
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
