// The challenge report's life: the challengers draft it, the host's director agrees it (or
// sends it back for changes), then publishes it to a scope the host chooses. Pure.

export const REPORT_STATUSES = ['draft', 'agreed', 'published'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]
export const REPORT_SCOPES = ['group', 'region', 'all'] as const
export type ReportScope = (typeof REPORT_SCOPES)[number]
export type ReportEvent = 'agree' | 'send_back' | 'publish'

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { draft: 'Draft', agreed: 'Agreed by the host', published: 'Published' }
export const REPORT_SCOPE_LABELS: Record<ReportScope, { label: string; hint: string }> = {
  group: { label: 'The challenge group', hint: 'The councils of the group and the region’s leads.' },
  region: { label: 'The whole region', hint: 'Everyone in the region’s councils, and its leads.' },
  all: { label: 'All hub members', hint: 'Every signed-in member, in every region.' },
}

const NEXT: Record<ReportEvent, { from: ReportStatus; to: ReportStatus; refusal: string }> = {
  agree: { from: 'draft', to: 'agreed', refusal: 'Only a draft report can be agreed' },
  send_back: { from: 'agreed', to: 'draft', refusal: 'Only an agreed report can be sent back for changes' },
  publish: { from: 'agreed', to: 'published', refusal: 'The host must agree the report before it is published' },
}

export type ReportTransition = { ok: true; status: ReportStatus } | { ok: false; message: string }

/** The status after an event, or why the event does not apply. An empty report cannot be agreed. */
export function reportTransition(status: ReportStatus, event: ReportEvent, reportText: string): ReportTransition {
  const step = NEXT[event]
  if (status !== step.from) return { ok: false, message: step.refusal }
  if (event === 'agree' && !reportText.trim()) return { ok: false, message: 'Write the report before it is agreed' }
  return { ok: true, status: step.to }
}

export const isReportScope = (value: unknown): value is ReportScope => REPORT_SCOPES.includes(value as ReportScope)
