import { readFormData } from '~/utils/forms.server'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { z } from 'zod'
import { Button, ErrorSummary, NotificationBanner, TextInput } from '~/components/govuk'
import { safeRedirect } from '~/auth/current-user.server'
import { signIn } from '~/auth/sign-in.server'
import { sessionCookie } from '~/auth/session.server'
import type { PageHandle } from '~/utils/meta'

const schema = z.object({
  email: z.string({ error: 'Enter your email address' }).trim().max(254, 'Email address must be 254 characters or fewer'),
  password: z.string({ error: 'Enter your password' }).max(256, 'Password must be 256 characters or fewer'),
  redirectTo: z.string().max(2000).optional(),
})

export const handle: PageHandle = { title: 'Sign in' }

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.auth) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const { email, password, redirectTo } = submission.value
  const result = await signIn({ email, password, ipAddress: context.clientAddress, userAgent: request.headers.get('user-agent') })
  if (!result.ok) {
    const message =
      result.reason === 'throttled'
        ? `Too many failed attempts to sign in. Wait ${result.retryAfterMinutes} minute${result.retryAfterMinutes === 1 ? '' : 's'} and try again, or reset your password.`
        : 'Enter a correct email address and password'
    return data(submission.reply({ formErrors: [message], hideFields: ['password'] }), { status: result.reason === 'throttled' ? 429 : 400 })
  }
  throw redirect(safeRedirect(redirectTo), { headers: { 'Set-Cookie': sessionCookie(result.token, result.expiresAt) } })
}

export default function Login() {
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary result={result} order={['email', 'password']} />
        {params.get('signedOut') ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">You have signed out</p>
          </NotificationBanner>
        ) : null}
        {params.get('passwordReset') ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">Your password has been changed. Sign in with your new password.</p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Sign in to the Improvement Hub</h1>
        <p className="govuk-body">The hub is for members of England’s children’s services and their regional and national teams. Accounts are by invitation.</p>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
          <TextInput name="email" label="Email address" type="email" autoComplete="username" result={result} width="govuk-input--width-30" />
          <TextInput name="password" label="Password" type="password" autoComplete="current-password" result={result} width="govuk-input--width-20" />
          <Button>Sign in</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/forgot-password">
            I have forgotten my password
          </Link>
        </p>
      </div>
    </div>
  )
}
