import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { notFound, requireUser, slugParam } from '~/auth/current-user.server'
import { can, type Actor } from '~/policy/policy'
import { Breadcrumbs, Button, EmptyState, Select, Tag } from '~/components/govuk'
import type { PageHandle } from '~/utils/meta'
import { formatDay } from '~/utils/dates'
import { readFormData } from '~/utils/forms.server'
import { findSpaceBySlug, spaceFacts } from '~/forums/spaces.server'
import { spaceThreads } from '~/forums/threads.server'
import { isWatching, setWatching } from '~/forums/posts.server'
import { KIND_LABELS, THREAD_KINDS } from '~/forums/post-form'
import { THEMES } from '~/self-assessment/template'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? d.space.name : 'Forum') }

async function readableSpace(user: Actor, slug: string | undefined) {
  const space = await findSpaceBySlug(slugParam(slug))
  if (!space || !can(user, 'view', spaceFacts(space))) notFound()
  return space
}

const filters = z.object({
  kind: z.enum(THREAD_KINDS).optional().catch(undefined),
  theme: z.enum(THEMES.map((t) => t.key) as [string, ...string[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const space = await readableSpace(user, params.space)
  const query = filters.parse(Object.fromEntries(new URL(request.url).searchParams))
  const [list, watching] = await Promise.all([spaceThreads(user, space, query), isWatching(user.id, { spaceId: space.id })])
  return {
    space: { slug: space.slug, name: space.name, description: space.description, scope: space.scope },
    query,
    ...list,
    watching,
    mayPost: can(user, 'post', spaceFacts(space)),
  }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const space = await readableSpace(user, params.space)
  const intent = (await readFormData(request)).get('intent')
  if (intent !== 'watch' && intent !== 'unwatch') throw new Response('That request was not understood.', { status: 400 })
  await setWatching(user.id, { spaceId: space.id }, intent === 'watch')
  return redirect(`/forums/${space.slug}`, 303)
}

export default function SpacePage() {
  const { space, query, threads, total, pages, watching, mayPost } = useLoaderData<typeof loader>()
  const themeLabel = new Map<string, string>(THEMES.map((t) => [t.key, t.label]))
  const pageHref = (page: number) => `?${new URLSearchParams({ ...(query.kind ? { kind: query.kind } : {}), ...(query.theme ? { theme: query.theme } : {}), page: String(page) })}`
  return (
    <>
      <Breadcrumbs items={[{ href: '/', text: 'Home' }, { href: '/forums', text: 'Forums' }]} />
      <span className="govuk-caption-xl">{space.scope === 'group' ? 'Private space' : 'Forum'}</span>
      <h1 className="govuk-heading-xl">{space.name}</h1>
      {space.description ? <p className="govuk-body-l">{space.description}</p> : null}
      <div className="govuk-button-group">
        {mayPost ? (
          <Link className="govuk-button" to={`/forums/${space.slug}/new`}>
            Start a thread
          </Link>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value={watching ? 'unwatch' : 'watch'} />
          <Button secondary>{watching ? 'Stop following new threads here' : 'Follow new threads here'}</Button>
        </Form>
      </div>
      <form method="get" className="hub-filters" aria-label="Filter threads">
        <Select name="kind" label="Kind" options={THREAD_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} defaultValue={query.kind} emptyLabel="All kinds" className="hub-filters__item" />
        <Select name="theme" label="Theme" options={THEMES.map((t) => ({ value: t.key, label: t.label }))} defaultValue={query.theme} emptyLabel="All themes" className="hub-filters__item" />
        <button type="submit" className="govuk-button govuk-button--secondary hub-filters__button">
          Filter
        </button>
      </form>
      <p className="govuk-body" role="status">
        {total === 1 ? '1 thread' : `${total} threads`}
      </p>
      {threads.length ? (
        <ul className="govuk-list hub-thread-list">
          {threads.map((t) => (
            <li key={t.id} className="hub-thread-list__item">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                <Link className="govuk-link" to={`/threads/${t.id}`}>
                  {t.title}
                </Link>
              </h2>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                <Tag colour={t.kind === 'good_practice' ? 'turquoise' : t.kind === 'question' ? 'purple' : 'grey'}>{KIND_LABELS[t.kind]}</Tag>{' '}
                {t.pinned ? <Tag colour="blue">Pinned</Tag> : null} {t.locked ? <Tag colour="grey">Locked</Tag> : null} {t.hidden ? <Tag colour="red">Hidden</Tag> : null}{' '}
                {t.kind === 'question' ? t.answered ? <Tag colour="green">Answered</Tag> : null : null}
              </p>
              <p className="govuk-body-s hub-muted govuk-!-margin-bottom-0">
                {t.authorName}
                {t.councilName ? `, ${t.councilName}` : ''} · {t.replyCount === 1 ? '1 reply' : `${t.replyCount} replies`} · last post {formatDay(t.lastPostAt)}
                {t.themes.length ? ` · ${t.themes.map((k) => themeLabel.get(k) ?? k).join(', ')}` : ''}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>No threads {query.kind || query.theme ? 'match these filters' : 'yet'}.</EmptyState>
      )}
      {pages > 1 ? (
        <nav className="govuk-pagination" aria-label="Pages of threads">
          {query.page > 1 ? (
            <div className="govuk-pagination__prev">
              <a className="govuk-link govuk-pagination__link" href={pageHref(query.page - 1)} rel="prev">
                <span className="govuk-pagination__link-title">Previous<span className="govuk-visually-hidden"> page</span></span>
              </a>
            </div>
          ) : null}
          <p className="govuk-body govuk-pagination__list">
            Page {query.page} of {pages}
          </p>
          {query.page < pages ? (
            <div className="govuk-pagination__next">
              <a className="govuk-link govuk-pagination__link" href={pageHref(query.page + 1)} rel="next">
                <span className="govuk-pagination__link-title">Next<span className="govuk-visually-hidden"> page</span></span>
              </a>
            </div>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}
