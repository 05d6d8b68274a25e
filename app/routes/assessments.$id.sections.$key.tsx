import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type SerializeFrom } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigate } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { notFound, requireUser } from '~/auth/current-user.server'
import { Breadcrumbs, Button, NotificationBanner, ProblemSummary, Radios, Select, Textarea } from '~/components/govuk'
import { RichTextField } from '~/rich-text/rich-text-field'
import { useRoom } from '~/realtime/use-room'
import { rooms } from '~/realtime/rooms'
import { readFormData } from '~/utils/forms.server'
import { sectionForEditing } from '~/self-assessment/assessments.server'
import { saveFromForm } from '~/self-assessment/save-form.server'
import { contentToFields } from '~/self-assessment/section-form'
import { SectionContentView } from '~/self-assessment/section-view'
import { draftKey, useAutosave, type SaveState } from '~/self-assessment/use-autosave'
import { RATINGS, THEMES, activeEnablers } from '~/self-assessment/template'
import { cycleLabel } from '~/self-assessment/cycle'
import type { PageHandle } from '~/utils/meta'
import { formatTime } from '~/utils/dates'

export const handle: PageHandle<SerializeFrom<typeof loader>> = { title: (d) => (d ? `Edit: ${d.section.title}` : 'Edit section') }

async function load(context: LoaderFunctionArgs['context'], request: Request, params: LoaderFunctionArgs['params']) {
  const user = requireUser(context, request)
  const editing = await sectionForEditing(user, params.id ?? '', params.key ?? '')
  if (!editing.ok) {
    if (editing.status === 404) notFound()
    throw new Response(editing.message, { status: editing.status })
  }
  return { user, editing }
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { user, editing } = await load(context, request, params)
  const { assessment, template, section } = editing
  return {
    userId: user.id,
    assessment: { id: assessment.id, year: assessment.year, council: assessment.council.name, revision: assessment.revision },
    section,
    enablers: section.kind === 'enablers' ? activeEnablers(template) : [],
    fields: contentToFields(section, template, editing.content),
    version: editing.version,
    startsNewRevision: editing.startsNewRevision,
    awaitingSignOff: editing.assessment.status === 'ready_for_sign_off',
  }
}

// Without JavaScript the form posts here; with it, autosave has already saved and
// "Save and return" only checks that it has.
export async function action({ context, request, params }: ActionFunctionArgs) {
  const { user, editing } = await load(context, request, params)
  const form = await readFormData(request)
  const outcome = await saveFromForm(user, editing.assessment.id, editing.section.key, form)
  if (outcome.ok) return redirect(`/assessments/${editing.assessment.id}#section-${editing.section.key}`)
  // Hand back what the person typed, so nothing is lost on an error or a conflict.
  const fields = Object.fromEntries([...form.entries()].filter(([k, v]) => k !== 'baseVersion' && typeof v === 'string')) as Record<string, string>
  return data({ ...outcome, fields }, { status: outcome.status })
}

const ratingItems = RATINGS.map((r) => ({ value: r, label: r[0].toUpperCase() + r.slice(1) }))

