import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { blankSessionCookie, invalidateSession } from '~/auth/session.server'

export async function loader() {
  return redirect('/')
}

export async function action({ context }: ActionFunctionArgs) {
  if (context.auth) await invalidateSession(context.auth.session.id)
  return redirect('/login?signedOut=1', { headers: { 'Set-Cookie': blankSessionCookie() } })
}
