import { describe, expect, it } from 'vitest'
import { councilStage, type CouncilProgress } from './stage'
import { defaultTimetable } from './timetable'

const timetable = defaultTimetable(2026) // assessments 30 Nov 2026; window 5 Jan–31 Mar 2027; reviews 30 Sep 2027
const at = (day: string) => new Date(`${day}T12:00:00Z`)
const d = (day: string) => new Date(`${day}T00:00:00Z`)
const base: CouncilProgress = { assessment: 'shared', cycleStatus: 'published', grouped: true, challenge: { meetingDate: null, reportStatus: 'draft', reviewDueAt: null, reviewedAt: null } }
const withChallenge = (c: Partial<NonNullable<CouncilProgress['challenge']>>): CouncilProgress => ({ ...base, challenge: { ...base.challenge!, ...c } })

describe('a council’s stage in the cycle', () => {
  it('starts at the self-assessment, overdue the day after it was due', () => {
    const p = { ...base, assessment: 'draft' as const, cycleStatus: 'pairing' as const, challenge: null }
    expect(councilStage(p, timetable, at('2026-11-30'))).toMatchObject({ key: 'self_assessment', label: 'Self-assessment in draft', overdue: [], dueSoon: [{ key: 'self_assessment' }] })
    expect(councilStage(p, timetable, at('2026-12-01'))).toMatchObject({ key: 'self_assessment', overdue: [{ key: 'self_assessment', due: timetable.assessmentsDue }] })
    expect(councilStage(p, timetable, at('2026-10-01')).dueSoon).toEqual([])
  })

  it('waits for groups while the lead is pairing', () => {
    expect(councilStage({ ...base, cycleStatus: 'pairing', challenge: null }, timetable, at('2026-12-10'))).toMatchObject({ key: 'awaiting_groups', overdue: [] })
  })

  it('follows the challenge: arrange, booked, report, review, complete', () => {
    expect(councilStage(base, timetable, at('2027-01-10')).key).toBe('arrange_meeting')
    expect(councilStage(withChallenge({ meetingDate: d('2027-02-10') }), timetable, at('2027-01-10'))).toMatchObject({ key: 'meeting_booked', date: d('2027-02-10') })
    expect(councilStage(withChallenge({ meetingDate: d('2027-02-10'), reviewDueAt: d('2027-08-10') }), timetable, at('2027-02-11'))).toMatchObject({ key: 'report', label: 'Report in draft' })
    expect(councilStage(withChallenge({ meetingDate: d('2027-02-10'), reportStatus: 'agreed' }), timetable, at('2027-02-11')).label).toBe('Report agreed, to publish')
    const review = withChallenge({ meetingDate: d('2027-02-10'), reportStatus: 'published', reviewDueAt: d('2027-08-10') })
    expect(councilStage(review, timetable, at('2027-03-01'))).toMatchObject({ key: 'review', date: d('2027-08-10'), overdue: [], dueSoon: [] })
    expect(councilStage({ ...review, challenge: { ...review.challenge!, reviewedAt: d('2027-08-01') } }, timetable, at('2027-09-01'))).toMatchObject({ key: 'complete', overdue: [] })
  })

  it('flags the review a fortnight before it is due, and overdue after', () => {
    const review = withChallenge({ meetingDate: d('2027-02-10'), reportStatus: 'published', reviewDueAt: d('2027-08-10') })
    expect(councilStage(review, timetable, at('2027-07-26')).dueSoon).toEqual([])
    expect(councilStage(review, timetable, at('2027-07-28')).dueSoon).toEqual([{ key: 'review', label: 'Six-month review', due: d('2027-08-10') }])
    expect(councilStage(review, timetable, at('2027-08-10')).overdue).toEqual([])
    expect(councilStage(review, timetable, at('2027-08-11')).overdue).toEqual([{ key: 'review', label: 'Six-month review', due: d('2027-08-10') }])
  })

  it('flags a meeting not held by the end of the window', () => {
    expect(councilStage(base, timetable, at('2027-04-01')).overdue).toEqual([{ key: 'meeting', label: 'Challenge meeting', due: timetable.windowCloses }])
    // Booked after the window: due on the booked day instead.
    const late = withChallenge({ meetingDate: d('2027-04-20') })
    expect(councilStage(late, timetable, at('2027-04-01')).overdue).toEqual([])
    expect(councilStage(late, timetable, at('2027-04-21')).key).toBe('report')
  })

  it('shows the furthest step reached, with a missing self-assessment as overdue', () => {
    const booked = { ...withChallenge({ meetingDate: d('2027-02-10') }), assessment: 'draft' as const }
    expect(councilStage(booked, timetable, at('2027-01-10'))).toMatchObject({ key: 'meeting_booked', overdue: [{ key: 'self_assessment' }] })
    expect(councilStage({ ...base, assessment: 'none' }, timetable, at('2027-01-10'))).toMatchObject({ key: 'self_assessment', label: 'Self-assessment not started' })
  })

  it('shows a panel challenger without a challenge of its own', () => {
    expect(councilStage({ ...base, challenge: null }, timetable, at('2027-01-10'))).toMatchObject({ key: 'challenger_only', overdue: [] })
  })
})
