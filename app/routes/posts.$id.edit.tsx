import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { postHref } from '~/forums/thread-view'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, ErrorSummary, formResultOf } from '~/components/govuk'
import type { PageHandle } from '~/utils/meta'
import { readFormData } from '~/utils/forms.server'
import { postFor } from '~/forums/post-access.server'
import { checkPostContent, contentToFormFields, readReplyForm, readThreadForm } from '~/forums/post-form'
import { editPost } from '~/forums/posts.server'
import { MENTION_HINT, RichTextWithError, ThreadFields, threadFieldOrder } from '~/forums/thread-fields'

export const handle: PageHandle = { title: 'Edit your post' }


export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const { post, thread } = await postFor(user, params.id, 'edit')
  const stored = checkPostContent(post.content)
  return {
    post: { id: post.id, seq: post.seq },
    thread: { id: thread.id, title: thread.title, kind: thread.kind, themes: thread.themes, contact: thread.contact, space: { slug: thread.space.slug, name: thread.space.name } },
    values: { ...(stored.ok ? contentToFormFields(stored.content) : {}), title: thread.title, contact: thread.contact } as Record<string, string>,
  }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const { post, thread } = await postFor(user, params.id, 'edit')
  const form = await readFormData(request)
  const values = Object.fromEntries([...form].filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'themes'))
  const themes = form.getAll('themes').filter((t): t is string => typeof t === 'string')
  if (post.seq === 1) {
    const read = readThreadForm(form, thread.kind)
    if (!read.ok) return data({ errors: read.errors, values, themes }, { status: 400 })
    await editPost(user, thread, post, { content: read.value.content, text: read.value.text, thread: read.value })
  } else {
    const read = readReplyForm(form)
    if (!read.ok) return data({ errors: read.errors, values, themes }, { status: 400 })
    await editPost(user, thread, post, read.value)
  }
  return redirect(postHref(thread.id, post.seq), 303)
}

export default function EditPost() {
  const { post, thread, values } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const result = formResultOf(failed?.errors, failed?.values)
  const [enhanced, setEnhanced] = useState(false)
  useEffect(() => setEnhanced(true), [])
  const opening = post.seq === 1
  return (
    <>
      <Breadcrumbs items={[{ href: '/forums', text: 'Forums' }, { href: `/forums/${thread.space.slug}`, text: thread.space.name }, { href: `/threads/${thread.id}`, text: thread.title }]} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary result={result} order={opening ? threadFieldOrder(thread.kind) : ['body-text']} />
          <h1 className="govuk-heading-l">Edit your post</h1>
          <p className="govuk-body">Readers can see that the post was edited, and what it said before.</p>
          <Form method="post" noValidate>
            {opening ? (
              <ThreadFields kind={thread.kind} result={result} values={failed?.values ?? values} themes={failed?.themes ?? thread.themes} />
            ) : (
              <RichTextWithError name="body" label="Your reply" hint={MENTION_HINT} error={result?.error?.['body-text']?.[0]} values={failed?.values ?? values} enhanced={enhanced} />
            )}
            <div className="govuk-button-group">
              <Button>Save changes</Button>
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
