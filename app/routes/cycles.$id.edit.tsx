import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, ErrorSummary, formResultOf } from '~/components/govuk'
import { db } from '~/services.server'
import { cycleFor, updateCycle } from '~/peer-challenge/cycles.server'
import { CycleFields, cycleFields } from '~/peer-challenge/cycle-fields'
import { failed, refuse, valuesOf } from '~/peer-challenge/respond.server'
import { TIMETABLE_FIELDS, isoDay } from '~/peer-challenge/timetable'
import { cycleLabel } from '~/self-assessment/cycle'
import { readFormData } from '~/utils/forms.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Change the cycle – peer challenge ${cycleLabel(d.cycle.year)}` : 'Change the cycle') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const found = await cycleFor(user, params.id ?? '', 'manage')
  if (!found.ok) refuse(found)
  const { cycle } = found
  return {
    cycle: { id: cycle.id, year: cycle.year, status: cycle.status, region: cycle.region },
    values: {
      model: cycle.model,
      timetable: Object.fromEntries(TIMETABLE_FIELDS.map((f) => [f, isoDay(cycle[f])])),
      councilIds: cycle.participants.map((p) => p.council.id),
    },
    councils: await db().council.findMany({ where: { regionId: cycle.regionId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const form = await readFormData(request)
  const result = await updateCycle(user, params.id ?? '', cycleFields(form))
  if (!result.ok) return failed(result, { values: { ...valuesOf(form, ['model', ...TIMETABLE_FIELDS]), councils: form.getAll('councils').map(String) } })
  return redirect(`/cycles/${params.id}`, 303)
}

export default function EditCycle() {
  const { cycle, values, councils } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const result = formResultOf(failure?.errors, failure?.values)
  const published = cycle.status === 'published'
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/regions/${cycle.region.slug}/cycles`, text: 'Peer challenge' },
          { href: `/cycles/${cycle.id}`, text: cycleLabel(cycle.year) },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary result={result} order={['model', ...TIMETABLE_FIELDS, 'councils']} />
          <span className="govuk-caption-l">
            {cycle.region.name} · {cycleLabel(cycle.year)}
          </span>
          <h1 className="govuk-heading-l">{published ? 'Change the timetable' : 'Change the cycle'}</h1>
          {published ? (
            <p className="govuk-body">The groups are published, so only the dates can change.</p>
          ) : (
            <p className="govuk-body">Changing the model or the councils proposes groups again, keeping the locked groups that still fit.</p>
          )}
          <Form method="post" noValidate>
            <CycleFields result={result} councils={councils} values={{ ...values, councilIds: (failure?.values?.councils as string[] | undefined) ?? values.councilIds }} datesOnly={published} />
            <Button>Save changes</Button>
          </Form>
        </div>
      </div>
    </>
  )
}
