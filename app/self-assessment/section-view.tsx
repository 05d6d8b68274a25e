import { Tag } from '~/components/govuk'
import type { RenderedSection } from './section-view.server'

// Shows one section's content. `html` was rendered and sanitised on the server.

const RATING_COLOURS: Record<string, 'red' | 'orange' | 'blue' | 'green'> = { poor: 'red', fair: 'orange', good: 'blue', great: 'green' }
const ratingLabel = (r: string) => r[0].toUpperCase() + r.slice(1)

export function Rating({ rating }: { rating: string | null | undefined }) {
  if (!rating) return <Tag colour="grey">Not rated</Tag>
  return <Tag colour={RATING_COLOURS[rating] ?? 'grey'}>{ratingLabel(rating)}</Tag>
}

function RichText({ html }: { html: string | undefined }) {
  if (!html) return <p className="govuk-body govuk-hint">Not written yet.</p>
  return <div className="hub-rich-text" dangerouslySetInnerHTML={{ __html: html }} />
}

export function SectionContentView({ section, headingLevel = 3 }: { section: RenderedSection; headingLevel?: 3 | 4 }) {
  const Heading = `h${headingLevel}` as 'h3' | 'h4'
  switch (section.kind) {
    case 'narrative':
      return <RichText html={section.html} />
    case 'journey':
      return (
        <>
          <p className="govuk-body">
            Our rating: <Rating rating={section.rating} />
          </p>
          <RichText html={section.html} />
        </>
      )
    case 'enablers':
      return (
        <>
          {section.enablers?.map((e) => (
            <div key={e.key} className="hub-enabler">
              <Heading className="govuk-heading-s">
                {e.title} <Rating rating={e.rating} />
              </Heading>
              <RichText html={e.html} />
            </div>
          ))}
        </>
      )
    case 'top_three':
      if (!section.challenges?.length) return <p className="govuk-body govuk-hint">Not written yet.</p>
      return (
        <ol className="govuk-list govuk-list--number">
          {section.challenges.map((c, i) => (
            <li key={i}>
              <Heading className="govuk-heading-s">{c.themeLabel ?? 'Theme not chosen'}</Heading>
              <dl className="govuk-summary-list govuk-summary-list--no-border">
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">What good would look like</dt>
                  <dd className="govuk-summary-list__value hub-pre-line">{c.whatGoodLooksLike || 'Not written yet.'}</dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Support we would welcome</dt>
                  <dd className="govuk-summary-list__value hub-pre-line">{c.supportWelcome || 'Not written yet.'}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ol>
      )
  }
}
