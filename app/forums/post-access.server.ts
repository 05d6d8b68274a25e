import { notFound } from '~/auth/current-user.server'
import { can, type Actor } from '~/policy/policy'
import { findPost, postFacts, threadFacts } from './threads.server'

/** A post the actor may see (with its thread), or a 404: hidden and private posts are not there for them. */
export async function visiblePost(actor: Actor, id: string | undefined) {
  const found = id ? await findPost(id) : null
  if (!found || !can(actor, 'view', threadFacts(found.thread)) || !can(actor, 'view', postFacts(found.thread, found.post))) notFound()
  return found
}
