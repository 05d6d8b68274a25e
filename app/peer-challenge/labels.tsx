import { Tag } from '~/components/govuk'
import type { StageKey } from './stage'
import { REPORT_STATUS_LABELS, type ReportStatus } from './report'
import { MODEL_LABELS, type CycleModelKey } from './timetable'

const STAGE_COLOURS: Record<StageKey, 'grey' | 'yellow' | 'blue' | 'turquoise' | 'green' | 'purple' | 'light-blue'> = {
  self_assessment: 'grey',
  awaiting_groups: 'light-blue',
  challenger_only: 'purple',
  arrange_meeting: 'yellow',
  meeting_booked: 'blue',
  report: 'turquoise',
  review: 'purple',
  complete: 'green',
}

export function StageTag({ stage, label }: { stage: StageKey; label: string }) {
  return <Tag colour={STAGE_COLOURS[stage]}>{label}</Tag>
}

const REPORT_COLOURS = { draft: 'yellow', agreed: 'blue', published: 'green' } as const
export function ReportTag({ status }: { status: ReportStatus }) {
  return <Tag colour={REPORT_COLOURS[status]}>{REPORT_STATUS_LABELS[status]}</Tag>
}

export const modelLabel = (model: CycleModelKey) => MODEL_LABELS[model].label
export const CYCLE_STATUS_LABELS = { pairing: 'Pairing', published: 'Groups published' } as const
