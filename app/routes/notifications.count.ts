import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/current-user.server'
import { unreadCount } from '~/forums/notifications.server'

/** The bell's number, fetched when the user's room says something changed. */
export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  return Response.json({ unread: await unreadCount(user.id) })
}
