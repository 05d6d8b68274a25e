// Integration tests drive the production build of the app, as users get it.
import { ensureBuild } from '../scripts/ensure-build.mjs'

export default function setup() {
  ensureBuild({ quiet: true })
}
