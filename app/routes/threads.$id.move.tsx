import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { can, type Actor } from '~/policy/policy'
import { Breadcrumbs, Button, ErrorSummary, Radios, formResultOf } from '~/components/govuk'
import type { PageHandle } from '~/utils/meta'
import { readFormData } from '~/utils/forms.server'
import { readableThread } from '~/forums/thread-page.server'
import { threadFacts } from '~/forums/threads.server'
import { moveTargets, moveThread } from '~/forums/moderation.server'

export const handle: PageHandle = { title: 'Move a thread' }

async function movableThread(user: Actor, id: string | undefined) {
  const thread = await readableThread(user, id)
  if (!can(user, 'moderate', threadFacts(thread))) throw new Response('Forbidden', { status: 403 })
  return thread
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const thread = await movableThread(user, params.id)
  const targets = await moveTargets(user, thread)
  return { thread: { id: thread.id, title: thread.title, space: thread.space.name }, targets: targets.map((s) => ({ id: s.id, name: s.name })) }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const thread = await movableThread(user, params.id)
  const spaceId = (await readFormData(request)).get('spaceId')
  const target = (await moveTargets(user, thread)).find((s) => s.id === spaceId)
  if (!target) return data({ errors: { spaceId: 'Choose a space you moderate' } }, { status: 400 })
  await moveThread(thread, target.id)
  return redirect(`/threads/${thread.id}`, 303)
}

export default function MoveThread() {
  const { thread, targets } = useLoaderData<typeof loader>()
  const result = formResultOf(useActionData<typeof action>()?.errors)
  return (
    <>
      <Breadcrumbs items={[{ href: '/forums', text: 'Forums' }, { href: `/threads/${thread.id}`, text: thread.title }]} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary result={result} order={['spaceId']} />
          <h1 className="govuk-heading-l">Move “{thread.title}”</h1>
          <p className="govuk-body">It is in {thread.space} now. People who cannot read the new space lose access to it at once.</p>
          {targets.length ? (
            <Form method="post" noValidate>
              <Radios name="spaceId" legend="Move it to" items={targets.map((t) => ({ value: t.id, label: t.name }))} result={result} />
              <Button>Move the thread</Button>
            </Form>
          ) : (
            <p className="govuk-body">There is no other space you moderate.</p>
          )}
        </div>
      </div>
    </>
  )
}
