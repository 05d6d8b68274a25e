import { readFormData } from '~/utils/forms.server'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { z } from 'zod'
import { Button, ErrorSummary, SummaryList, TextInput } from '~/components/govuk'
import { acceptInvitation, findInvitation } from '~/invitations/invitations.server'
import { withConfirmation } from '~/auth/password-rules'
import { sessionCookie } from '~/auth/session.server'
import { roleLabel } from '~/directory/labels'
import type { PageHandle } from '~/utils/meta'

const schema = withConfirmation({
  name: z.string({ error: 'Enter your full name' }).trim().min(1, 'Enter your full name').max(120, 'Name must be 120 characters or fewer'),
})

const closedMessages = {
  unknown: 'This invitation link is not valid',
  used: 'This invitation has already been used',
  expired: 'This invitation has expired',
  taken: 'An account with this email address already exists',
} as const

export const handle: PageHandle = { title: 'Accept your invitation' }

export async function loader({ params }: LoaderFunctionArgs) {
  const lookup = await findInvitation(params.token ?? '')
  return lookup.ok ? { ok: true as const, invitation: lookup.invitation } : { ok: false as const, message: closedMessages[lookup.reason] }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password', 'confirmPassword'] }), { status: 400 })
  const result = await acceptInvitation(
    params.token ?? '',
    { name: submission.value.name, password: submission.value.password },
    { userAgent: request.headers.get('user-agent'), ipAddress: context.clientAddress },
  )
  if (!result.ok) {
    return data(submission.reply({ formErrors: [closedMessages[result.reason]], hideFields: ['password', 'confirmPassword'] }), { status: result.reason === 'unknown' ? 404 : 410 })
  }
  throw redirect('/?welcome=1', { headers: { 'Set-Cookie': sessionCookie(result.sessionToken, result.expiresAt) } })
}

export default function AcceptInvitation() {
  const lookup = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  if (!lookup.ok) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{lookup.message}</h1>
          <p className="govuk-body">Invitation links work once and expire after 7 days. Ask the person who invited you to send a new one.</p>
          <p className="govuk-body">
            If you already have an account,{' '}
            <Link className="govuk-link" to="/login">
              sign in
            </Link>
            .
          </p>
        </div>
      </div>
    )
  }
  const { invitation } = lookup
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary result={result} order={['name', 'password', 'confirmPassword']} />
        <h1 className="govuk-heading-l">Accept your invitation</h1>
        <SummaryList
          rows={[
            { key: 'Email address', value: invitation.email },
            { key: 'Role', value: roleLabel(invitation.role) },
            ...(invitation.councilName ? [{ key: 'Council', value: invitation.councilName }] : []),
            ...(!invitation.councilName && invitation.regionName ? [{ key: 'Region', value: invitation.regionName }] : []),
          ]}
        />
        <Form method="post" noValidate>
          <TextInput name="name" label="Full name" autoComplete="name" result={result} defaultValue={invitation.name ?? undefined} width="govuk-input--width-30" />
          <TextInput name="password" label="Choose a password" hint="At least 12 characters. A few unrelated words make a strong one." type="password" autoComplete="new-password" result={result} width="govuk-input--width-20" />
          <TextInput name="confirmPassword" label="Confirm your password" type="password" autoComplete="new-password" result={result} width="govuk-input--width-20" />
          <Button>Create my account</Button>
        </Form>
      </div>
    </div>
  )
}
