import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/current-user.server'
import { readableThread } from '~/forums/thread-page.server'
import { changesSince } from '~/forums/threads.server'

// Catch-up for a live thread page: every post changed after the change number the page
// last applied (new, edited, reacted to), and the ids of posts hidden since.
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const thread = await readableThread(user, params.id)
  const after = Number(new URL(request.url).searchParams.get('after'))
  if (!Number.isInteger(after) || after < 0 || after > 1e12) return Response.json({ error: 'after must be a change number' }, { status: 400 })
  return Response.json(await changesSince(user, thread, after))
}
