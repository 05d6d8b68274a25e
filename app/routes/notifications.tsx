import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, EmptyState } from '~/components/govuk'
import type { PageHandle } from '~/utils/meta'
import { formatDayTime } from '~/utils/dates'
import { readFormData } from '~/utils/forms.server'
import { useRoom } from '~/realtime/use-room'
import { rooms } from '~/realtime/rooms'
import { markRead, notificationsFor } from '~/forums/notifications.server'

export const handle: PageHandle = { title: 'Notifications' }

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const items = await notificationsFor(user)
  return { userId: user.id, items }
}

export async function action({ context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const form = await readFormData(request)
  if (form.get('intent') !== 'read-all') throw new Response('That request was not understood.', { status: 400 })
  await markRead(user.id, 'all')
  return redirect('/notifications', 303)
}

export default function Notifications() {
  const { userId, items } = useLoaderData<typeof loader>()
  const revalidator = useRevalidator()
  useRoom(rooms.user(userId), { notification: () => revalidator.revalidate() })
  const unread = items.filter((n) => !n.read).length
  return (
    <>
      <Breadcrumbs items={[{ href: '/', text: 'Home' }]} />
      <h1 className="govuk-heading-xl">Notifications</h1>
      <p className="govuk-body">
        Mentions, replies in threads you follow, answers to your questions, and peer-challenge groups and review reminders. Choose emails on <Link className="govuk-link" to="/account">your account</Link>.
      </p>
      {unread ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <Button secondary>Mark all as read</Button>
        </Form>
      ) : null}
      {items.length ? (
        <ul className="govuk-list hub-notification-list" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id} className={`hub-notification${n.read ? '' : ' hub-notification--unread'}`}>
              {n.read ? null : <strong className="govuk-tag govuk-tag--blue">New</strong>}{' '}
              {n.lead}{' '}
              <Link className="govuk-link" to={n.href}>
                {n.title}
              </Link>
              <br />
              <span className="govuk-body-s hub-muted">
                {n.context} · {formatDayTime(n.createdAt)}
              </span>
              {n.excerpt ? <p className="govuk-body-s govuk-!-margin-bottom-0">{n.excerpt}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>No notifications yet.</EmptyState>
      )}
    </>
  )
}
