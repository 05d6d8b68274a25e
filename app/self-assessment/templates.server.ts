import type { Prisma } from '~/generated/prisma/client'
import { can, type Actor } from '~/policy/policy'
import { db } from '~/services.server'
import { templateFor } from './assessments.server'
import { applyTemplateChange, type Template, type TemplateChange } from './template'

// A region's template for a cycle year. Assessments keep a copy of the template they were
// started on, so a change here reaches only assessments started afterwards.

type Failure = { ok: false; status: 400 | 403; message: string }

export async function changeRegionTemplate(actor: Actor, regionId: string, year: number, change: TemplateChange): Promise<{ ok: true; template: Template } | Failure> {
  if (!can(actor, 'edit', { kind: 'region_template', regionId })) return { ok: false, status: 403, message: 'You cannot change this region’s template' }
  const applied = applyTemplateChange(await templateFor(regionId, year), change)
  if (!applied.ok) return { ok: false, status: 400, message: applied.error }
  const definition = applied.template as unknown as Prisma.InputJsonValue
  await db().assessmentTemplate.upsert({
    where: { regionId_year: { regionId, year } },
    create: { regionId, year, definition },
    update: { definition },
  })
  return { ok: true, template: applied.template }
}

/** How many of the region's councils have already started on this year's template. */
export async function startedCount(regionId: string, year: number) {
  return db().selfAssessment.count({ where: { year, council: { regionId } } })
}
