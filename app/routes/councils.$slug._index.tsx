import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { authorize, requireUser } from '~/auth/current-user.server'
import { COUNCIL_TYPE_LABELS } from '~/directory/labels'
import { can } from '~/policy/policy'
import { Breadcrumbs, SummaryList, Tag } from '~/components/govuk'
import { councilFromSlug } from '~/directory/from-params.server'
import type { PageHandle } from '~/utils/meta'
import { sharedAssessmentsOf } from '~/self-assessment/lists.server'
import { cycleLabel } from '~/self-assessment/cycle'
import { councilChallenges } from '~/peer-challenge/challenges.server'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (data) => data?.council.name ?? 'Council' }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const council = await councilFromSlug(params.slug)
  authorize(user, 'view', { kind: 'council', id: council.id, regionId: council.regionId })
  return {
    council,
    typeLabel: COUNCIL_TYPE_LABELS[council.type],
    mayViewPeople: can(user, 'view', { kind: 'council_people', councilId: council.id, regionId: council.regionId }),
    mayListAssessments: can(user, 'list', { kind: 'council_assessments', councilId: council.id, regionId: council.regionId }),
    // Readers from other councils find what has been shared with them here too, not only
    // on their region's board (an assessment shared with all members has readers everywhere).
    shared: user.councilId === council.id ? [] : (await sharedAssessmentsOf(user, council)).map((a) => ({ id: a.id, year: a.year })),
    challenges: await councilChallenges(user, council.id),
  }
}

const number = new Intl.NumberFormat('en-GB')

export default function Council() {
  const { council, typeLabel, mayViewPeople, mayListAssessments, shared, challenges } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', text: 'Home' },
          { href: '/regions', text: 'Regions' },
          { href: `/regions/${council.region.slug}`, text: council.region.name },
        ]}
      />
      <span className="govuk-caption-xl">{typeLabel}</span>
      <h1 className="govuk-heading-xl">{council.name}</h1>
      <SummaryList
        rows={[
          { key: 'Region', value: <Link className="govuk-link" to={`/regions/${council.region.slug}`}>{council.region.name}</Link> },
          { key: 'Type', value: typeLabel },
          ...(mayViewPeople
            ? [{ key: 'People', value: <Link className="govuk-link" to={`/councils/${council.slug}/people`}>People at {council.name}</Link> }]
            : []),
          ...(mayListAssessments
            ? [{ key: 'Self-assessments', value: <Link className="govuk-link" to={`/councils/${council.slug}/assessments`}>Self-assessments of {council.name}</Link> }]
            : []),
          ...(shared.length
            ? [
                {
                  key: 'Shared with you',
                  value: (
                    <ul className="govuk-list">
                      {shared.map((a) => (
                        <li key={a.id}>
                          <Link className="govuk-link" to={`/assessments/${a.id}`}>
                            Self-assessment {cycleLabel(a.year)}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
          ...(challenges.length
            ? [
                {
                  key: 'Peer challenge',
                  value: (
                    <ul className="govuk-list">
                      {challenges.map((c) => (
                        <li key={c.id}>
                          <Link className="govuk-link" to={`/challenges/${c.id}`}>
                            {council.name}’s peer challenge {cycleLabel(c.year)}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
        ]}
      />
      <h2 className="govuk-heading-m">Headline figures</h2>
      {council.figures.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">
            {council.figures.some((f) => f.isDemo) ? (
              <>
                <Tag colour="yellow">Demo figures</Tag> These figures are synthetic, made up for the demo.
              </>
            ) : (
              'Latest published figures'
            )}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Measure
              </th>
              <th scope="col" className="govuk-table__header">
                Year
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Value
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {council.figures.map((f) => (
              <tr className="govuk-table__row" key={f.key}>
                <th scope="row" className="govuk-table__header">
                  {f.label}
                </th>
                <td className="govuk-table__cell">{f.period}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{number.format(f.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body govuk-hint">No figures have been imported for this council yet.</p>
      )}
    </>
  )
}
