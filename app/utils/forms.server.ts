/** Reads a submitted form; a body that is not a readable form is the sender's error (400), not ours. */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch {
    throw new Response('The form could not be read. Go back and try again.', { status: 400, statusText: 'Bad Request' })
  }
}
