import type { Actor } from '~/policy/policy'
import { db } from '~/services.server'
import { saveSectionForm, sectionForEditing } from './assessments.server'
import { renderSection, type RenderedSection } from './section-view.server'

// One path for a section save, whether the editor autosaves or the form is submitted
// without JavaScript: read the fields, save with the version the editor started from,
// and on a conflict describe the other person's version so the editor can offer a choice.

export type SaveOutcome =
  | { ok: true; version: number; revision: number }
  | { ok: false; status: 400 | 403 | 404; error: string }
  | { ok: false; status: 409; error: string; theirs: { version: number; by: string; at: Date; section: RenderedSection } | null }

export async function saveFromForm(actor: Actor, assessmentId: string, key: string, form: FormData): Promise<SaveOutcome> {
  const baseVersion = Number(form.get('baseVersion'))
  const fields = [...form.entries()].filter(([name]) => name !== 'baseVersion' && name !== 'intent')
  const saved = await saveSectionForm(actor, assessmentId, key, fields, baseVersion)
  if (saved.ok) return saved
  if (saved.status !== 409) return { ok: false, status: saved.status, error: saved.message }
  if (!('conflict' in saved)) return { ok: false, status: 409, error: saved.message, theirs: null }
  const editing = await sectionForEditing(actor, assessmentId, key)
  if (!editing.ok) return { ok: false, status: editing.status === 409 ? 400 : editing.status, error: editing.message }
  const by = await db().user.findUnique({ where: { id: saved.conflict.updatedById }, select: { name: true } })
  return {
    ok: false,
    status: 409,
    error: saved.message,
    theirs: {
      version: saved.conflict.version,
      by: by?.name ?? 'Someone',
      at: saved.conflict.updatedAt,
      section: renderSection(editing.section, editing.template, saved.conflict.content),
    },
  }
}
