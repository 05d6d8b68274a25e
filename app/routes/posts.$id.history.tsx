import type { LoaderFunctionArgs } from '@remix-run/node'
import { postHref } from '~/forums/thread-view'
import { useLoaderData } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { Breadcrumbs } from '~/components/govuk'
import type { PageHandle } from '~/utils/meta'
import { formatDayTime } from '~/utils/dates'
import { db } from '~/services.server'
import { visiblePost } from '~/forums/post-access.server'
import { renderPostContent } from '~/forums/threads.server'
import { checkPostContent } from '~/forums/post-form'

export const handle: PageHandle = { title: 'History of a post' }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const { post, thread } = await visiblePost(user, params.id)
  const revisions = await db().postRevision.findMany({ where: { postId: post.id }, orderBy: { editedAt: 'desc' }, select: { id: true, content: true, title: true, editedAt: true } })
  const current = await db().post.findUnique({ where: { id: post.id }, select: { html: true, editedAt: true, createdAt: true, author: { select: { name: true } } } })
  // Each revision is the text as it was until the edit recorded with it.
  const versions = [
    { id: 'current', label: current?.editedAt ? `Current version, edited ${formatDayTime(current.editedAt)}` : 'Current version', title: post.seq === 1 ? thread.title : '', html: current?.html ?? '' },
    ...revisions.map((r, i) => {
      const checked = checkPostContent(r.content)
      const from = revisions[i + 1]?.editedAt ?? current?.createdAt
      return { id: r.id, label: `Version written ${formatDayTime(from)}, replaced ${formatDayTime(r.editedAt)}`, title: r.title, html: checked.ok ? renderPostContent(checked.content) : '' }
    }),
  ]
  return { post: { seq: post.seq, author: current?.author.name ?? '' }, thread: { id: thread.id, title: thread.title, space: { slug: thread.space.slug, name: thread.space.name } }, versions }
}

export default function PostHistory() {
  const { post, thread, versions } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs items={[{ href: '/forums', text: 'Forums' }, { href: `/forums/${thread.space.slug}`, text: thread.space.name }, { href: postHref(thread.id, post.seq), text: thread.title }]} />
      <h1 className="govuk-heading-l">History of a post by {post.author}</h1>
      <p className="govuk-body">Every version of this post, newest first.</p>
      {versions.map((v) => (
        <section key={v.id} className="hub-post-version" aria-labelledby={`v-${v.id}`}>
          <h2 className="govuk-heading-s" id={`v-${v.id}`}>
            {v.label}
          </h2>
          {v.title ? <p className="govuk-body govuk-!-font-weight-bold">{v.title}</p> : null}
          <div className="hub-rich-text" dangerouslySetInnerHTML={{ __html: v.html }} />
        </section>
      ))}
    </>
  )
}
