import { readFormData } from '~/utils/forms.server'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import type { SerializeFrom } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { authorize, notFound, requireUser } from '~/auth/current-user.server'
import { councilPeople } from '~/directory/directory.server'
import { pendingInvitations, revokeInvitation } from '~/invitations/invitations.server'
import { can } from '~/policy/policy'
import { roleLabel } from '~/directory/labels'
import { Breadcrumbs, EmptyState } from '~/components/govuk'
import { PeopleTable } from '~/components/people-table'
import { councilFromSlug } from '~/directory/from-params.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (data) => (data ? `People at ${data.council.name}` : 'People') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const council = await councilFromSlug(params.slug)
  authorize(user, 'view', { kind: 'council_people', councilId: council.id, regionId: council.regionId })
  const invitations = (await pendingInvitations({ councilId: council.id })).filter((inv) =>
    can(user, 'view', { kind: 'invitation', role: inv.role, councilId: inv.councilId, regionId: inv.regionId }),
  )
  return {
    council: { id: council.id, name: council.name, slug: council.slug, region: council.region },
    people: await councilPeople(council.id),
    invitations: invitations.map((i) => ({ ...i, roleLabel: roleLabel(i.role), expires: i.expiresAt.toISOString().slice(0, 10) })),
    mayInvite: can(user, 'create', { kind: 'invitation', role: 'officer', councilId: council.id, regionId: council.regionId }),
  }
}

const revokeSchema = z.object({ intent: z.literal('revoke'), invitationId: z.string().min(1).max(40) })

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const council = await councilFromSlug(params.slug)
  const parsed = revokeSchema.safeParse(Object.fromEntries(await readFormData(request)))
  if (!parsed.success) return data({ error: 'That request was not understood.' }, { status: 400 })
  const outcome = await revokeInvitation(user, parsed.data.invitationId)
  if (outcome === 'not_found') notFound()
  if (outcome === 'forbidden') throw new Response('Forbidden', { status: 403 })
  return { revoked: council.id }
}

export default function CouncilPeople() {
  const { council, people, invitations, mayInvite } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', text: 'Home' },
          { href: `/regions/${council.region.slug}`, text: council.region.name },
          { href: `/councils/${council.slug}`, text: council.name },
        ]}
      />
      <span className="govuk-caption-xl">{council.name}</span>
      <h1 className="govuk-heading-xl">People</h1>
      {mayInvite ? (
        <p className="govuk-body">
          <Link className="govuk-button govuk-button--secondary" to={`/invite?council=${council.id}`}>
            Invite someone to {council.name}
          </Link>
        </p>
      ) : null}
      <PeopleTable caption={`People at ${council.name}`} people={people} />
      {mayInvite ? (
        <>
          <h2 className="govuk-heading-m">Invitations waiting to be accepted</h2>
          {invitations.length ? (
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">Invitations waiting to be accepted</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Email</th>
                  <th scope="col" className="govuk-table__header">Role</th>
                  <th scope="col" className="govuk-table__header">Invited by</th>
                  <th scope="col" className="govuk-table__header">Expires</th>
                  <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Action</span></th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {invitations.map((inv) => (
                  <tr className="govuk-table__row" key={inv.id}>
                    <td className="govuk-table__cell">{inv.email}</td>
                    <td className="govuk-table__cell">{inv.roleLabel}</td>
                    <td className="govuk-table__cell">{inv.invitedBy}</td>
                    <td className="govuk-table__cell">{inv.expires}</td>
                    <td className="govuk-table__cell">
                      <Form method="post" className="hub-inline-form">
                        <input type="hidden" name="invitationId" value={inv.id} />
                        <button type="submit" name="intent" value="revoke" className="hub-link-button">
                          Cancel<span className="govuk-visually-hidden"> the invitation to {inv.email}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <EmptyState>No invitations are waiting.</EmptyState>
          )}
        </>
      ) : null}
    </>
  )
}
