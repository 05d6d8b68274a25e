import { readFormData } from '~/utils/forms.server'
import { data, type ActionFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { z } from 'zod'
import { Button, ErrorSummary, NotificationBanner, TextInput } from '~/components/govuk'
import { requestPasswordReset } from '~/auth/password-reset.server'
import { checkThrottle, recordFailure } from '~/auth/throttle.server'
import type { PageHandle } from '~/utils/meta'

const schema = z.object({
  email: z.string({ error: 'Enter your email address' }).trim().max(254, 'Email address must be 254 characters or fewer').pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.org' })),
})

export const handle: PageHandle = { title: 'Reset your password' }

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  // Reset requests count against the address like failed sign-ins: no mail-bombing.
  const throttle = await checkThrottle({ address: context.clientAddress })
  if (throttle.locked) {
    return data(submission.reply({ formErrors: [`Too many requests. Wait ${throttle.retryAfterMinutes} minutes and try again.`] }), { status: 429 })
  }
  await recordFailure({ address: context.clientAddress })
  await requestPasswordReset(submission.value.email)
  return { status: 'success' as const, email: submission.value.email }
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>()
  if (result?.status === 'success' && 'email' in result) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <NotificationBanner success>
            <h1 className="govuk-notification-banner__heading">Check your email</h1>
          </NotificationBanner>
          <p className="govuk-body">
            If <strong>{result.email}</strong> has an account, we have sent it a link to reset the password. The link works once and expires in 1 hour.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/login">
              Back to sign in
            </Link>
          </p>
        </div>
      </div>
    )
  }
  const formResult = result && 'error' in result ? result : undefined
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary result={formResult} order={['email']} />
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">Enter the email address of your account. We will send you a link to choose a new password.</p>
        <Form method="post" noValidate>
          <TextInput name="email" label="Email address" type="email" autoComplete="username" result={formResult} width="govuk-input--width-30" />
          <Button>Send the link</Button>
        </Form>
      </div>
    </div>
  )
}
