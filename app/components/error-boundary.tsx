import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react'

// GOV.UK-style error pages: say what happened and what the person can do, never a stack trace.
const pages: Record<number, { title: string; body: string[] }> = {
  403: {
    title: 'You do not have access to this page',
    body: ['Your account does not give you access to this page.', 'If you think you should have access, ask your council’s director or your region lead.'],
  },
  404: {
    title: 'Page not found',
    body: ['If you typed the web address, check it is correct.', 'If you pasted the web address, check you copied the entire address.'],
  },
  413: { title: 'What you sent is too large', body: ['Nothing was saved. Go back, make it shorter and try again.'] },
  503: { title: 'Sorry, the service is unavailable', body: ['Nothing you sent has been saved. Try again in a few minutes.'] },
}
const fallback = {
  title: 'Sorry, there is a problem with the service',
  body: ['Try again later. Nothing you sent has been saved unless the page said so.'],
}

function pageFor(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : 500
  return pages[status] ?? (status >= 400 && status < 500 ? { title: 'There is a problem with your request', body: ['Go back and try again.'] } : fallback)
}

export const errorTitle = (error: unknown) => pageFor(error).title

export function GeneralErrorBoundary() {
  const error = useRouteError()
  if (!isRouteErrorResponse(error)) console.error(error)
  const page = pageFor(error)
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{page.title}</h1>
        {page.body.map((p) => (
          <p className="govuk-body" key={p}>
            {p}
          </p>
        ))}
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to the Improvement Hub home page
          </Link>
        </p>
      </div>
    </div>
  )
}
