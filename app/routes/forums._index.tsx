import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { can } from '~/policy/policy'
import { Breadcrumbs } from '~/components/govuk'
import type { PageHandle } from '~/utils/meta'
import { formatDay } from '~/utils/dates'
import { readableSpaces, spaceFacts } from '~/forums/spaces.server'
import { latestThreads } from '~/forums/threads.server'
import { KIND_LABELS } from '~/forums/post-form'
import { db } from '~/services.server'

export const handle: PageHandle = { title: 'Forums' }

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const spaces = await readableSpaces(user)
  const ids = spaces.map((s) => s.id)
  const [counts, latest] = await Promise.all([
    db().thread.groupBy({ by: ['spaceId'], where: { spaceId: { in: ids }, hiddenAt: null }, _count: { _all: true }, _max: { lastPostAt: true } }),
    latestThreads(ids, 8),
  ])
  const bySpace = new Map(counts.map((c) => [c.spaceId, c]))
  const names = new Map(spaces.map((s) => [s.id, s]))
  const createIn = user.leadRegions.filter((r) => can(user, 'create', { kind: 'region_spaces', regionId: r.id }))
  return {
    spaces: spaces.map((s) => ({
      slug: s.slug,
      name: s.name,
      description: s.description,
      scope: s.scope,
      threads: bySpace.get(s.id)?._count._all ?? 0,
      lastPostAt: bySpace.get(s.id)?._max.lastPostAt?.toISOString() ?? null,
    })),
    latest: latest.map((t) => ({ id: t.id, kind: t.kind, title: t.title, author: t.author.name, replyCount: t.replyCount, lastPostAt: t.lastPostAt.toISOString(), space: names.get(t.spaceId)?.name ?? '', answered: !!t.acceptedPostId })),
    moderates: spaces.some((s) => can(user, 'moderate', spaceFacts(s))),
    createIn: createIn.map((r) => ({ slug: r.slug, name: r.name })),
  }
}

const SCOPE_HEADINGS = { national: 'National', region: 'Regions', group: 'Private groups' } as const

export default function Forums() {
  const { spaces, latest, moderates, createIn } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs items={[{ href: '/', text: 'Home' }]} />
      <h1 className="govuk-heading-xl">Forums</h1>
      <p className="govuk-body-l">Share what works, ask other councils, and discuss it together.</p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {(['national', 'region', 'group'] as const).map((scope) => {
            const list = spaces.filter((s) => s.scope === scope)
            if (!list.length) return null
            return (
              <section key={scope} aria-labelledby={`spaces-${scope}`}>
                <h2 className="govuk-heading-m" id={`spaces-${scope}`}>
                  {SCOPE_HEADINGS[scope]}
                </h2>
                <ul className="govuk-list hub-space-list">
                  {list.map((s) => (
                    <li key={s.slug}>
                      <Link className="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold" to={`/forums/${s.slug}`}>
                        {s.name}
                      </Link>
                      <span className="govuk-body-s hub-muted">
                        {' '}
                        · {s.threads === 1 ? '1 thread' : `${s.threads} threads`}
                        {s.lastPostAt ? ` · last post ${formatDay(s.lastPostAt)}` : ''}
                      </span>
                      {s.description ? <p className="govuk-body-s govuk-!-margin-bottom-0">{s.description}</p> : null}
                    </li>
                  ))}
                </ul>
              </section>
            )
          })}
        </div>
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">Latest</h2>
          {latest.length ? (
            <ul className="govuk-list">
              {latest.map((t) => (
                <li key={t.id}>
                  <Link className="govuk-link" to={`/threads/${t.id}`}>
                    {t.title}
                  </Link>
                  <br />
                  <span className="govuk-body-s hub-muted">
                    {KIND_LABELS[t.kind]} in {t.space} · {t.replyCount === 1 ? '1 reply' : `${t.replyCount} replies`}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">Nothing yet.</p>
          )}
          {moderates || createIn.length ? <h2 className="govuk-heading-m">Moderation</h2> : null}
          <ul className="govuk-list">
            {moderates ? (
              <li>
                <Link className="govuk-link" to="/moderation">
                  Reported posts
                </Link>
              </li>
            ) : null}
            {createIn.map((r) => (
              <li key={r.slug}>
                <Link className="govuk-link" to={`/regions/${r.slug}/spaces/new`}>
                  Create a private space in {r.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </>
  )
}
