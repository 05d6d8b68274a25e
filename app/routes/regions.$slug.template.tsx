import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { authorize, requireUser } from '~/auth/current-user.server'
import { can } from '~/policy/policy'
import { Breadcrumbs, Button, NotificationBanner, ProblemSummary, Tag, TextInput, Textarea, type FormResult } from '~/components/govuk'
import { readFormData } from '~/utils/forms.server'
import { templateFor } from '~/self-assessment/assessments.server'
import { changeRegionTemplate, startedCount } from '~/self-assessment/templates.server'
import { currentCycleYear, cycleLabel } from '~/self-assessment/cycle'
import { regionFromSlug } from '~/directory/from-params.server'
import type { PageHandle } from '~/utils/meta'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Self-assessment template – ${d.region.name}` : 'Template') }

/**
 * The current cycle's template or the next one's: earlier years are history. Null for any
 * other year asked for (a page shows the current one; a change is refused).
 */
function chosenYear(request: Request): number | null {
  const current = currentCycleYear()
  const asked = new URL(request.url).searchParams.get('year')
  if (asked === null || asked === '') return current
  return [current, current + 1].includes(Number(asked)) ? Number(asked) : null
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const region = await regionFromSlug(params.slug)
  authorize(user, 'view', { kind: 'region_template', regionId: region.id })
  const year = chosenYear(request) ?? currentCycleYear()
  return {
    region: { name: region.name, slug: region.slug },
    year,
    current: currentCycleYear(),
    template: await templateFor(region.id, year),
    started: await startedCount(region.id, year),
    mayEdit: can(user, 'edit', { kind: 'region_template', regionId: region.id }),
  }
}

const key = z.string().min(1).max(60)
const title = z.string().max(500)
const changeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rename_section'), key, title }),
  z.object({ type: z.literal('move_section'), key, to: z.string().regex(/^\d{1,3}$/).transform(Number) }),
  z.object({ type: z.literal('add_section'), title, guidance: z.string().max(2000).default('') }),
  z.object({ type: z.literal('retire_section'), key }),
  z.object({ type: z.literal('restore_section'), key }),
  z.object({ type: z.literal('add_enabler'), title }),
  z.object({ type: z.literal('rename_enabler'), key, title }),
  z.object({ type: z.literal('retire_enabler'), key }),
  z.object({ type: z.literal('restore_enabler'), key }),
])

type ActionResult = { ok: true } | { ok: false; error: string; adding: 'add_section' | 'add_enabler' | null; form: FormResult }

export async function action({ context, request, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const region = await regionFromSlug(params.slug)
  const parsed = changeSchema.safeParse(Object.fromEntries(await readFormData(request)))
  if (!parsed.success) return data<ActionResult>({ ok: false, error: 'That change was not understood. Reload the page and try again.', adding: null, form: null }, { status: 400 })
  const year = chosenYear(request)
  if (year === null) return data<ActionResult>({ ok: false, error: 'Templates can be changed for this cycle or the next only.', adding: null, form: null }, { status: 400 })
  const changed = await changeRegionTemplate(user, region.id, year, parsed.data)
  if (!changed.ok) {
    if (changed.status === 403) throw new Response(changed.message, { status: 403 })
    // An addition that is refused comes back with what was typed, the error on its field.
    const adding = parsed.data.type === 'add_section' || parsed.data.type === 'add_enabler' ? parsed.data : null
    const form: FormResult = adding
      ? { status: 'error', error: { title: [changed.message] }, initialValue: { title: adding.title, guidance: 'guidance' in adding ? adding.guidance : '' } }
      : null
    return data<ActionResult>({ ok: false, error: changed.message, adding: adding?.type ?? null, form }, { status: 400 })
  }
  return data<ActionResult>({ ok: true })
}

export default function RegionTemplate() {
  const { region, year, current, template, started, mayEdit } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const sections = template.sections
  const failed = result && !result.ok ? result : undefined
  const adding = failed?.adding ?? null
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', text: 'Home' },
          { href: `/regions/${region.slug}`, text: region.name },
          { href: `/regions/${region.slug}/assessments`, text: 'Self-assessments' },
        ]}
      />
      {result && !result.ok ? (
        <ProblemSummary key={result.error}>
          {adding ? (
            <ul className="govuk-list govuk-error-summary__list">
              <li>
                <a href="#title">{result.error}</a>
              </li>
            </ul>
          ) : (
            <p className="govuk-body">{result.error}</p>
          )}
        </ProblemSummary>
      ) : result?.ok ? (
        <NotificationBanner success title="Success">
          Template changed.
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-xl">{region.name}</span>
      <h1 className="govuk-heading-xl">Self-assessment template {cycleLabel(year)}</h1>
      <nav className="govuk-body" aria-label="Cycle">
        {year === current ? (
          <Link className="govuk-link" to={`?year=${current + 1}`}>
            Prepare the {cycleLabel(current + 1)} template
          </Link>
        ) : (
          <Link className="govuk-link" to="?">
            Back to the {cycleLabel(current)} template
          </Link>
        )}
      </nav>
      <div className="govuk-inset-text">
        {started
          ? `${started} councils have started their ${cycleLabel(year)} self-assessment. They keep the template they started on; changes here apply to councils that start after.`
          : `No council has started a ${cycleLabel(year)} self-assessment yet: every council that starts will use this template.`}{' '}
        Sections and enablers are retired, never deleted, so nothing already written is lost.
      </div>

      <h2 className="govuk-heading-l">Sections</h2>
      <ol className="govuk-list hub-template-list">
        {sections.map((s, i) => (
          <li key={s.key} className="hub-template-item">
            <h3 className="govuk-heading-s">
              {s.title} {s.retired ? <Tag colour="grey">Retired</Tag> : null}
            </h3>
            <p className="govuk-body-s">{s.guidance}</p>
            {mayEdit ? (
              <div className="govuk-button-group">
                {i > 0 ? <ChangeButton type="move_section" itemKey={s.key} extra={{ to: String(i - 1) }} label="Move up" title={s.title} /> : null}
                {i < sections.length - 1 ? <ChangeButton type="move_section" itemKey={s.key} extra={{ to: String(i + 1) }} label="Move down" title={s.title} /> : null}
                {s.retired ? (
                  <ChangeButton type="restore_section" itemKey={s.key} label="Restore" title={s.title} />
                ) : s.kind === 'narrative' || s.kind === 'enablers' ? (
                  <ChangeButton type="retire_section" itemKey={s.key} label="Retire" title={s.title} />
                ) : null}
                <Rename type="rename_section" itemKey={s.key} title={s.title} />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {mayEdit ? (
        <Form method="post" className="hub-panel">
          <input type="hidden" name="type" value="add_section" />
          <h3 className="govuk-heading-m">Add a section</h3>
          <TextInput name="title" label="Title" maxLength={120} result={adding === 'add_section' ? failed?.form : undefined} />
          <Textarea name="guidance" label="Guidance for councils" rows={3} maxLength={600} result={adding === 'add_section' ? failed?.form : undefined} />
          <Button secondary>Add section</Button>
        </Form>
      ) : null}

      <h2 className="govuk-heading-l">Enablers</h2>
      <ul className="govuk-list hub-template-list">
        {template.enablers.map((e) => (
          <li key={e.key} className="hub-template-item">
            <h3 className="govuk-heading-s">
              {e.title} {e.retired ? <Tag colour="grey">Retired</Tag> : null}
            </h3>
            {mayEdit ? (
              <div className="govuk-button-group">
                {e.retired ? (
                  <ChangeButton type="restore_enabler" itemKey={e.key} label="Restore" title={e.title} />
                ) : (
                  <ChangeButton type="retire_enabler" itemKey={e.key} label="Retire" title={e.title} />
                )}
                <Rename type="rename_enabler" itemKey={e.key} title={e.title} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {mayEdit ? (
        <Form method="post" className="hub-panel">
          <input type="hidden" name="type" value="add_enabler" />
          <h3 className="govuk-heading-m">Add an enabler</h3>
          <TextInput name="title" label="Enabler" maxLength={120} result={adding === 'add_enabler' ? failed?.form : undefined} />
          <Button secondary>Add enabler</Button>
        </Form>
      ) : null}
    </>
  )
}

function ChangeButton({ type, itemKey, label, title, extra = {} }: { type: string; itemKey: string; label: string; title: string; extra?: Record<string, string> }) {
  return (
    <Form method="post" className="hub-inline-form">
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="key" value={itemKey} />
      {Object.entries(extra).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="govuk-button govuk-button--secondary">
        {label}
        <span className="govuk-visually-hidden"> “{title}”</span>
      </button>
    </Form>
  )
}

function Rename({ type, itemKey, title }: { type: string; itemKey: string; title: string }) {
  const id = `rename-${itemKey}`
  return (
    <details className="govuk-details hub-inline-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Rename<span className="govuk-visually-hidden"> “{title}”</span>
        </span>
      </summary>
      <div className="govuk-details__text">
        <Form method="post">
          <input type="hidden" name="type" value={type} />
          <input type="hidden" name="key" value={itemKey} />
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor={id}>
              New name
            </label>
            <input className="govuk-input" id={id} name="title" type="text" defaultValue={title} maxLength={120} />
          </div>
          <Button secondary>Rename</Button>
        </Form>
      </div>
    </details>
  )
}
