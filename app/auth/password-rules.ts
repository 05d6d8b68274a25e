import { z } from 'zod'

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

export const newPassword = z
  .string({ error: 'Enter a new password' })
  .min(MIN_PASSWORD_LENGTH, `Password must be ${MIN_PASSWORD_LENGTH} characters or more`)
  .max(MAX_PASSWORD_LENGTH, `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`)

/** A new password typed twice. */
export function withConfirmation<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...shape, password: newPassword, confirmPassword: z.string({ error: 'Confirm your new password' }).max(MAX_PASSWORD_LENGTH) })
    .refine((v) => (v as { password: string }).password === (v as { confirmPassword: string }).confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' })
}
