import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { authorize, requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, ErrorSummary, TextInput, formResultOf } from '~/components/govuk'
import { regionFromSlug } from '~/directory/from-params.server'
import { db } from '~/services.server'
import { openCycle } from '~/peer-challenge/cycles.server'
import { CycleFields, cycleFields } from '~/peer-challenge/cycle-fields'
import { failed, valuesOf } from '~/peer-challenge/respond.server'
import { TIMETABLE_FIELDS, defaultTimetable, isoDay } from '~/peer-challenge/timetable'
import { currentCycleYear, cycleLabel } from '~/self-assessment/cycle'
import { readFormData } from '~/utils/forms.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Open a peer-challenge cycle – ${d.region.name}` : 'Open a peer-challenge cycle') }

async function regionCouncils(regionId: string) {
  return db().council.findMany({ where: { regionId }, orderBy: { name: 'asc' }, select: { id: true, name: true } })
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const region = await regionFromSlug(params.slug)
  authorize(user, 'create', { kind: 'region_cycles', regionId: region.id })
  const taken = new Set((await db().challengeCycle.findMany({ where: { regionId: region.id }, select: { year: true } })).map((c) => c.year))
  // The first year from the current one without a cycle.
  let year = currentCycleYear()
  while (taken.has(year)) year++
  const timetable = defaultTimetable(year)
  return {
    region: { name: region.name, slug: region.slug },
    year,
    councils: await regionCouncils(region.id),
    timetable: Object.fromEntries(TIMETABLE_FIELDS.map((f) => [f, isoDay(timetable[f])])),
  }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const region = await regionFromSlug(params.slug)
  authorize(user, 'create', { kind: 'region_cycles', regionId: region.id })
  const form = await readFormData(request)
  const result = await openCycle(user, region, cycleFields(form))
  if (!result.ok) return failed(result, { values: { ...valuesOf(form, ['year', 'model', ...TIMETABLE_FIELDS]), councils: form.getAll('councils').map(String) } })
  return redirect(`/cycles/${result.cycleId}/pairing`, 303)
}

export default function NewCycle() {
  const { region, year, councils, timetable } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const result = formResultOf(failure?.errors, failure?.values)
  const values = {
    model: 'pairs' as const,
    timetable,
    councilIds: (failure?.values?.councils as string[] | undefined) ?? councils.map((c) => c.id),
  }
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/regions/${region.slug}`, text: region.name },
          { href: `/regions/${region.slug}/cycles`, text: 'Peer challenge' },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary result={result} order={['year', 'model', ...TIMETABLE_FIELDS, 'councils']} />
          <span className="govuk-caption-l">{region.name}</span>
          <h1 className="govuk-heading-l">Open a peer-challenge cycle</h1>
          <p className="govuk-body">The hub proposes groups as soon as the cycle is open. You can lock, swap and propose again before you publish them.</p>
          <Form method="post" noValidate>
            <TextInput name="year" label="Cycle year" hint={`The year the cycle starts in September: ${year} is ${cycleLabel(year)}.`} result={result} defaultValue={String(year)} width="govuk-input--width-10" />
            <CycleFields result={result} councils={councils} values={values} />
            <Button>Open the cycle and propose groups</Button>
          </Form>
        </div>
      </div>
    </>
  )
}
