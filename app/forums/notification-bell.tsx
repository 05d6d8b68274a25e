import { Link } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useRoom } from '~/realtime/use-room'
import { rooms } from '~/realtime/rooms'

/** The navigation's notifications link with its unread count, kept live through the user's own room. */
export function NotificationBell({ userId, unread, current }: { userId: string; unread: number; current: boolean }) {
  const [count, setCount] = useState(unread)
  useEffect(() => setCount(unread), [unread])
  const refresh = () =>
    void fetch('/notifications/count', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<{ unread: number }>) : null))
      .then((body) => body && setCount(body.unread))
      .catch(() => {})
  useRoom(rooms.user(userId), { notification: refresh, rejoined: refresh })
  return (
    <Link className="govuk-service-navigation__link" to="/notifications" aria-current={current ? 'page' : undefined} data-testid="bell">
      Notifications
      {count ? (
        <span className="hub-bell-count">
          {' '}
          <span className="govuk-tag govuk-tag--red hub-bell-count__tag">{count > 99 ? '99+' : count}</span>
          <span className="govuk-visually-hidden"> unread</span>
        </span>
      ) : null}
    </Link>
  )
}
