// Dates as the hub shows them: UK style, in UK time on server and browser alike (so a
// page hydrates to the same text it was rendered with). Formatters are made once:
// building one costs a hundred times more than using it.

type When = string | number | Date | null | undefined

const formatter = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', ...options })
const DAY = formatter({ day: 'numeric', month: 'long', year: 'numeric' })
const DAY_TIME = formatter({ day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' })
const TIME = formatter({ hour: 'numeric', minute: '2-digit' })

const format = (f: Intl.DateTimeFormat) => (d: When) => (d === null || d === undefined || d === '' ? '' : f.format(new Date(d)))

/** 24 November 2026 */
export const formatDay = format(DAY)
/** 24 November 2026 at 14:05 */
export const formatDayTime = format(DAY_TIME)
/** 14:05 */
export const formatTime = format(TIME)
