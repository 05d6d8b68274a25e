import { readFormData } from '~/utils/forms.server'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { requireUser } from '~/auth/current-user.server'
import { councilChoices, listRegions } from '~/directory/directory.server'
import { createInvitation, invitationInput } from '~/invitations/invitations.server'
import { ROLES, invitableRoles, mayInviteAnyone, type RoleName } from '~/policy/policy'
import { roleLabel } from '~/directory/labels'
import { Button, ErrorSummary, NotificationBanner, Radios, Select, TextInput } from '~/components/govuk'
import type { SignedInUser } from '~/auth/session.server'
import { services } from '~/services.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle = { title: 'Invite someone' }

/** The councils, regions and roles this person may invite into: the policy decides. */
async function choicesFor(user: SignedInUser) {
  const [councils, regions] = await Promise.all([councilChoices(), listRegions()])
  const invitableCouncils = councils.filter((c) => invitableRoles(user, { councilId: c.id, regionId: c.regionId }).some((r) => r !== 'region_lead' && r !== 'admin'))
  const invitableRegions = regions.filter((r) => invitableRoles(user, { councilId: null, regionId: r.id }).includes('region_lead'))
  const roles = new Set<RoleName>()
  for (const c of invitableCouncils) invitableRoles(user, { councilId: c.id, regionId: c.regionId }).forEach((r) => roles.add(r))
  for (const r of invitableRegions) invitableRoles(user, { councilId: null, regionId: r.id }).forEach((role) => roles.add(role))
  if (invitableRoles(user, { councilId: null, regionId: null }).includes('admin')) roles.add('admin')
  return {
    councils: invitableCouncils.map((c) => ({ value: c.id, label: c.name })),
    regions: invitableRegions.map((r) => ({ value: r.id, label: r.name })),
    roles: ROLES.filter((r) => roles.has(r)).map((r) => ({ value: r, label: roleLabel(r) })),
  }
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  if (!mayInviteAnyone(user)) throw new Response('Forbidden', { status: 403 })
  const choices = await choicesFor(user)
  const preselected = new URL(request.url).searchParams.get('council')
  return {
    ...choices,
    defaultCouncil: choices.councils.some((c) => c.value === preselected) ? preselected! : choices.councils.length === 1 ? choices.councils[0].value : undefined,
    emailConfigured: !!services().config.smtpUrl,
  }
}

export async function action({ context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  if (!mayInviteAnyone(user)) throw new Response('Forbidden', { status: 403 })
  const submission = parseWithZod(await readFormData(request), { schema: invitationInput })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createInvitation(user, submission.value)
  if (!result.ok) {
    const reply = result.field ? submission.reply({ fieldErrors: { [result.field]: [result.message] } }) : submission.reply({ formErrors: [result.message] })
    return data(reply, { status: result.status })
  }
  return { status: 'success' as const, email: result.email }
}

export default function Invite() {
  const { councils, regions, roles, defaultCouncil, emailConfigured } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const sent = result?.status === 'success' && 'email' in result ? result.email : null
  const formResult = result && 'error' in result ? result : undefined
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {sent ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">Invitation sent to {sent}</p>
            <p className="govuk-body">
              The link works once and expires in 7 days.
              {emailConfigured ? null : ' Email is not set up on this hub, so the message was saved to the outbox folder instead.'}
            </p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary result={formResult} order={['email', 'name', 'role', 'councilId', 'regionId']} />
        <h1 className="govuk-heading-l">Invite someone</h1>
        <p className="govuk-body">We will email them a link to set up their account. Accounts are by invitation only.</p>
        <Form method="post" noValidate key={sent ?? 'form'}>
          <TextInput name="email" label="Email address" type="email" autoComplete="off" result={formResult} width="govuk-input--width-30" />
          <TextInput name="name" label="Full name (optional)" result={formResult} width="govuk-input--width-30" />
          <Radios name="role" legend="Role" items={roles.map((r) => ({ ...r, hint: roleHints[r.value] }))} result={formResult} />
          {councils.length > 1 ? (
            <Select name="councilId" label="Council" hint="For a director, officer or lead member" options={councils} result={formResult} defaultValue={defaultCouncil} />
          ) : councils.length === 1 ? (
            <input type="hidden" name="councilId" value={councils[0].value} />
          ) : null}
          {regions.length > 1 ? (
            <Select name="regionId" label="Region" hint="For a region lead" options={regions} result={formResult} />
          ) : regions.length === 1 ? (
            <input type="hidden" name="regionId" value={regions[0].value} />
          ) : null}
          <Button>Send invitation</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Cancel
          </Link>
        </p>
      </div>
    </div>
  )
}

const roleHints: Record<string, string> = {
  director: 'Signs off and shares the council’s self-assessment',
  officer: 'Drafts the self-assessment and runs actions',
  lead_member: 'The councillor with the children’s portfolio: reads and comments',
  region_lead: 'Runs the region’s sector-led improvement cycle',
  admin: 'National team: manages regions, councils and users',
}
