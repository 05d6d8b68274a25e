import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { authorize, requireUser } from '~/auth/current-user.server'
import { can } from '~/policy/policy'
import { Breadcrumbs, Button, EmptyState, NotificationBanner } from '~/components/govuk'
import { readFormData } from '~/utils/forms.server'
import { councilAssessments } from '~/self-assessment/lists.server'
import { startAssessment } from '~/self-assessment/assessments.server'
import { currentCycleYear, cycleLabel } from '~/self-assessment/cycle'
import { StatusTag, scopeLabel } from '~/self-assessment/labels'
import { councilFromSlug } from '~/directory/from-params.server'
import type { PageHandle } from '~/utils/meta'
import { formatDay } from '~/utils/dates'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Self-assessments – ${d.council.name}` : 'Self-assessments') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const council = await councilFromSlug(params.slug)
  const resource = { kind: 'council_assessments' as const, councilId: council.id, regionId: council.regionId }
  authorize(user, 'list', resource)
  const year = currentCycleYear()
  const assessments = await councilAssessments(council.id)
  return {
    council: { name: council.name, slug: council.slug, region: council.region },
    year,
    assessments,
    mayStart: can(user, 'create', resource) && !assessments.some((a) => a.year === year),
  }
}

const startSchema = z.object({ intent: z.literal('start') })

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const council = await councilFromSlug(params.slug)
  if (!startSchema.safeParse(Object.fromEntries(await readFormData(request))).success) {
    return data({ error: 'That request was not understood. Reload the page and try again.' }, { status: 400 })
  }
  const started = await startAssessment(user, council.id, currentCycleYear())
  if (!started.ok) return data({ error: started.message }, { status: started.status })
  return redirect(`/assessments/${started.assessmentId}`)
}

export default function CouncilAssessments() {
  const { council, year, assessments, mayStart } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', text: 'Home' },
          { href: `/regions/${council.region.slug}`, text: council.region.name },
          { href: `/councils/${council.slug}`, text: council.name },
        ]}
      />
      {failed?.error ? <NotificationBanner title="There is a problem">{failed.error}</NotificationBanner> : null}
      <span className="govuk-caption-xl">{council.name}</span>
      <h1 className="govuk-heading-xl">Self-assessments</h1>
      <p className="govuk-body">
        Your council’s candid view of itself, one for each cycle. Only people of {council.name} can see a self-assessment until the director shares it.
      </p>
      {mayStart ? (
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <Button>Start the {cycleLabel(year)} self-assessment</Button>
        </Form>
      ) : null}
      {assessments.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Self-assessments of {council.name}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Cycle</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">Shared with</th>
              <th scope="col" className="govuk-table__header">Last changed</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {assessments.map((a) => (
              <tr className="govuk-table__row" key={a.id}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/assessments/${a.id}`}>
                    {cycleLabel(a.year)}
                  </Link>
                </th>
                <td className="govuk-table__cell">
                  <StatusTag status={a.status} /> {a.revision > 1 ? <span className="govuk-body-s">revision {a.revision}</span> : null}
                </td>
                <td className="govuk-table__cell">{a.sharedRevision ? `${scopeLabel(a.shareScope)} (revision ${a.sharedRevision})` : 'Not shared'}</td>
                <td className="govuk-table__cell">{formatDay(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <EmptyState>{council.name} has not started a self-assessment yet.</EmptyState>
      )}
    </>
  )
}
