import { describe, expect, it } from 'vitest'
import { REPORT_STATUSES, reportTransition, type ReportEvent } from './report'

describe('challenge report transitions', () => {
  it('goes draft → agreed → published', () => {
    expect(reportTransition('draft', 'agree', 'Our letter')).toEqual({ ok: true, status: 'agreed' })
    expect(reportTransition('agreed', 'publish', 'Our letter')).toEqual({ ok: true, status: 'published' })
  })

  it('lets the host send an agreed report back to draft', () => {
    expect(reportTransition('agreed', 'send_back', 'Our letter')).toEqual({ ok: true, status: 'draft' })
  })

  it('refuses every other move', () => {
    const allowed = new Set(['draft:agree', 'agreed:publish', 'agreed:send_back'])
    for (const status of REPORT_STATUSES) {
      for (const event of ['agree', 'send_back', 'publish'] as ReportEvent[]) {
        if (allowed.has(`${status}:${event}`)) continue
        expect(reportTransition(status, event, 'Our letter')).toMatchObject({ ok: false })
      }
    }
  })

  it('will not agree an empty report', () => {
    expect(reportTransition('draft', 'agree', '  ')).toEqual({ ok: false, message: 'Write the report before it is agreed' })
  })
})
