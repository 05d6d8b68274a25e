import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { notFound, requireUser, slugParam } from '~/auth/current-user.server'
import { can, type Actor } from '~/policy/policy'
import { Breadcrumbs, Button, ErrorSummary, Radios, formResultOf } from '~/components/govuk'
import type { PageHandle } from '~/utils/meta'
import { readFormData } from '~/utils/forms.server'
import { findSpaceBySlug, spaceFacts } from '~/forums/spaces.server'
import { createThread } from '~/forums/posts.server'
import { isThreadKind, KIND_LABELS, readThreadForm, THREAD_KINDS, type ThreadKind } from '~/forums/post-form'
import { ThreadFields, threadFieldOrder } from '~/forums/thread-fields'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Start a thread – ${d.space.name}` : 'Start a thread') }

async function spaceToPostIn(user: Actor, slug: string | undefined) {
  const space = await findSpaceBySlug(slugParam(slug))
  if (!space || !can(user, 'view', spaceFacts(space))) notFound()
  if (!can(user, 'post', spaceFacts(space))) throw new Response('Forbidden', { status: 403 })
  return space
}

const KIND_HINTS: Record<ThreadKind, string> = {
  discussion: 'Start a conversation with other councils.',
  question: 'Ask other councils; you can mark the reply that answers it.',
  good_practice: 'Write up something that worked: the context, what you did, the impact and evidence, and who to contact.',
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const space = await spaceToPostIn(user, params.space)
  const query = new URL(request.url).searchParams
  const kind = query.get('kind')
  // `step` marks the choice form as sent: sent with no kind chosen is an error to show.
  return { space: { slug: space.slug, name: space.name }, kind: isThreadKind(kind) ? kind : null, kindMissing: (kind !== null || query.has('step')) && !isThreadKind(kind) }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const space = await spaceToPostIn(user, params.space)
  const form = await readFormData(request)
  const kind = form.get('kind')
  if (!isThreadKind(kind)) return data({ errors: { kind: 'Choose what kind of thread to start' }, values: {} as Record<string, string>, themes: [] as string[] }, { status: 400 })
  const read = readThreadForm(form, kind)
  if (!read.ok) {
    const values = Object.fromEntries([...form].filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'themes'))
    return data({ errors: read.errors, values, themes: form.getAll('themes').filter((t): t is string => typeof t === 'string') }, { status: 400 })
  }
  const id = await createThread(user, space, read.value)
  return redirect(`/threads/${id}`, 303)
}

export default function NewThread() {
  const { space, kind, kindMissing } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const result = formResultOf(failed?.errors ?? (kindMissing ? { kind: 'Choose what kind of thread to start' } : null), failed?.values)
  return (
    <>
      <Breadcrumbs items={[{ href: '/', text: 'Home' }, { href: '/forums', text: 'Forums' }, { href: `/forums/${space.slug}`, text: space.name }]} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {kind ? (
            <>
              <ErrorSummary result={result} order={threadFieldOrder(kind)} />
              <span className="govuk-caption-l">{space.name}</span>
              <h1 className="govuk-heading-l">{kind === 'good_practice' ? 'Share good practice' : kind === 'question' ? 'Ask a question' : 'Start a discussion'}</h1>
              <Form method="post" noValidate>
                <input type="hidden" name="kind" value={kind} />
                <ThreadFields kind={kind} result={result} values={failed?.values ?? {}} themes={failed?.themes ?? []} />
                <div className="govuk-button-group">
                  <Button>Post</Button>
                  <a className="govuk-link" href={`/forums/${space.slug}/new`}>
                    Choose another kind
                  </a>
                </div>
              </Form>
            </>
          ) : (
            <>
              <ErrorSummary result={result} order={['kind']} />
              <span className="govuk-caption-l">{space.name}</span>
              <h1 className="govuk-heading-l">Start a thread</h1>
              <form method="get" noValidate>
                <input type="hidden" name="step" value="kind" />
                <Radios name="kind" legend="What would you like to start?" items={THREAD_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k], hint: KIND_HINTS[k] }))} result={result} />
                <Button>Continue</Button>
              </form>
            </>
          )}
        </div>
      </div>
    </>
  )
}
