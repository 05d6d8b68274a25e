import { notFound } from '~/auth/current-user.server'
import { can, type Actor, type ActionFor } from '~/policy/policy'
import { findPost, postFacts, threadFacts } from './threads.server'

/** A post the actor may see (with its thread), or a 404: hidden and private posts are not there for them. */
export async function visiblePost(actor: Actor, id: string | undefined) {
  const found = id ? await findPost(id) : null
  if (!found || !can(actor, 'view', threadFacts(found.thread)) || !can(actor, 'view', postFacts(found.thread, found.post))) notFound()
  return found
}

/** A post the actor may see and act on (`edit`, `flag`, …): a 404 if hidden from them, a 403 if the policy refuses the action. */
export async function postFor(actor: Actor, id: string | undefined, action: ActionFor<'post'>, refusal = 'Forbidden') {
  const found = await visiblePost(actor, id)
  if (!can(actor, action, postFacts(found.thread, found.post))) throw new Response(refusal, { status: 403 })
  return found
}
