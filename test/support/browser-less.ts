/** A tiny cookie-keeping HTTP client for integration tests: a person without a browser. */
export class Visitor {
  private cookies = new Map<string, string>()
  constructor(private base: string) {}

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('cookie', this.cookieHeader)
    if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', this.base)
    const response = await fetch(this.base + path, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === ''
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return response
  }

  get(path: string) {
    return this.request(path)
  }

  post(path: string, form: Record<string, string>, init: RequestInit = {}) {
    return this.request(path, { method: 'POST', body: new URLSearchParams(form), ...init })
  }

  async signIn(email: string, password = 'demo-password') {
    const res = await this.post('/login', { email, password })
    if (res.status !== 302) throw new Error(`sign-in as ${email} failed with ${res.status}`)
    return res
  }

  cookie(name: string) {
    return this.cookies.get(name)
  }
}

/**
 * Signed-in visitors by email for a test file: each signs in on first use and is kept, so
 * a file signs each person in once. `base` is read on first use (the hub starts later).
 */
export function signedIn(base: () => string) {
  const visitors = new Map<string, Visitor>()
  return async function as(email: string) {
    let v = visitors.get(email)
    if (!v) {
      v = new Visitor(base())
      await v.signIn(email)
      visitors.set(email, v)
    }
    return v
  }
}

/** A response's HTML without React's text separators (`<!-- -->`), as a reader sees it. */
export async function html(response: Response): Promise<string> {
  return (await response.text()).replace(/<!-- -->/g, '')
}
