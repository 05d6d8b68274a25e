import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { postHref } from '~/forums/thread-view'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireUser } from '~/auth/current-user.server'
import { can } from '~/policy/policy'
import { Breadcrumbs, Button, EmptyState } from '~/components/govuk'
import type { PageHandle } from '~/utils/meta'
import { formatDayTime } from '~/utils/dates'
import { readFormData } from '~/utils/forms.server'
import { dismissFlag, findFlag, flagQueue, setPostHidden } from '~/forums/moderation.server'
import { findPost, postFacts } from '~/forums/threads.server'

export const handle: PageHandle = { title: 'Reported posts' }

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const queue = await flagQueue(user)
  if (!queue.spaces.length) throw new Response('Forbidden', { status: 403 })
  return { flags: queue.flags, spaces: queue.spaces.map((s) => s.name) }
}

const input = z.object({ intent: z.enum(['hide', 'dismiss']), flagId: z.string().regex(/^[a-z0-9]{1,40}$/) })

export async function action({ context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const parsed = input.safeParse(Object.fromEntries(await readFormData(request)))
  if (!parsed.success) throw new Response('That request was not understood.', { status: 400 })
  const flag = await findFlag(parsed.data.flagId)
  const found = flag ? await findPost(flag.postId) : null
  if (!flag || !found) throw new Response('Not found', { status: 404 })
  if (!can(user, 'moderate', postFacts(found.thread, found.post))) throw new Response('Forbidden', { status: 403 })
  if (parsed.data.intent === 'hide' && found.post.seq !== 1) await setPostHidden(user, found.thread, found.post.id, true)
  else await dismissFlag(user, flag.id)
  return redirect('/moderation', 303)
}

export default function Moderation() {
  const { flags, spaces } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs items={[{ href: '/', text: 'Home' }, { href: '/forums', text: 'Forums' }]} />
      <h1 className="govuk-heading-xl">Reported posts</h1>
      <p className="govuk-body">Reports on posts in the spaces you moderate: {spaces.join(', ')}.</p>
      {flags.length ? (
        <ul className="govuk-list hub-flag-list">
          {flags.map((f) => (
            <li key={f.id} className="hub-flag">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                <Link className="govuk-link" to={postHref(f.threadId, f.postSeq)}>
                  {f.threadTitle}
                </Link>{' '}
                <span className="govuk-body-s hub-muted">in {f.spaceName}</span>
              </h2>
              <p className="govuk-body-s">
                Post by {f.postAuthor}, reported by {f.flaggedBy} on {formatDayTime(f.createdAt)}: <strong>{f.reason}</strong>
              </p>
              <div className="govuk-inset-text">{f.postExcerpt}</div>
              <div className="govuk-button-group">
                {f.postSeq !== 1 && !f.postHidden ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="hide" />
                    <input type="hidden" name="flagId" value={f.id} />
                    <Button warning>Hide the post</Button>
                  </Form>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="dismiss" />
                  <input type="hidden" name="flagId" value={f.id} />
                  <Button secondary>{f.postHidden ? 'Close the report' : 'Keep the post'}</Button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>No open reports. Reports from members appear here.</EmptyState>
      )}
    </>
  )
}
