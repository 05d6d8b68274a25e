// The life of a self-assessment: draft → ready for sign-off → signed off → shared.
// This file says which moves exist; who may make them is the policy's business.

export const STATUSES = ['draft', 'ready_for_sign_off', 'signed_off', 'shared'] as const
export type AssessmentStatus = (typeof STATUSES)[number]

export const STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: 'Draft',
  ready_for_sign_off: 'Ready for sign-off',
  signed_off: 'Signed off',
  shared: 'Shared',
}

export type AssessmentEvent = 'edit' | 'submit_for_sign_off' | 'return_to_draft' | 'sign_off' | 'share' | 'withdraw'

export type Transition =
  | { ok: true; status: AssessmentStatus; /** the change starts a new revision; the old one keeps its status */ newRevision: boolean }
  | { ok: false; error: string }

const refuse = (error: string): Transition => ({ ok: false, error })

export function transition(status: AssessmentStatus, event: AssessmentEvent): Transition {
  switch (event) {
    case 'edit':
      // A signed-off text is a record: changing it starts a new draft revision, and
      // readers keep seeing the signed-off one until the new one is signed off.
      if (status === 'signed_off' || status === 'shared') return { ok: true, status: 'draft', newRevision: true }
      return { ok: true, status, newRevision: false }
    case 'submit_for_sign_off':
      return status === 'draft' ? { ok: true, status: 'ready_for_sign_off', newRevision: false } : refuse('Only a draft can be sent for sign-off')
    case 'return_to_draft':
      return status === 'ready_for_sign_off' ? { ok: true, status: 'draft', newRevision: false } : refuse('Only an assessment waiting for sign-off can go back to draft')
    case 'sign_off':
      return status === 'ready_for_sign_off' ? { ok: true, status: 'signed_off', newRevision: false } : refuse('Send the assessment for sign-off first')
    case 'share':
      // Sharing again with another scope is allowed: it replaces the scope.
      return status === 'signed_off' || status === 'shared' ? { ok: true, status: 'shared', newRevision: false } : refuse('Only a signed-off assessment can be shared')
    case 'withdraw':
      return status === 'shared' ? { ok: true, status: 'signed_off', newRevision: false } : refuse('The assessment is not shared')
  }
}
