import type { RoleName } from '~/policy/policy'

const ROLE_LABELS: Record<RoleName, string> = {
  director: 'Director of children’s services',
  officer: 'Officer',
  lead_member: 'Lead member',
  region_lead: 'Region lead',
  admin: 'National administrator',
}
export const roleLabel = (role: RoleName) => ROLE_LABELS[role]

export const COUNCIL_TYPE_LABELS = {
  shire_county: 'Shire county',
  unitary: 'Unitary authority',
  metropolitan_district: 'Metropolitan district',
  london_borough: 'London borough',
} as const
export type CouncilTypeName = keyof typeof COUNCIL_TYPE_LABELS

/** Lower case; every run of other characters becomes one hyphen. */
export function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
}
