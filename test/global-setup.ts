// Integration tests drive the production build of the app, as users get it.
import { ensureBuild } from '../scripts/ensure-build.mjs'

export default function setup() {
  // Unit tests alone need no build (HUB_SKIP_BUILD=1 npx vitest run app/…).
  if (process.env.HUB_SKIP_BUILD === '1') return
  ensureBuild({ quiet: true })
}
