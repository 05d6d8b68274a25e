import { data, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { services } from '~/services.server'
import { EmptyState, Select, Tag, formResultOf } from '~/components/govuk'
import { THEMES } from '~/self-assessment/template'
import { knownValues, searchHub, searchOptions } from '~/search/search.server'
import { FIELDS, MAX_Q, PAGE_SIZE, SEARCH_KINDS, SEARCH_KIND_LABELS, isAsking, parseSearchParams, searchHref, type Field, type SearchQuery } from '~/search/query'
import type { PageHandle } from '~/utils/meta'
import { formatDay } from '~/utils/dates'

// The hub's one search box: threads, posts, good practice and the self-assessments the
// person may read. A GET form, so it works without JavaScript and a search can be shared
// as a link (the link shows each reader only what they may read).

export const handle: PageHandle<SerializeFrom<typeof loader>> = {
  title: (d) => (d?.errors ? 'Error: Search' : d?.query?.q ? `Search: ${d.query.q}` : 'Search'),
}

type Values = Partial<Record<Field, string>>

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const options = await searchOptions(user)
  const filters = {
    spaces: options.spaces.map((s) => ({ value: s.slug, label: s.name })),
    regions: options.regions.map((r) => ({ value: r.slug, label: r.name })),
    councils: options.councils.map((c) => ({ value: c.slug, label: c.name })),
  }
  const parsed = parseSearchParams(new URL(request.url).searchParams, knownValues(options))
  if (!parsed.ok) return data({ filters, values: parsed.values as Values, errors: parsed.errors as Values, query: null, outcome: null, failed: false }, { status: 400 })
  const base = { filters, values: parsed.values as Values, errors: null, query: parsed.query }
  if (!isAsking(parsed.query)) return { ...base, outcome: null, failed: false }
  try {
    const outcome = await searchHub(user, parsed.query, options)
    return { ...base, outcome, failed: false }
  } catch (error) {
    services().logger.error('search failed', { error })
    return data({ ...base, outcome: null, failed: true }, { status: 500 })
  }
}

const ERROR_ORDER: Field[] = ['q', 'space', 'region', 'theme', 'kind', 'council', 'from', 'to', 'page']

