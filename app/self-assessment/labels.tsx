import { Tag } from '~/components/govuk'
import type { ShareScope } from '~/policy/policy'
import { STATUS_LABELS, type AssessmentStatus } from './status'

const STATUS_COLOURS = { not_started: 'grey', draft: 'yellow', ready_for_sign_off: 'blue', signed_off: 'turquoise', shared: 'green' } as const

export function StatusTag({ status }: { status: AssessmentStatus | 'not_started' }) {
  return <Tag colour={STATUS_COLOURS[status]}>{status === 'not_started' ? 'Not started' : STATUS_LABELS[status]}</Tag>
}

export const SCOPE_LABELS: Record<ShareScope, string> = {
  none: 'Not shared',
  partners: 'Our challenge partners',
  region: 'The whole region',
  all: 'All hub members',
}
export const scopeLabel = (scope: ShareScope) => SCOPE_LABELS[scope]
