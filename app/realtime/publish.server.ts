import { services } from '~/services.server'

/**
 * Tells the clients in a room that something changed. Call it only after the
 * transaction that changed the data has committed: clients refetch on an event and must
 * find the change there. Events carry ids, never content a client could use for access.
 */
export function publish(room: string, event: string, payload: Record<string, unknown> = {}) {
  services().publish(room, event, payload)
}