export default function EditSection() {
  const page = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigate = useNavigate()
  const form = useRef<HTMLFormElement>(null)
  const [enhanced, setEnhanced] = useState(false)
  useEffect(() => setEnhanced(true), [])
  const { assessment, section } = page
  const viewUrl = `/assessments/${assessment.id}#section-${section.key}`
  const conflictVersion = result && !result.ok && result.status === 409 && 'theirs' in result ? (result.theirs?.version ?? null) : null
  const version = conflictVersion ?? page.version
  const fields: Record<string, string> = result && !result.ok ? result.fields : page.fields
  const autosave = useAutosave({
    form,
    url: `/assessments/${assessment.id}/sections/${section.key}/autosave`,
    storageKey: draftKey(page.userId, assessment.id, section.key),
    version,
    ready: enhanced,
  })
  const [newer, setNewer] = useState(false)
  useRoom(rooms.assessment(assessment.id), {
    'section.saved': (payload) => {
      const p = payload as { key?: string; version?: number }
      if (p.key !== section.key || typeof p.version !== 'number') return
      const version = p.version
      // Our own save announces itself too, possibly before its answer reaches us: wait
      // for that answer before deciding the save was someone else's.
      setTimeout(() => {
        if (version > autosave.currentVersion()) setNewer(true)
      }, 1500)
    },
  })

  useEffect(() => {
    if (autosave.state.kind === 'saved') setNewer(false)
  }, [autosave.state])

  const saveAndReturn = async (event: FormEvent<HTMLFormElement>) => {
    if (!enhanced) return
    event.preventDefault()
    if (await autosave.flushNow()) navigate(viewUrl)
  }

  const text = (name: string) => fields[name]
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/', text: 'Home' },
          { href: `/assessments/${assessment.id}`, text: `${assessment.council} self-assessment ${cycleLabel(assessment.year)}` },
        ]}
      />
      {result && !result.ok && result.status !== 409 ? (
        <ProblemSummary key={result.error}>
          <p className="govuk-body">{result.error}</p>
        </ProblemSummary>
      ) : null}
      {result && !result.ok && result.status === 409 && 'theirs' in result ? (
        <Conflict message={result.error} theirs={result.theirs} onKeepMine={null} onUseTheirs={null} />
      ) : null}
      <span className="govuk-caption-l">
        {assessment.council} self-assessment {cycleLabel(assessment.year)}
      </span>
      <h1 className="govuk-heading-l">{section.title}</h1>
      {page.startsNewRevision ? (
        <div className="govuk-inset-text">
          This self-assessment is signed off. Your first change starts revision {assessment.revision + 1}; readers keep seeing the signed-off revision until the
          director signs off and shares the new one.
        </div>
      ) : null}
      {page.awaitingSignOff ? (
        <div className="govuk-inset-text">This self-assessment is waiting for the director’s sign-off. Your changes will be part of what the director signs off.</div>
      ) : null}
      {newer ? (
        <NotificationBanner title="Someone else is editing">
          Someone else has just saved changes to this section. When you next save, you will be asked which version to keep.
        </NotificationBanner>
      ) : null}
      <SaveStatus state={autosave.state} onKeepMine={autosave.keepMine} onUseTheirs={autosave.useTheirs} />
      <p className="govuk-body">{section.guidance}</p>

      <Form method="post" ref={form} onSubmit={saveAndReturn} noValidate>
        <input type="hidden" name="baseVersion" defaultValue={version} />
        {section.kind === 'journey' ? (
          <Radios name="rating" legend="Where are you on your improvement journey?" items={ratingItems} defaultValue={text('rating')} inline />
        ) : null}
        {section.kind === 'narrative' || section.kind === 'journey' ? (
          <RichTextField
            name="doc"
            label={section.kind === 'journey' ? 'Why' : 'Your answer'}
            labelClassName="govuk-label--m"
            json={text('doc.json')}
            text={text('doc.text')}
            enhanced={enhanced}
          />
        ) : null}
        {page.enablers.map((enabler) => (
          <section key={enabler.key} className="hub-enabler" aria-labelledby={`enabler-${enabler.key}`}>
            <h2 className="govuk-heading-m" id={`enabler-${enabler.key}`}>
              {enabler.title}
            </h2>
            <Radios
              name={`enablers.${enabler.key}.rating`}
              legend={`Rating for “${enabler.title}”`}
              legendSize="s"
              items={ratingItems}
              defaultValue={text(`enablers.${enabler.key}.rating`)}
              inline
            />
            <RichTextField
              name={`enablers.${enabler.key}.doc`}
              label={`Evidence for “${enabler.title}”`}
              json={text(`enablers.${enabler.key}.doc.json`)}
              text={text(`enablers.${enabler.key}.doc.text`)}
              enhanced={enhanced}
            />
          </section>
        ))}
        {section.kind === 'top_three'
          ? [0, 1, 2].map((i) => (
              <fieldset className="govuk-fieldset hub-challenge" key={i}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Challenge {i + 1}</legend>
                <Select name={`challenges[${i}].theme`} label="Theme" options={THEMES.map((t) => ({ value: t.key, label: t.label }))} defaultValue={text(`challenges[${i}].theme`)} />
                <Textarea name={`challenges[${i}].whatGoodLooksLike`} label="What good would look like" rows={4} maxLength={2000} defaultValue={text(`challenges[${i}].whatGoodLooksLike`)} />
                <Textarea name={`challenges[${i}].supportWelcome`} label="Support we would welcome" rows={4} maxLength={2000} defaultValue={text(`challenges[${i}].supportWelcome`)} />
              </fieldset>
            ))
          : null}
        <div className="govuk-button-group">
          <Button>Save and return</Button>
          <Link className="govuk-link" to={`/assessments/${assessment.id}`}>
            Back to the self-assessment
          </Link>
        </div>
      </Form>
    </>
  )
}

