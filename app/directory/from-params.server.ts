import { notFound, slugParam } from '~/auth/current-user.server'
import { findCouncilBySlug, findRegionBySlug } from './directory.server'

// The council or region a route's `$slug` names, or a 404 page: a bad slug is refused
// before any query, an unknown one after.

export async function councilFromSlug(slug: string | undefined) {
  const council = await findCouncilBySlug(slugParam(slug))
  if (!council) notFound()
  return council
}

export async function regionFromSlug(slug: string | undefined) {
  const region = await findRegionBySlug(slugParam(slug))
  if (!region) notFound()
  return region
}
