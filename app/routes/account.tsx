import { readFormData } from '~/utils/forms.server'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { z } from 'zod'
import { authorize, requireAuth } from '~/auth/current-user.server'
import { endOwnSession, invalidateUserSessions, listSessions } from '~/auth/session.server'
import { changePassword } from '~/auth/password-reset.server'
import { withConfirmation } from '~/auth/password-rules'
import { Button, ErrorSummary, NotificationBanner, Radios, SummaryList, Tag, TextInput } from '~/components/govuk'
import { db } from '~/services.server'
import { roleLabel } from '~/directory/labels'
import type { PageHandle } from '~/utils/meta'

const passwordSchema = withConfirmation({
  intent: z.literal('change-password'),
  currentPassword: z.string({ error: 'Enter your current password' }).max(256),
})
const endSessionSchema = z.object({ intent: z.literal('end-session'), sessionId: z.string().regex(/^[0-9a-f]{64}$/) })

export const handle: PageHandle = { title: 'Your account' }

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { user, session } = requireAuth(context, request)
  authorize(user, 'view', { kind: 'account', userId: user.id })
  const sessions = await listSessions(user.id)
  const emailDigest = (await db().user.findUnique({ where: { id: user.id }, select: { emailDigest: true } }))?.emailDigest ?? false
  return {
    emailDigest,
    user: { name: user.name, email: user.email, roles: user.roles.map((r) => roleLabel(r.role)), council: user.council?.name ?? null },
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.id === session.id,
      device: describeDevice(s.userAgent),
      ipAddress: s.ipAddress,
      lastSeen: s.lastSeenAt.toISOString(),
      started: s.createdAt.toISOString(),
    })),
  }
}

export async function action({ context, request }: ActionFunctionArgs) {
  const { user, session } = requireAuth(context, request)
  authorize(user, 'manage', { kind: 'account', userId: user.id })
  const formData = await readFormData(request)
  switch (formData.get('intent')) {
    case 'change-password': {
      const submission = parseWithZod(formData, { schema: passwordSchema })
      const hidden = { hideFields: ['currentPassword', 'password', 'confirmPassword'] }
      if (submission.status !== 'success') return data(submission.reply(hidden), { status: 400 })
      const result = await changePassword(user.id, session.id, submission.value.currentPassword, submission.value.password)
      if (!result.ok) return data(submission.reply({ ...hidden, fieldErrors: { [result.field]: [result.message] } }), { status: 400 })
      return { status: 'success' as const, message: 'Your password has been changed. You have been signed out everywhere else.' }
    }
    case 'end-session': {
      const parsed = endSessionSchema.safeParse(Object.fromEntries(formData))
      if (!parsed.success) return data({ status: 'error' as const, message: 'That session could not be found.' }, { status: 400 })
      if (parsed.data.sessionId === session.id) throw redirect('/account')
      const ended = await endOwnSession(user.id, parsed.data.sessionId)
      if (!ended) return data({ status: 'error' as const, message: 'That session could not be found.' }, { status: 404 })
      return { status: 'success' as const, message: 'The session has been ended.' }
    }
    case 'email-digest': {
      const value = formData.get('emailDigest')
      if (value !== 'on' && value !== 'off') return data({ status: 'error' as const, message: 'Choose whether to get the daily email.' }, { status: 400 })
      await db().user.update({ where: { id: user.id }, data: { emailDigest: value === 'on' } })
      return { status: 'success' as const, message: value === 'on' ? 'You will get a daily email of your notifications.' : 'You will no longer get the daily email.' }
    }
    case 'end-other-sessions': {
      await invalidateUserSessions(user.id, session.id)
      return { status: 'success' as const, message: 'You have been signed out everywhere else.' }
    }
    default:
      return data({ status: 'error' as const, message: 'That request was not understood.' }, { status: 400 })
  }
}

function describeDevice(userAgent: string | null) {
  if (!userAgent) return 'Unknown device'
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'A browser'
  const os = /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Linux/.test(userAgent) ? 'Linux' : 'unknown system'
  return `${browser} on ${os}`
}

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' })

export default function Account() {
  const { user, sessions, emailDigest } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const message = result && 'message' in result ? result : null
  const formResult = result && 'error' in result ? result : undefined
  return (
    <>
      {message?.status === 'success' ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{message.message}</p>
        </NotificationBanner>
      ) : null}
      {message?.status === 'error' ? (
        <div className="govuk-error-summary" role="alert">
          <h2 className="govuk-error-summary__title">There is a problem</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{message.message}</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary result={formResult} order={['currentPassword', 'password', 'confirmPassword']} />
      <h1 className="govuk-heading-xl">Your account</h1>
      <SummaryList
        rows={[
          { key: 'Name', value: user.name },
          { key: 'Email address', value: user.email },
          { key: 'Role', value: user.roles.join(', ') },
          ...(user.council ? [{ key: 'Council', value: user.council }] : []),
        ]}
      />
      <h2 className="govuk-heading-l">Emails</h2>
      <p className="govuk-body">When someone mentions you in the forums, you get an email at once.</p>
      <Form method="post">
        <input type="hidden" name="intent" value="email-digest" />
        <Radios
          name="emailDigest"
          legend="Do you want a daily email of your other notifications?"
          legendSize="s"
          hint="Replies in threads you follow, answers to your questions and new threads in spaces you follow. Sent once a day when there is something new."
          items={[
            { value: 'on', label: 'Yes, send me a daily email' },
            { value: 'off', label: 'No' },
          ]}
          defaultValue={emailDigest ? 'on' : 'off'}
          inline
        />
        <Button secondary>Save email choice</Button>
      </Form>
      <h2 className="govuk-heading-l">Where you are signed in</h2>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Your sessions</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Device</th>
            <th scope="col" className="govuk-table__header">Address</th>
            <th scope="col" className="govuk-table__header">Last active</th>
            <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Action</span></th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {sessions.map((s) => (
            <tr className="govuk-table__row" key={s.id} data-testid="session-row">
              <td className="govuk-table__cell">
                {s.device} {s.current ? <Tag colour="green">This device</Tag> : null}
              </td>
              <td className="govuk-table__cell">{s.ipAddress ?? 'Unknown'}</td>
              <td className="govuk-table__cell">{when(s.lastSeen)}</td>
              <td className="govuk-table__cell">
                {s.current ? null : (
                  <Form method="post" className="hub-inline-form">
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button type="submit" name="intent" value="end-session" className="hub-link-button">
                      Sign out<span className="govuk-visually-hidden"> of {s.device}, last active {when(s.lastSeen)}</span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions.length > 1 ? (
        <Form method="post">
          <Button secondary name="intent" value="end-other-sessions">
            Sign out everywhere else
          </Button>
        </Form>
      ) : null}
      <h2 className="govuk-heading-l">Change your password</h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="change-password" />
            <TextInput name="currentPassword" label="Current password" type="password" autoComplete="current-password" result={formResult} width="govuk-input--width-20" />
            <TextInput name="password" label="New password" hint="At least 12 characters. Changing it signs you out everywhere else." type="password" autoComplete="new-password" result={formResult} width="govuk-input--width-20" />
            <TextInput name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" result={formResult} width="govuk-input--width-20" />
            <Button>Change password</Button>
          </Form>
        </div>
      </div>
    </>
  )
}
