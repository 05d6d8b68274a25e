import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/current-user.server'
import { cycleFor } from '~/peer-challenge/cycles.server'
import { lessonsCsv } from '~/peer-challenge/lessons'
import { cycleLessons } from '~/peer-challenge/lessons.server'
import { refuse } from '~/peer-challenge/respond.server'

// The collective lessons as a spreadsheet: the same rows the page shows, asked of the policy the same way.
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const found = await cycleFor(user, params.id ?? '', 'view_lessons')
  if (!found.ok) refuse(found)
  const { cycle } = found
  const { lessons } = await cycleLessons(user, cycle)
  return new Response(lessonsCsv(lessons), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="collective-lessons-${cycle.region.slug}-${cycle.year}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
