// What a peer-challenge operation returns when it refuses: a status for the route to answer
// with, a message for the person, and errors by field for a form. Nothing was written.

export type Failure = { ok: false; status: 400 | 403 | 404 | 409; message: string; errors?: Record<string, string> }

export const fail = (status: Failure['status'], message: string, errors?: Record<string, string>): Failure => ({ ok: false, status, message, ...(errors ? { errors } : {}) })

/** Bad form input: errors keyed by field. */
export const invalid = (errors: Record<string, string>) => fail(400, 'There is a problem', errors)
