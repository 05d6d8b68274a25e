// `npm start`: builds the app when needed, then runs the hub in this same process (no
// child processes to leave behind).
import { ensureBuild } from './ensure-build.mjs'

process.env.NODE_ENV ??= 'production'
ensureBuild()
const { register } = await import('tsx/esm/api')
register()
await import('../server/index.ts')
