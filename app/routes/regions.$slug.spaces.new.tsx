import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { authorize, requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, Checkboxes, ErrorSummary, TextInput, Textarea, formResultOf } from '~/components/govuk'
import type { PageHandle } from '~/utils/meta'
import { readFormData } from '~/utils/forms.server'
import { regionFromSlug } from '~/directory/from-params.server'
import { councilsByType } from '~/directory/directory.server'
import { createGroupSpace } from '~/forums/spaces.server'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Create a private space – ${d.region.name}` : 'Create a private space') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const region = await regionFromSlug(params.slug)
  authorize(user, 'create', { kind: 'region_spaces', regionId: region.id })
  const groups = await councilsByType(region.id)
  return { region: { name: region.name, slug: region.slug }, councils: groups.flatMap((g) => g.councils).map((c) => ({ id: c.id, name: c.name })).sort((a, b) => a.name.localeCompare(b.name)) }
}

const schema = z.object({
  name: z.string().trim().min(1, 'Enter a name for the space').max(80, 'The name can be at most 80 characters'),
  description: z.string().trim().max(300, 'The description can be at most 300 characters'),
  councils: z.array(z.string()).min(2, 'Choose at least two councils').max(40),
})

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const region = await regionFromSlug(params.slug)
  authorize(user, 'create', { kind: 'region_spaces', regionId: region.id })
  const form = await readFormData(request)
  const input = { name: String(form.get('name') ?? ''), description: String(form.get('description') ?? ''), councils: form.getAll('councils').map(String) }
  const parsed = schema.safeParse(input)
  const regionCouncils = new Set((await councilsByType(region.id)).flatMap((g) => g.councils.map((c) => c.id)))
  const errors: Record<string, string> = {}
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message
  if (input.councils.some((id) => !regionCouncils.has(id))) errors.councils = `Choose councils of ${region.name}`
  if (!parsed.success || Object.keys(errors).length) return data({ errors, values: { name: input.name.slice(0, 200), description: input.description.slice(0, 1000) }, councils: input.councils.filter((id) => regionCouncils.has(id)) }, { status: 400 })
  const space = await createGroupSpace({ regionId: region.id, name: parsed.data.name, description: parsed.data.description, councilIds: [...new Set(parsed.data.councils)], createdById: user.id })
  return redirect(`/forums/${space.slug}`, 303)
}

export default function NewSpace() {
  const { region, councils } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const result = formResultOf(failed?.errors, failed?.values)
  return (
    <>
      <Breadcrumbs items={[{ href: '/forums', text: 'Forums' }, { href: `/regions/${region.slug}`, text: region.name }]} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary result={result} order={['name', 'description', 'councils']} />
          <span className="govuk-caption-l">{region.name}</span>
          <h1 className="govuk-heading-l">Create a private space</h1>
          <p className="govuk-body">Only people of the councils you choose, and the region’s leads, can read and post in it. Use it for a challenge group.</p>
          <Form method="post" noValidate>
            <TextInput name="name" label="Name" result={result} maxLength={80} />
            <Textarea name="description" label="Description (optional)" result={result} rows={3} />
            <Checkboxes name="councils" legend="Councils in the space" items={councils.map((c) => ({ value: c.id, label: c.name }))} result={result} defaultValues={failed?.councils ?? []} small />
            <Button>Create the space</Button>
          </Form>
        </div>
      </div>
    </>
  )
}
