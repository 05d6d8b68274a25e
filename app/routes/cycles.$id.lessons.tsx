import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, EmptyState } from '~/components/govuk'
import { RATING_LABELS, ACTION_RATINGS } from '~/peer-challenge/challenge-form'
import { cycleFor } from '~/peer-challenge/cycles.server'
import { cycleLessons } from '~/peer-challenge/lessons.server'
import { refuse } from '~/peer-challenge/respond.server'
import { cycleLabel } from '~/self-assessment/cycle'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Collective lessons – peer challenge ${cycleLabel(d.cycle.year)} – ${d.cycle.region.name}` : 'Collective lessons') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const found = await cycleFor(user, params.id ?? '', 'view_lessons')
  if (!found.ok) refuse(found)
  const { cycle } = found
  const { lessons, total } = await cycleLessons(user, cycle)
  return { cycle: { id: cycle.id, year: cycle.year, region: cycle.region }, lessons, total }
}

export default function Lessons() {
  const { cycle, lessons, total } = useLoaderData<typeof loader>()
  const rated = ACTION_RATINGS.map((r) => ({ r, n: lessons.actions[r] }))
  const [enhanced, setEnhanced] = useState(false)
  useEffect(() => setEnhanced(true), [])
  return (
    <>
      <div className="hub-no-print">
        <Breadcrumbs
          items={[
            { href: `/regions/${cycle.region.slug}/cycles`, text: 'Peer challenge' },
            { href: `/cycles/${cycle.id}`, text: cycleLabel(cycle.year) },
          ]}
        />
      </div>
      <span className="govuk-caption-xl">
        {cycle.region.name} · peer challenge {cycleLabel(cycle.year)}
      </span>
      <h1 className="govuk-heading-xl">Collective lessons</h1>
      <p className="govuk-body">
        From {lessons.challenges} of the cycle’s {total} challenges
        {lessons.challenges < total ? ': the others’ reports are not published to you' : ''}. Themes shared by most councils come first.
      </p>
      <ul className="govuk-list hub-no-print hub-actions-list">
        <li>
          <a className="govuk-link" href={`/cycles/${cycle.id}/lessons.csv`} download>
            Download as CSV (spreadsheet)
          </a>
        </li>
        {/* Printing from a button needs JavaScript; without it the browser's own Print works. */}
        {enhanced ? (
          <li>
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 hub-print-button" data-module="govuk-button" onClick={() => window.print()}>
              Print
            </button>
          </li>
        ) : null}
      </ul>
      {lessons.themes.length ? (
        <>
          <table className="govuk-table" data-testid="lesson-themes">
            <caption className="govuk-table__caption govuk-table__caption--m">Themes across the challenges</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Theme</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">In top three</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Challenges with findings</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Findings</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {lessons.themes.map((t) => (
                <tr className="govuk-table__row" key={t.theme}>
                  <th scope="row" className="govuk-table__header">{t.label}</th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{t.inTopThree.length}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{t.foundIn.length}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{t.findings.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {lessons.themes.some((t) => t.findings.length) ? <h2 className="govuk-heading-l">Findings by theme</h2> : null}
          {lessons.themes
            .filter((t) => t.findings.length)
            .map((t) => (
              <section key={t.theme} className="hub-lesson" aria-labelledby={`lesson-${t.theme}`}>
                <h3 className="govuk-heading-m" id={`lesson-${t.theme}`}>
                  {t.label} <span className="govuk-caption-m">{t.foundIn.length === 1 ? 'in 1 challenge' : `common to ${t.foundIn.length} challenges`}</span>
                </h3>
                <ul className="govuk-list govuk-list--bullet">
                  {t.findings.map((f, i) => (
                    <li key={i}>
                      <strong>{f.council}:</strong> <span className="hub-pre-line">{f.text}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          <h2 className="govuk-heading-l">Agreed actions at review</h2>
          <ul className="govuk-list">
            {rated.map(({ r, n }) => (
              <li key={r}>
                {RATING_LABELS[r].label}: {n}
              </li>
            ))}
            <li>Not rated yet: {lessons.actions.not_rated}</li>
          </ul>
        </>
      ) : (
        <EmptyState>No findings or top-three themes to show yet.</EmptyState>
      )}
      <p className="govuk-body hub-no-print">
        <Link className="govuk-link" to={`/cycles/${cycle.id}`}>
          Back to the cycle board
        </Link>
      </p>
    </>
  )
}
