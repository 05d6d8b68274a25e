import { z } from 'zod'

// What a challenge comment may be: shared by the form (its limit) and the server (its check).
export const MAX_COMMENT = 2000
export const commentBody = z
  .string({ error: 'Enter your comment' })
  .trim()
  .min(1, 'Enter your comment')
  .max(MAX_COMMENT, `Your comment must be ${MAX_COMMENT.toLocaleString('en-GB')} characters or fewer`)
