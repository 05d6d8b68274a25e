// The annual cycle: sector-led improvement years run from September to August, so the
// cycle that starts in September 2026 is "2026 to 2027" and stored as year 2026.

const CYCLE_STARTS_IN_MONTH = 8 // September, counting January as 0

export function currentCycleYear(now: Date = new Date()): number {
  return now.getUTCMonth() >= CYCLE_STARTS_IN_MONTH ? now.getUTCFullYear() : now.getUTCFullYear() - 1
}

export const cycleLabel = (year: number) => `${year} to ${year + 1}`
