import { Checkboxes, Radios, TextInput, type FormResult } from '~/components/govuk'
import { MODEL_LABELS, TIMETABLE_FIELDS, TIMETABLE_LABELS, type CycleModelKey } from './timetable'

// The fields a cycle is opened and changed with: model, timetable and who takes part.

type Props = {
  result: FormResult
  councils: { id: string; name: string }[]
  values: { model: CycleModelKey; timetable: Record<string, string>; councilIds: string[] }
  /** After publishing only the dates can change. */
  datesOnly?: boolean
}

const HINTS: Record<string, string> = {
  assessmentsDue: 'Councils sign off their self-assessments by this day.',
  windowOpens: 'Challenge meetings take place between these days.',
  reviewsDue: 'Each review is due six months after its meeting; this is the region’s last day for them.',
}

export function CycleFields({ result, councils, values, datesOnly }: Props) {
  return (
    <>
      {datesOnly ? null : (
        <Radios name="model" legend="How councils are grouped" items={(Object.keys(MODEL_LABELS) as CycleModelKey[]).map((m) => ({ value: m, label: MODEL_LABELS[m].label, hint: MODEL_LABELS[m].hint }))} result={result} defaultValue={values.model} />
      )}
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Timetable</legend>
        {TIMETABLE_FIELDS.map((f) => (
          <TextInput key={f} name={f} type="date" label={TIMETABLE_LABELS[f]} hint={HINTS[f]} result={result} defaultValue={values.timetable[f]} width="govuk-input--width-10" />
        ))}
      </fieldset>
      {datesOnly ? null : (
        <Checkboxes
          name="councils"
          legend="Councils taking part"
          hint="Every council of the region is chosen to begin with."
          items={councils.map((c) => ({ value: c.id, label: c.name }))}
          result={result}
          defaultValues={values.councilIds}
          small
        />
      )}
    </>
  )
}

/** The form's fields as the server reads them. */
export function cycleFields(form: FormData) {
  return {
    year: form.get('year') ?? undefined,
    model: form.get('model') ?? undefined,
    councils: form.getAll('councils').map(String),
    ...Object.fromEntries(TIMETABLE_FIELDS.map((f) => [f, form.get(f) ?? undefined])),
  }
}
