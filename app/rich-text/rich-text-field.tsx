import { Suspense, lazy, useCallback } from 'react'

// A rich-text form field. Before the editor has loaded (or with JavaScript off) it is a
// plain textarea posting `<name>.text`; once loaded it is the Tiptap editor writing Tiptap
// JSON into a hidden `<name>.json`. The editor's code is fetched only by pages that
// render this field.
const Editor = lazy(() => import('./editor.client'))

type Props = {
  name: string
  label: string
  hint?: string
  /** Starting values: the document as JSON, and as plain text for the textarea. */
  json?: string
  text?: string
  /** True once the page has hydrated and can run the editor. */
  enhanced: boolean
  labelClassName?: string
}

export function RichTextField({ name, label, hint, json, text, enhanced, labelClassName = 'govuk-label--s' }: Props) {
  const id = name.replace(/[^a-zA-Z0-9_-]/g, '-')
  const hintId = hint ? `${id}-hint` : undefined
  // The hidden input's value is set once, here, and from then on belongs to the editor:
  // React re-applying a `defaultValue` to a hidden input would reset what was typed.
  const start = useCallback(
    (input: HTMLInputElement | null) => {
      if (input && !input.dataset.started) {
        input.value = json ?? ''
        input.dataset.started = 'true'
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  )
  return (
    <div className="govuk-form-group">
      {enhanced ? (
        <p className={`govuk-label ${labelClassName}`} id={`${id}-label`}>
          {label}
        </p>
      ) : (
        <label className={`govuk-label ${labelClassName}`} id={`${id}-label`} htmlFor={`${id}-text`}>
          {label}
        </label>
      )}
      {hint ? (
        <div className="govuk-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <input type="hidden" id={id} name={enhanced ? `${name}.json` : undefined} ref={start} />
      {enhanced ? (
        <Suspense fallback={<p className="govuk-body govuk-hint">Loading the editor…</p>}>
          <Editor inputId={id} labelId={`${id}-label`} describedBy={hintId} label={label} />
        </Suspense>
      ) : (
        <>
          <textarea className="govuk-textarea" id={`${id}-text`} name={`${name}.text`} rows={8} defaultValue={text ?? ''} aria-describedby={hintId} />
          {/* The formatted original: kept by the server when the plain text is not changed. */}
          <input type="hidden" name={`${name}.original`} value={json ?? ''} />
        </>
      )}
    </div>
  )
}
