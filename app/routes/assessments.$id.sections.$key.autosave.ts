import type { ActionFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/current-user.server'
import { readFormData } from '~/utils/forms.server'
import { saveFromForm } from '~/self-assessment/save-form.server'

// The editor's autosave: the same form fields a submit sends, answered in JSON. The
// editor keeps its draft in the browser until this says saved, so a closed tab or a lost
// connection loses nothing.
export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const outcome = await saveFromForm(user, params.id ?? '', params.key ?? '', await readFormData(request))
  return Response.json(outcome, { status: outcome.ok ? 200 : outcome.status, headers: { 'Cache-Control': 'no-store' } })
}

export function loader() {
  return new Response('Not found', { status: 404 })
}
