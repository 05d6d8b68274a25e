import type { LoaderFunctionArgs } from '@remix-run/node'
import { notFound, requireUser } from '~/auth/current-user.server'
import { threadsOf } from '~/self-assessment/comments.server'

// The threads of an assessment, for the page to refresh them live without reloading the
// whole assessment (which would count as another read).
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const threads = await threadsOf(user, params.id ?? '')
  if (!threads) notFound()
  return Response.json({ threads }, { headers: { 'Cache-Control': 'private, no-store' } })
}
