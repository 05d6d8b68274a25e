import { readFormData } from '~/utils/forms.server'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Button, ErrorSummary, TextInput } from '~/components/govuk'
import { isResetTokenUsable, resetPassword } from '~/auth/password-reset.server'
import { withConfirmation } from '~/auth/password-rules'
import { blankSessionCookie } from '~/auth/session.server'
import type { PageHandle } from '~/utils/meta'

const schema = withConfirmation({})

export const handle: PageHandle = { title: 'Choose a new password' }

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await isResetTokenUsable(params.token ?? '') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password', 'confirmPassword'] }), { status: 400 })
  const result = await resetPassword(params.token ?? '', submission.value.password)
  if (!result.ok) return data(submission.reply({ formErrors: ['This link has expired or has already been used. Ask for a new one.'], hideFields: ['password', 'confirmPassword'] }), { status: 410 })
  throw redirect('/login?passwordReset=1', { headers: { 'Set-Cookie': blankSessionCookie() } })
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  if (!usable && !result) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This link has expired or has already been used</h1>
          <p className="govuk-body">Reset links work once and for 1 hour.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/forgot-password">
              Ask for a new link
            </Link>
          </p>
        </div>
      </div>
    )
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary result={result} order={['password', 'confirmPassword']} />
        <h1 className="govuk-heading-l">Choose a new password</h1>
        <p className="govuk-body">Changing your password signs you out everywhere you are signed in.</p>
        <Form method="post" noValidate>
          <TextInput name="password" label="New password" hint="At least 12 characters. A few unrelated words make a strong one." type="password" autoComplete="new-password" result={result} width="govuk-input--width-20" />
          <TextInput name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" result={result} width="govuk-input--width-20" />
          <Button>Change password</Button>
        </Form>
      </div>
    </div>
  )
}
