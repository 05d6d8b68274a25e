import type { PrismaClient } from '~/generated/prisma/client'
import type { Config } from '~/config.server'
import type { Logger } from '../server/logger'

/** Where a realtime event goes: a room name such as `council:<id>`. */
export type Publisher = (room: string, event: string, payload: unknown) => void

export type Services = {
  db: PrismaClient
  config: Config
  logger: Logger
  publish: Publisher
  /** Disconnects live sockets of sessions that have just ended. */
  endSessions: (sessionIds: string[]) => void
  /** Drops sockets from a room they may no longer join (after sharing is withdrawn). */
  recheckRoom: (room: string) => Promise<void>
  /** True when this installation holds demo data (shows the banner on every page). */
  demoMode: boolean
}

// The Express server builds the services once and hands them to route code through
// this process-wide slot: in production the Remix build is a separate bundle, so a plain
// module singleton would not be shared between the two.
const slot = globalThis as typeof globalThis & { __hubServices?: Services }

export function setServices(services: Services) {
  slot.__hubServices = services
}

export function services(): Services {
  const current = slot.__hubServices
  if (!current) throw new Error('Hub services are not initialised: start the hub with server/index.ts')
  return current
}

export const db = () => services().db
