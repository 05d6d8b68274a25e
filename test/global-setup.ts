// Integration tests drive the production build of the app, as users get it.
// @ts-expect-error plain JS helper shared with `npm start`
import { ensureBuild } from '../scripts/ensure-build.mjs'

export default function setup() {
  ensureBuild({ quiet: true })
}
