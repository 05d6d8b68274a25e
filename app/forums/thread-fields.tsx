import { useEffect, useState } from 'react'
import { Checkboxes, TextInput, type FormResult } from '~/components/govuk'
import { RichTextField } from '~/rich-text/rich-text-field'
import { THEMES } from '~/self-assessment/template'
import { LIMITS, PRACTICE_PARTS, type ThreadKind } from './post-form'

/** A rich-text field with its error shown above it, the GOV.UK way. */
export function RichTextWithError({ name, label, hint, error, values, enhanced }: { name: string; label: string; hint?: string; error?: string; values: Record<string, string>; enhanced: boolean }) {
  return (
    <div className={error ? 'govuk-form-group--error hub-rich-field-error' : undefined}>
      {error ? (
        <p className="govuk-error-message" id={`${name}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <RichTextField name={name} label={label} hint={hint} enhanced={enhanced} json={values[`${name}.json`]} text={values[`${name}.text`]} />
    </div>
  )
}

export const MENTION_HINT = 'To mention someone, type @ and their full name, for example @Priya Patel. They will be told.'

/** The fields of a thread's opening post: title, themes, and the body or a good-practice write-up. */
export function ThreadFields({ kind, result, values, themes }: { kind: ThreadKind; result: FormResult; values: Record<string, string>; themes: string[] }) {
  const [enhanced, setEnhanced] = useState(false)
  useEffect(() => setEnhanced(true), [])
  const error = (id: string) => result?.error?.[id]?.[0]
  return (
    <>
      <TextInput
        name="title"
        label={kind === 'question' ? 'Your question' : 'Title'}
        hint={kind === 'good_practice' ? 'Say what you did, for example “A single front door with health and police”.' : undefined}
        result={result}
        defaultValue={values.title}
        maxLength={LIMITS.title}
      />
      <Checkboxes
        name="themes"
        legend={kind === 'good_practice' ? 'Themes' : 'Themes (optional)'}
        hint={`Choose up to ${LIMITS.themes}, so people looking for this theme find it.`}
        items={THEMES.map((t) => ({ value: t.key, label: t.label }))}
        result={result}
        defaultValues={themes}
        small
      />
      {kind === 'good_practice' ? (
        <>
          {PRACTICE_PARTS.map((part) => (
            <RichTextWithError key={part.key} name={part.key} label={part.label} hint={part.hint} error={error(`${part.key}-text`)} values={values} enhanced={enhanced} />
          ))}
          <TextInput name="contact" label="Contact" hint="Who others can contact to find out more: a name, role and email address." result={result} defaultValue={values.contact} maxLength={LIMITS.contact} />
        </>
      ) : (
        <RichTextWithError
          name="body"
          label={kind === 'question' ? 'Details' : 'Your post'}
          hint={`${kind === 'question' ? 'What you have tried, and what would help. ' : ''}${MENTION_HINT}`}
          error={error('body-text')}
          values={values}
          enhanced={enhanced}
        />
      )}
    </>
  )
}

export const threadFieldOrder = (kind: ThreadKind) => ['title', 'themes', ...(kind === 'good_practice' ? [...PRACTICE_PARTS.map((p) => `${p.key}-text`), 'contact'] : ['body-text'])]
