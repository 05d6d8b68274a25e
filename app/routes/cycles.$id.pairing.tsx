import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, ErrorSummary, NotificationBanner, ProblemSummary, Select, Tag, formResultOf } from '~/components/govuk'
import { pairingPage, publishCycle, runPairing, setGroupLock, swapCouncils } from '~/peer-challenge/cycles.server'
import { modelLabel } from '~/peer-challenge/labels'
import { failed, refuse } from '~/peer-challenge/respond.server'
import { cycleLabel } from '~/self-assessment/cycle'
import { readFormData } from '~/utils/forms.server'
import type { PageHandle } from '~/utils/meta'
import { formatDay } from '~/utils/dates'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Groups – peer challenge ${cycleLabel(d.cycle.year)} – ${d.cycle.region.name}` : 'Groups') }

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const page = await pairingPage(user, params.id ?? '')
  if (!page.ok) refuse(page)
  const { cycle } = page
  return {
    cycle: { id: cycle.id, year: cycle.year, model: cycle.model, region: cycle.region, warnings: cycle.warnings, published: cycle.status === 'published', publishedAt: cycle.publishedAt },
    groups: page.groups,
    ungrouped: page.ungrouped,
    withoutThemes: page.withoutThemes,
    problems: page.problems,
    councils: cycle.participants.map((p) => p.council),
  }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const id = params.id ?? ''
  const form = await readFormData(request)
  const intent = String(form.get('intent') ?? '')
  const back = redirect(`/cycles/${id}/pairing`, 303)
  switch (intent) {
    case 'propose': {
      const result = await runPairing(user, id)
      return result.ok ? back : failed(result, { intent })
    }
    case 'lock':
    case 'unlock': {
      const result = await setGroupLock(user, id, String(form.get('group') ?? ''), intent === 'lock')
      return result.ok ? back : failed(result, { intent })
    }
    case 'swap': {
      const result = await swapCouncils(user, id, form.get('first'), form.get('second'))
      return result.ok ? back : failed(result, { intent, values: { first: String(form.get('first') ?? ''), second: String(form.get('second') ?? '') } })
    }
    case 'publish': {
      const result = await publishCycle(user, id)
      return result.ok ? redirect(`/cycles/${id}?published=1`, 303) : failed(result, { intent })
    }
  }
  throw new Response('That request was not understood.', { status: 400 })
}

export default function Pairing() {
  const { cycle, groups, ungrouped, withoutThemes, problems, councils } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const result = formResultOf(failure?.errors, failure?.values)
  const options = councils.map((c) => ({ value: c.id, label: c.name }))
  const locked = groups.filter((g) => g.locked).length
  // Councils without a top three are listed below with the reason; the banner is for repeats.
  const repeats = cycle.warnings.filter((w) => !w.includes('no top three'))
  return (
    <>
      <Breadcrumbs
        items={[
          { href: `/regions/${cycle.region.slug}/cycles`, text: 'Peer challenge' },
          { href: `/cycles/${cycle.id}`, text: cycleLabel(cycle.year) },
        ]}
      />
      {failure && !failure.errors ? (
        <ProblemSummary>
          <p className="govuk-body">{failure.message}</p>
        </ProblemSummary>
      ) : (
        <ErrorSummary result={result} order={['first', 'second']} />
      )}
      <span className="govuk-caption-xl">
        {cycle.region.name} · {cycleLabel(cycle.year)}
      </span>
      <h1 className="govuk-heading-xl">Groups</h1>
      {cycle.published ? (
        <div className="govuk-inset-text">
          These groups were published on {formatDay(cycle.publishedAt)} and can no longer change. <Link className="govuk-link" to={`/cycles/${cycle.id}`}>See the cycle board</Link>.
        </div>
      ) : null}
      <p className="govuk-body">
        {modelLabel(cycle.model)}, proposed by the hub from councils’ top three challenges, strengths, council type and distance. Lock the groups you want to keep, swap councils, and propose again around the locks. Nothing is shared with councils until you publish.
      </p>
      {repeats.length ? (
        <NotificationBanner title="Repeat partners">
          <ul className="govuk-list">
            {repeats.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </NotificationBanner>
      ) : null}
      {withoutThemes.length ? (
        <div className="govuk-inset-text">
          Top-three themes come only from self-assessments shared with you. Not known yet for: {withoutThemes.join(', ')}.
        </div>
      ) : null}

      {cycle.published ? null : (
        <Form method="post">
          <input type="hidden" name="intent" value="propose" />
          <Button secondary>{locked ? `Propose again around the ${locked} locked ${locked === 1 ? 'group' : 'groups'}` : 'Propose again'}</Button>
        </Form>
      )}

      <div className="hub-groups" data-testid="groups">
        {groups.map((g) => (
          <section className="govuk-summary-card" key={g.id} aria-labelledby={`group-${g.number}`} data-testid="group">
            <div className="govuk-summary-card__title-wrapper">
              <h2 className="govuk-summary-card__title" id={`group-${g.number}`}>
                Group {g.number} {g.locked ? <Tag colour="grey">Locked</Tag> : null}
              </h2>
              {cycle.published ? null : (
                <Form method="post" className="govuk-summary-card__actions">
                  <input type="hidden" name="intent" value={g.locked ? 'unlock' : 'lock'} />
                  <input type="hidden" name="group" value={g.id} />
                  <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                    {g.locked ? 'Unlock' : 'Lock'}
                    <span className="govuk-visually-hidden"> group {g.number}</span>
                  </button>
                </Form>
              )}
            </div>
            <div className="govuk-summary-card__content">
              <p className="govuk-body govuk-!-font-weight-bold" data-testid="group-councils">
                {g.councils.map((c) => c.name + (g.host === c.name ? ' (host)' : '')).join(', ')}
              </p>
              <p className="govuk-body-s">Score {g.score}</p>
              {g.reasons.length ? (
                <ul className="govuk-list govuk-list--bullet govuk-body-s">
                  {g.reasons.map((r, i) => (
                    <li key={i}>
                      {r.text} <span className="hub-muted">({r.points > 0 ? '+' : ''}{r.points})</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="govuk-body-s hub-muted">No shared themes, strengths, type or nearness to weigh.</p>
              )}
            </div>
          </section>
        ))}
      </div>
      {ungrouped.length ? <p className="govuk-body">Not in a group yet: {ungrouped.map((c) => c.name).join(', ')}. Propose again to group them.</p> : null}

      {cycle.published ? null : (
        <>
      <h2 className="govuk-heading-m">Swap two councils</h2>
      <Form method="post" noValidate className="hub-swap">
        <input type="hidden" name="intent" value="swap" />
        <Select name="first" label="Council" options={options} result={result} />
        <Select name="second" label="Swap with" options={options} result={result} />
        <Button secondary>Swap</Button>
      </Form>

      <h2 className="govuk-heading-m">Publish the groups</h2>
      {problems.length ? (
        <div className="govuk-inset-text">
          The groups cannot be published yet: {problems.join(' ')}
        </div>
      ) : (
        <>
          <p className="govuk-body">
            Publishing tells every council its group, starts each council’s challenge, and opens a private discussion space for each group. Councils that share their self-assessment with challenge partners open it to their group. Groups cannot change after this.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <Button>Publish the groups</Button>
          </Form>
        </>
      )}
        </>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/cycles/${cycle.id}`}>
          Back to the cycle board
        </Link>
      </p>
    </>
  )
}
