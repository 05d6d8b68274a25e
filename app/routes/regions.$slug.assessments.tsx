import type { LoaderFunctionArgs, SerializeFrom } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { authorize, requireUser } from '~/auth/current-user.server'
import { can } from '~/policy/policy'
import { Breadcrumbs, Button, Select } from '~/components/govuk'
import { regionBoard, type BoardStage } from '~/self-assessment/lists.server'
import { currentCycleYear, cycleLabel } from '~/self-assessment/cycle'
import { StatusTag, scopeLabel } from '~/self-assessment/labels'
import { regionFromSlug } from '~/directory/from-params.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Self-assessments – ${d.region.name}` : 'Self-assessments') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const region = await regionFromSlug(params.slug)
  authorize(user, 'view', { kind: 'region_assessments', regionId: region.id })
  const current = currentCycleYear()
  const asked = Number(new URL(request.url).searchParams.get('year'))
  // Any year from the hub's first cycle to the current one; anything else means the current.
  const year = Number.isInteger(asked) && asked >= 2020 && asked <= current ? asked : current
  const rows = await regionBoard(user, region.id, year)
  const counts = rows.reduce<Record<string, number>>((n, r) => ({ ...n, [r.stage]: (n[r.stage] ?? 0) + 1 }), {})
  return {
    region: { name: region.name, slug: region.slug },
    year,
    years: Array.from({ length: current - 2024 + 1 }, (_, i) => current - i),
    rows,
    counts,
    mayEditTemplate: can(user, 'edit', { kind: 'region_template', regionId: region.id }),
  }
}

const STAGES: { stage: BoardStage; label: string }[] = [
  { stage: 'not_started', label: 'Not started' },
  { stage: 'draft', label: 'Draft' },
  { stage: 'ready_for_sign_off', label: 'Ready for sign-off' },
  { stage: 'signed_off', label: 'Signed off' },
  { stage: 'shared', label: 'Shared' },
]

export default function RegionAssessments() {
  const { region, year, years, rows, counts, mayEditTemplate } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', text: 'Home' },
          { href: `/regions/${region.slug}`, text: region.name },
        ]}
      />
      <span className="govuk-caption-xl">{region.name}</span>
      <h1 className="govuk-heading-xl">Self-assessments {cycleLabel(year)}</h1>
      <Form method="get" className="hub-filter">
        <Select name="year" label="Cycle" options={years.map((y) => ({ value: String(y), label: cycleLabel(y) }))} defaultValue={String(year)} />
        <Button secondary>Show</Button>
      </Form>
      {mayEditTemplate ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/regions/${region.slug}/template`}>
            Change the region’s self-assessment template
          </Link>
        </p>
      ) : null}
      <ul className="hub-stage-counts govuk-list" aria-label="Councils at each stage">
        {STAGES.map((s) => (
          <li key={s.stage}>
            <span className="hub-stage-counts__number">{counts[s.stage] ?? 0}</span> {s.label.toLowerCase()}
          </li>
        ))}
      </ul>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Every council in {region.name}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Council</th>
            <th scope="col" className="govuk-table__header">Stage</th>
            <th scope="col" className="govuk-table__header">Shared with</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.council.id}>
              <th scope="row" className="govuk-table__header">
                {r.mayRead && r.assessmentId ? (
                  <Link className="govuk-link" to={`/assessments/${r.assessmentId}`}>
                    {r.council.name}
                  </Link>
                ) : (
                  r.council.name
                )}
              </th>
              <td className="govuk-table__cell">
                <StatusTag status={r.stage} />
              </td>
              <td className="govuk-table__cell">{r.stage === 'shared' ? scopeLabel(r.shareScope) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