export default function Search() {
  const { filters, values, errors, query, outcome, failed } = useLoaderData<typeof loader>()
  const location = useLocation()
  const err = (f: Field) => errors?.[f] ?? undefined
  const result = formResultOf(errors as Record<string, string> | null)
  const filtered = FIELDS.some((f) => f !== 'q' && f !== 'page' && values[f])
  return (
    <>
      <h1 className="govuk-heading-xl">Search</h1>
      {errors ? (
        <div className="govuk-error-summary" data-module="govuk-error-summary" tabIndex={-1}>
          <div role="alert">
            <h2 className="govuk-error-summary__title">There is a problem</h2>
            <div className="govuk-error-summary__body">
              <ul className="govuk-list govuk-error-summary__list">
                {ERROR_ORDER.filter((f) => errors[f]).map((f) => (
                  <li key={f}>
                    <a href={`#${f === 'page' ? 'q' : f}`}>{errors[f]}</a>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      ) : null}
      {/* Keyed by the address, so the fields show the search just made after a client-side navigation. */}
      <form method="get" action="/search" role="search" key={location.search} noValidate>
        <div className={`govuk-form-group${err('q') ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--m" htmlFor="q">
            Search threads, good practice and self-assessments
          </label>
          <div id="q-hint" className="govuk-hint">
            Use quotes for a phrase, “or” for either word, and a minus sign to leave a word out: “edge of care” -residential
          </div>
          {err('q') ? (
            <p id="q-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {err('q')}
            </p>
          ) : null}
          <div className="hub-search-bar">
            <input
              className={`govuk-input govuk-!-width-two-thirds${err('q') ? ' govuk-input--error' : ''}`}
              id="q"
              name="q"
              type="search"
              defaultValue={values.q ?? ''}
              maxLength={MAX_Q * 2}
              aria-describedby={['q-hint', err('q') ? 'q-error' : null].filter(Boolean).join(' ')}
              spellCheck={false}
            />{' '}
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Search
            </button>
          </div>
        </div>
        <details className="govuk-details" open={filtered || Boolean(errors)}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Filters{filtered ? ' (in use)' : ''}</span>
          </summary>
          <div className="govuk-details__text">
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-one-half">
                <Select name="kind" label="Kind" options={SEARCH_KINDS.map((k) => ({ value: k, label: SEARCH_KIND_LABELS[k] }))} defaultValue={values.kind} result={result} emptyLabel="Any" />
                <Select name="theme" label="Theme" hint="Themes are on threads; self-assessments are left out when a theme is chosen." options={THEMES.map((t) => ({ value: t.key, label: t.label }))} defaultValue={values.theme} result={result} emptyLabel="Any" />
                <Select name="space" label="Space" options={filters.spaces} defaultValue={values.space} result={result} emptyLabel="Any" />
              </div>
              <div className="govuk-grid-column-one-half">
                <Select name="region" label="Region" options={filters.regions} defaultValue={values.region} result={result} emptyLabel="Any" />
                <Select name="council" label="Council" hint="The council of the person who wrote it, or whose self-assessment it is." options={filters.councils} defaultValue={values.council} result={result} emptyLabel="Any" />
                <DateInput name="from" label="Written or changed on or after" value={values.from} error={err('from')} />
                <DateInput name="to" label="Written or changed on or before" value={values.to} error={err('to')} />
              </div>
            </div>
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Apply filters
            </button>{' '}
            <Link className="govuk-link govuk-body" to="/search">
              Clear search and filters
            </Link>
          </div>
        </details>
      </form>
      {failed ? (
        <div className="govuk-error-summary" tabIndex={-1} data-testid="search-failed">
          <div role="alert">
            <h2 className="govuk-error-summary__title">Sorry, search is not working right now</h2>
            <div className="govuk-error-summary__body">
              <p className="govuk-body">Try again in a few minutes.</p>
            </div>
          </div>
        </div>
      ) : null}
      {outcome && query ? <Results outcome={outcome} query={query} /> : null}
    </>
  )
}

type Outcome = NonNullable<SerializeFrom<typeof loader>['outcome']>

function Results({ outcome, query }: { outcome: Outcome; query: SearchQuery }) {
  const { total, page, pages, results } = outcome
  const first = (page - 1) * PAGE_SIZE + 1
  return (
    <section aria-labelledby="results-heading">
      <h2 className="govuk-heading-m" id="results-heading" aria-live="polite" data-testid="result-count">
        {total === 0 ? 'No results' : total === 1 ? '1 result' : `${outcome.more ? 'More than ' : ''}${total.toLocaleString('en-GB')} results`}
        {pages > 1 && results.length ? <span className="govuk-caption-m">{`Showing ${first} to ${first + results.length - 1}`}</span> : null}
      </h2>
      {total === 0 ? (
        <EmptyState>
          {query.kind === 'self_assessment' && !query.q ? 'Enter words to search self-assessments. ' : null}
          Nothing you can read matches{query.q ? ` “${query.q}”` : ''}
          {FIELDS.some((f) => f !== 'q' && f !== 'page' && query[f]) ? ' with these filters' : ''}. Try fewer or different words, or clear the filters.
        </EmptyState>
      ) : results.length === 0 ? (
        <EmptyState>There are no results on this page. Go back to the first page.</EmptyState>
      ) : (
        <ol className="govuk-list hub-search-results" start={first} data-testid="results">
          {results.map((r) => (
            <li key={r.id} className="hub-search-result" data-kind={r.kind}>
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                <a className="govuk-link" href={r.href} dangerouslySetInnerHTML={{ __html: r.titleHtml }} />
              </h3>
              <p className="govuk-body-s govuk-!-margin-bottom-1 hub-search-meta">
                <Tag colour={r.kind === 'good_practice' ? 'green' : r.kind === 'question' ? 'purple' : r.kind === 'self_assessment' ? 'turquoise' : 'grey'}>{SEARCH_KIND_LABELS[r.kind]}</Tag>{' '}
                {[r.within, r.space, r.council, formatDay(r.date)].filter(Boolean).join(' · ')}
              </p>
              {/* Escaped text with <mark> around matches, built in app/search/highlight.ts. */}
              <p className="govuk-body" dangerouslySetInnerHTML={{ __html: r.snippetHtml }} />
            </li>
          ))}
        </ol>
      )}
      {pages > 1 ? <Pagination query={query} page={page} pages={pages} /> : null}
    </section>
  )
}

function Pagination({ query, page, pages }: { query: SearchQuery; page: number; pages: number }) {
  const last = Math.min(pages, 50)
  const numbers = [...new Set([1, page - 1, page, page + 1, last])].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b)
  return (
    <nav className="govuk-pagination" aria-label="Results pages">
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={searchHref(query, page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {numbers.map((n, i) => (
          <PageItem key={n} n={n} gap={i > 0 && n - numbers[i - 1] > 1} current={n === page} href={searchHref(query, n)} />
        ))}
      </ul>
      {page < last ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={searchHref(query, page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      ) : null}
    </nav>
  )
}

function PageItem({ n, gap, current, href }: { n: number; gap: boolean; current: boolean; href: string }) {
  return (
    <>
      {gap ? <li className="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li> : null}
      <li className={`govuk-pagination__item${current ? ' govuk-pagination__item--current' : ''}`}>
        <Link className="govuk-link govuk-pagination__link" to={href} aria-label={`Page ${n}`} aria-current={current ? 'page' : undefined}>
          {n}
        </Link>
      </li>
    </>
  )
}


function DateInput({ name, label, value, error }: { name: Field; label: string; value?: string; error?: string }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={name}>
        {label}
      </label>
      <div id={`${name}-hint`} className="govuk-hint">
        For example, 2026-03-31
      </div>
      {error ? (
        <p id={`${name}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        className={`govuk-input govuk-input--width-10${error ? ' govuk-input--error' : ''}`}
        id={name}
        name={name}
        type="date"
        defaultValue={value ?? ''}
        aria-describedby={[`${name}-hint`, error ? `${name}-error` : null].filter(Boolean).join(' ')}
      />
    </div>
  )
}
