import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { can } from '~/policy/policy'
import { Breadcrumbs, SummaryList, Tag } from '~/components/govuk'
import { cycleBoard } from '~/peer-challenge/board.server'
import { cycleFacts, cycleFor } from '~/peer-challenge/cycles.server'
import { CYCLE_STATUS_LABELS, StageTag, modelLabel } from '~/peer-challenge/labels'
import { refuse } from '~/peer-challenge/respond.server'
import { STAGE_COUNT_LABELS, STAGE_ORDER } from '~/peer-challenge/stage'
import { cycleLabel } from '~/self-assessment/cycle'
import { formatDay } from '~/utils/dates'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Peer challenge ${cycleLabel(d.cycle.year)} – ${d.cycle.region.name}` : 'Peer challenge cycle') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const found = await cycleFor(user, params.id ?? '')
  if (!found.ok) refuse(found)
  const { cycle } = found
  const rows = await cycleBoard(user, cycle)
  return {
    cycle: {
      id: cycle.id,
      year: cycle.year,
      model: cycle.model,
      status: cycle.status,
      region: cycle.region,
      assessmentsDue: cycle.assessmentsDue,
      windowOpens: cycle.windowOpens,
      windowCloses: cycle.windowCloses,
      reviewsDue: cycle.reviewsDue,
      publishedAt: cycle.publishedAt,
    },
    rows,
    mayManage: can(user, 'manage', cycleFacts(cycle)),
    mayReadLessons: can(user, 'view_lessons', cycleFacts(cycle)),
  }
}

export default function CycleBoard() {
  const { cycle, rows, mayManage, mayReadLessons } = useLoaderData<typeof loader>()
  const overdue = rows.filter((r) => r.stage.overdue.length)
  const counts = STAGE_ORDER.map((key) => ({ key, label: STAGE_COUNT_LABELS[key], n: rows.filter((r) => r.stage.key === key).length })).filter((c) => c.n)
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/regions/${cycle.region.slug}`, text: cycle.region.name },
          { href: `/regions/${cycle.region.slug}/cycles`, text: 'Peer challenge' },
        ]}
      />
      <span className="govuk-caption-xl">{cycle.region.name}</span>
      <h1 className="govuk-heading-xl">Peer challenge {cycleLabel(cycle.year)}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: <Tag colour={cycle.status === 'published' ? 'green' : 'blue'}>{CYCLE_STATUS_LABELS[cycle.status]}</Tag> },
          { key: 'Model', value: modelLabel(cycle.model) },
          { key: 'Self-assessments due', value: formatDay(cycle.assessmentsDue) },
          { key: 'Challenge window', value: `${formatDay(cycle.windowOpens)} to ${formatDay(cycle.windowCloses)}` },
          { key: 'Six-month reviews due', value: formatDay(cycle.reviewsDue) },
        ]}
      />
      <ul className="govuk-list hub-actions-list">
        {mayManage && cycle.status === 'pairing' ? (
          <li>
            <Link className="govuk-link" to={`/cycles/${cycle.id}/pairing`}>
              Work on the groups and publish them
            </Link>
          </li>
        ) : null}
        {mayManage ? (
          <li>
            <Link className="govuk-link" to={`/cycles/${cycle.id}/edit`}>
              Change the timetable{cycle.status === 'pairing' ? ', model or councils' : ''}
            </Link>
          </li>
        ) : null}
        {mayReadLessons ? (
          <li>
            <Link className="govuk-link" to={`/cycles/${cycle.id}/lessons`}>
              Collective lessons
            </Link>
          </li>
        ) : null}
      </ul>
      {overdue.length ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {overdue.length} {overdue.length === 1 ? 'council has' : 'councils have'} something overdue.
          </strong>
        </div>
      ) : null}
      <ul className="hub-stage-counts govuk-list" aria-label="Councils at each stage">
        {counts.map((c) => (
          <li key={c.key}>
            <span className="hub-stage-counts__number">{c.n}</span> {c.label}
          </li>
        ))}
      </ul>
      <table className="govuk-table" data-testid="cycle-board">
        <caption className="govuk-table__caption govuk-table__caption--m">Every council in the cycle</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Council</th>
            <th scope="col" className="govuk-table__header">Group</th>
            <th scope="col" className="govuk-table__header">Stage</th>
            <th scope="col" className="govuk-table__header">Overdue or due soon</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.council.id}>
              <th scope="row" className="govuk-table__header">
                {r.challengeId ? (
                  <Link className="govuk-link" to={`/challenges/${r.challengeId}`}>
                    {r.council.name}
                  </Link>
                ) : (
                  r.council.name
                )}
              </th>
              <td className="govuk-table__cell">
                {r.group ? (
                  <>
                    Group {r.group.number}
                    {r.group.host ? ' (host)' : ''}
                    {r.group.partners.length ? <span className="hub-muted">: with {r.group.partners.join(', ')}</span> : null}
                  </>
                ) : (
                  <span className="hub-muted">Not grouped yet</span>
                )}
              </td>
              <td className="govuk-table__cell">
                <StageTag stage={r.stage.key} label={r.stage.label} />
                {r.stage.date ? <span className="govuk-body-s hub-muted"> {formatDay(r.stage.date)}</span> : null}
              </td>
              <td className="govuk-table__cell">
                {r.stage.overdue.map((d) => (
                  <strong key={d.key} className="govuk-tag govuk-tag--red hub-block-tag">
                    {d.label} overdue since {formatDay(d.due)}
                  </strong>
                ))}
                {r.stage.dueSoon.map((d) => (
                  <strong key={d.key} className="govuk-tag govuk-tag--orange hub-block-tag">
                    {d.label} due {formatDay(d.due)}
                  </strong>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
