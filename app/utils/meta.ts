import { useContext } from 'react'
import { useMatches } from '@remix-run/react'
import { UNSAFE_DataRouterStateContext } from 'react-router-dom'
import { errorTitle } from '~/components/error-boundary'

/**
 * A route's page title, declared in its `handle`. The root layout renders it, because
 * only there can it see the action's result too: GOV.UK asks for "Error: " in front of
 * the title when a form comes back with errors, and Remix's `meta` never sees action data.
 */
export type PageHandle<Data = unknown> = { title: string | ((data: Data) => string) }

export function usePageTitle(): string {
  const matches = useMatches()
  const state = useContext(UNSAFE_DataRouterStateContext)
  const error = state?.errors ? Object.values(state.errors)[0] : undefined
  if (error) return `${errorTitle(error)} – Improvement Hub`
  const match = [...matches].reverse().find((m) => (m.handle as PageHandle | undefined)?.title)
  const handle = match?.handle as PageHandle | undefined
  const title = typeof handle?.title === 'function' ? handle.title(match!.data) : handle?.title
  const formFailed = Object.values(state?.actionData ?? {}).some(
    (d) => d !== null && typeof d === 'object' && (d as { status?: unknown }).status === 'error',
  )
  return `${formFailed ? 'Error: ' : ''}${title ? `${title} – ` : ''}Improvement Hub`
}