const time = formatTime

function SaveStatus({ state, onKeepMine, onUseTheirs }: { state: SaveState; onKeepMine: (v: number | null) => void; onUseTheirs: () => void }) {
  const words: Record<string, string> = {
    idle: 'Changes save automatically as you type.',
    pending: 'Unsaved changes…',
    saving: 'Saving…',
    offline: 'Not saved yet: no connection. Your changes are kept in this browser and will be saved when the connection is back.',
  }
  const text = state.kind === 'saved' ? `Saved at ${time(state.at)}` : state.kind === 'error' ? `Not saved: ${state.message}` : (words[state.kind] ?? '')
  return (
    <>
      <div className={`hub-save-status hub-save-status--${state.kind}`} data-testid="save-status">
        {text}
      </div>
      {/* Screen readers hear the outcomes, not "Saving…" at every pause in typing. */}
      <div className="govuk-visually-hidden" role="status">
        {state.kind === 'saved' || state.kind === 'error' || state.kind === 'offline' ? text : ''}
      </div>
      {state.kind === 'conflict' ? (
        <Conflict message={state.message} theirs={state.theirs} onKeepMine={() => onKeepMine(state.theirs?.version ?? null)} onUseTheirs={onUseTheirs} />
      ) : null}
      {state.kind === 'restored' ? (
        <div className="govuk-notification-banner" role="region" aria-labelledby="restored-title" data-testid="restored">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="restored-title">
              Unsaved changes
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-body">
              This browser kept changes you made at {time(state.at)} that were not saved, and this section has been saved by someone since. The page shows the saved
              version.
            </p>
            <div className="govuk-button-group">
              <button type="button" className="govuk-button" onClick={() => onKeepMine(null)}>
                Keep my unsaved changes
              </button>
              <button type="button" className="govuk-button govuk-button--secondary" onClick={onUseTheirs}>
                Discard them
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </>
  )
}

function Conflict({
  message,
  theirs,
  onKeepMine,
  onUseTheirs,
}: {
  message: string
  theirs: { by: string; at: string | Date; section: Parameters<typeof SectionContentView>[0]['section'] } | null
  onKeepMine: (() => void) | null
  onUseTheirs: (() => void) | null
}) {
  return (
    <div className="govuk-notification-banner hub-conflict" role="alert" aria-labelledby="conflict-title" data-testid="conflict">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="conflict-title">
          Someone else saved this section
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-body">{message}</p>
        {theirs ? (
          <details className="govuk-details" open>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">
                Their version, saved by {theirs.by} at {time(new Date(theirs.at))}
              </span>
            </summary>
            <div className="govuk-details__text">
              <SectionContentView section={theirs.section} headingLevel={4} />
            </div>
          </details>
        ) : null}
        {onKeepMine && onUseTheirs ? (
          <div className="govuk-button-group">
            <button type="button" className="govuk-button" onClick={onKeepMine}>
              Keep my version
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={onUseTheirs}>
              Use their version
            </button>
          </div>
        ) : (
          <p className="govuk-body">Your text is in the form below. Copy what you need from their version, then save to replace it with yours.</p>
        )}
      </div>
    </div>
  )
}
