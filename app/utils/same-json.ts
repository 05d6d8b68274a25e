// Whether two JSON values say the same thing. PostgreSQL's jsonb stores object keys in its
// own order, so stored documents are compared by content, not by their text.

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}

export const canonicalJson = (value: unknown) => JSON.stringify(sortedKeys(value))
export const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b)
