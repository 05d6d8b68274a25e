// React versions of the GOV.UK Design System components the hub uses, with the same
// markup and classes as govuk-frontend's templates.
import { useEffect, useRef, type ReactNode } from 'react'
import { Link } from '@remix-run/react'

/** What an action returns for a form: Conform's submission result (values and errors). */
export type FormResult = {
  status?: 'error' | 'success'
  initialValue?: Record<string, unknown> | null
  error?: Record<string, string[] | null | undefined> | null
} | null | undefined

export function fieldError(result: FormResult, name: string): string | undefined {
  return result?.error?.[name]?.[0] ?? undefined
}

export function fieldValue(result: FormResult, name: string): string | undefined {
  const value = result?.initialValue?.[name]
  return typeof value === 'string' ? value : undefined
}

export function ErrorSummary({ result, order }: { result: FormResult; order: string[] }) {
  const ref = useRef<HTMLDivElement>(null)
  const errors = order.flatMap((name) => {
    const text = fieldError(result, name)
    return text ? [{ name, text }] : []
  })
  const formError = fieldError(result, '')
  useEffect(() => {
    if (errors.length || formError) ref.current?.focus()
  })
  if (!errors.length && !formError) return null
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {formError ? <li>{formError}</li> : null}
            {errors.map((e) => (
              <li key={e.name}>
                <a href={`#${e.name}`}>{e.text}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  )
}

/** An error summary for a problem that is not one field's (a refused action, a conflict). */
export function ProblemSummary({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">{children}</div>
      </div>
    </div>
  )
}

/** The hint and error message of a field, with the ids its control points at. */
function HintAndError({ name, hint, error }: { name: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <div id={`${name}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
    </>
  )
}

const describedByFor = (name: string, hint?: string, error?: string) =>
  [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined

/** A form group with its label, hint and error: the frame every single-control field shares. */
function Field({ name, label, hint, error, children, className }: { name: string; label: string; hint?: string; error?: string; children: ReactNode; className?: string }) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}${className ? ` ${className}` : ''}`}>
      <label className="govuk-label" htmlFor={name}>
        {label}
      </label>
      <HintAndError name={name} hint={hint} error={error} />
      {children}
    </div>
  )
}

type InputProps = {
  name: string
  label: string
  hint?: string
  type?: 'text' | 'email' | 'password' | 'date'
  autoComplete?: string
  result?: FormResult
  defaultValue?: string
  width?: 'govuk-input--width-10' | 'govuk-input--width-20' | 'govuk-input--width-30' | 'govuk-!-width-two-thirds'
  spellCheck?: boolean
  maxLength?: number
  readOnly?: boolean
}

export function TextInput({ name, label, hint, type = 'text', autoComplete, result, defaultValue, width, spellCheck, maxLength, readOnly }: InputProps) {
  const error = fieldError(result, name)
  // Passwords are never sent back to the page.
  const value = type === 'password' ? undefined : (fieldValue(result, name) ?? defaultValue)
  const describedBy = describedByFor(name, hint, error)
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      <input
        className={`govuk-input${width ? ` ${width}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        spellCheck={spellCheck ?? (type === 'text' ? undefined : false)}
        defaultValue={value}
        aria-describedby={describedBy}
        maxLength={maxLength}
        readOnly={readOnly}
      />
    </Field>
  )
}

export function Radios({
  name,
  legend,
  hint,
  items,
  result,
  defaultValue,
  legendSize = 'm',
  inline,
}: {
  name: string
  legend: string
  hint?: string
  items: { value: string; label: string; hint?: string }[]
  result?: FormResult
  defaultValue?: string
  legendSize?: 's' | 'm'
  inline?: boolean
}) {
  const error = fieldError(result, name)
  const selected = fieldValue(result, name) ?? defaultValue
  const describedBy = describedByFor(name, hint, error)
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        <HintAndError name={name} hint={hint} error={error} />
        <div className={`govuk-radios${inline ? ' govuk-radios--inline' : ''}${legendSize === 's' ? ' govuk-radios--small' : ''}`} data-module="govuk-radios">
          {items.map((item, i) => {
            // The first radio carries the field's id so the error summary link lands on it.
            const id = i === 0 ? name : `${name}-${item.value}`
            return (
              <div className="govuk-radios__item" key={item.value}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={item.value}
                  defaultChecked={selected === item.value}
                  aria-describedby={item.hint ? `${id}-item-hint` : undefined}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {item.label}
                </label>
                {item.hint ? (
                  <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
                    {item.hint}
                  </div>
                ) : null}
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}

export function Select({
  name,
  label,
  hint,
  options,
  result,
  defaultValue,
  emptyLabel = 'Choose…',
  className,
}: {
  name: string
  label: string
  hint?: string
  options: { value: string; label: string }[]
  result?: FormResult
  defaultValue?: string
  /** The first, empty choice: "Choose…" on forms, "All …" or "Any" on filters. */
  emptyLabel?: string
  className?: string
}) {
  const error = fieldError(result, name)
  const describedBy = describedByFor(name, hint, error)
  const wanted = fieldValue(result, name) ?? defaultValue
  // A value that is not among the options (an unknown filter in the address) shows as the empty choice.
  const selected = wanted !== undefined && options.some((o) => o.value === wanted) ? wanted : ''
  return (
    <Field name={name} label={label} hint={hint} error={error} className={className}>
      <select className={`govuk-select${error ? ' govuk-select--error' : ''}`} id={name} name={name} defaultValue={selected} aria-describedby={describedBy}>
        <option value="">{emptyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  )
}

export function Textarea({
  name,
  label,
  hint,
  result,
  defaultValue,
  rows = 5,
  maxLength,
  labelClassName,
  id = name,
}: {
  /** When several forms on a page share a field name, each needs its own id. */
  id?: string
  name: string
  label: string
  hint?: string
  result?: FormResult
  defaultValue?: string
  rows?: number
  maxLength?: number
  labelClassName?: string
}) {
  const error = fieldError(result, id)
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label${labelClassName ? ` ${labelClassName}` : ''}`} htmlFor={id}>
        {label}
      </label>
      <HintAndError name={id} hint={hint} error={error} />
      <textarea
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={fieldValue(result, id) ?? defaultValue}
        aria-describedby={describedByFor(id, hint, error)}
      />
    </div>
  )
}

export function Button({ children, secondary, warning, name, value }: { children: ReactNode; secondary?: boolean; warning?: boolean; name?: string; value?: string }) {
  const variant = secondary ? ' govuk-button--secondary' : warning ? ' govuk-button--warning' : ''
  return (
    <button type="submit" className={`govuk-button${variant}`} data-module="govuk-button" data-prevent-double-click="true" name={name} value={value}>
      {children}
    </button>
  )
}

export function NotificationBanner({ title = 'Important', success, children }: { title?: string; success?: boolean; children: ReactNode }) {
  return (
    <div
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby="govuk-notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="govuk-notification-banner-title">
          {success ? 'Success' : title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  )
}

export function Breadcrumbs({ items }: { items: { href: string; text: string }[] }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {items.map((item) => (
          <li className="govuk-breadcrumbs__list-item" key={item.href}>
            <Link className="govuk-breadcrumbs__link" to={item.href}>
              {item.text}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  )
}

export function SummaryList({ rows }: { rows: { key: string; value: ReactNode }[] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((row) => (
        <div className="govuk-summary-list__row" key={row.key}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  )
}

export function Tag({ children, colour }: { children: ReactNode; colour?: 'grey' | 'green' | 'yellow' | 'blue' | 'red' | 'orange' | 'purple' | 'turquoise' | 'light-blue' | 'pink' }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{children}</strong>
}

/** The empty state of a list or panel: plain words saying what will appear here. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="govuk-body govuk-hint">{children}</p>
}

/** GOV.UK checkboxes: several values under one name. */
export function Checkboxes({
  name,
  legend,
  hint,
  items,
  result,
  defaultValues = [],
  small,
}: {
  name: string
  legend: string
  hint?: string
  items: { value: string; label: string }[]
  result?: FormResult
  defaultValues?: string[]
  small?: boolean
}) {
  const error = fieldError(result, name)
  const describedBy = describedByFor(name, hint, error)
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <HintAndError name={name} hint={hint} error={error} />
        <div className={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`} data-module="govuk-checkboxes">
          {items.map((item, i) => {
            const id = i === 0 ? name : `${name}-${item.value}`
            return (
              <div className="govuk-checkboxes__item" key={item.value}>
                <input className="govuk-checkboxes__input" id={id} name={name} type="checkbox" value={item.value} defaultChecked={defaultValues.includes(item.value)} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {item.label}
                </label>
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}

/** Field errors keyed by field id (as the forums' readers return them) as a FormResult. */
export function formResultOf(errors: Record<string, string> | null | undefined, values?: Record<string, unknown> | null): FormResult {
  if (!errors) return undefined
  return { status: 'error', error: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]])), initialValue: values ?? null }
}
