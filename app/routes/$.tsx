import { GeneralErrorBoundary } from '~/components/error-boundary'

// Any path no other route matches: a GOV.UK-style "Page not found" with a real 404 status.
export function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return <GeneralErrorBoundary />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
