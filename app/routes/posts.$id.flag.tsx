import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { postHref } from '~/forums/thread-view'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, ErrorSummary, NotificationBanner, Textarea, formResultOf } from '~/components/govuk'
import type { PageHandle } from '~/utils/meta'
import { readFormData } from '~/utils/forms.server'
import { postFor } from '~/forums/post-access.server'
import { excerpt } from '~/forums/threads.server'
import { flagPost } from '~/forums/posts.server'
import { LIMITS } from '~/forums/post-form'

export const handle: PageHandle = { title: 'Report a post' }


export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const { post, thread } = await postFor(user, params.id, 'flag', 'You cannot report your own post.')
  return { post: { id: post.id, seq: post.seq, excerpt: excerpt(post.text, 300) }, thread: { id: thread.id, title: thread.title } }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const { post, thread } = await postFor(user, params.id, 'flag', 'You cannot report your own post.')
  const reason = String((await readFormData(request)).get('reason') ?? '').trim()
  if (!reason) return data({ errors: { reason: 'Say why this post should be looked at' }, values: { reason } }, { status: 400 })
  if (reason.length > LIMITS.flagReason) return data({ errors: { reason: `The reason can be at most ${LIMITS.flagReason} characters` }, values: { reason: reason.slice(0, 5000) } }, { status: 400 })
  await flagPost(user, post.id, reason)
  return redirect(`/threads/${thread.id}?from=${post.seq}&reported=1#post-${post.seq}`, 303)
}

export default function FlagPost() {
  const { post, thread } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const result = formResultOf(failed?.errors, failed?.values)
  return (
    <>
      <Breadcrumbs items={[{ href: '/forums', text: 'Forums' }, { href: postHref(thread.id, post.seq), text: thread.title }]} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary result={result} order={['reason']} />
          <h1 className="govuk-heading-l">Report a post</h1>
          <div className="govuk-inset-text">{post.excerpt}</div>
          <NotificationBanner title="What happens next">The space’s moderators see your report and decide whether to hide the post. The author is not told who reported it.</NotificationBanner>
          <Form method="post" noValidate>
            <Textarea name="reason" label="Why should a moderator look at this post?" hint="For example: it names a child, or shares something confidential." result={result} rows={4} />
            <div className="govuk-button-group">
              <Button>Report the post</Button>
              <a className="govuk-link" href={postHref(thread.id, post.seq)}>
                Cancel
              </a>
            </div>
          </Form>
        </div>
      </div>
    </>
  )
}
