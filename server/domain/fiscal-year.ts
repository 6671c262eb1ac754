// The one fiscal-year module for server and client: Japanese FY runs April 1 to March 31.
// The database has the same rule as `fiscal_year(date)` (db/migrations); a test keeps the two equal.

export type Locale = 'ja' | 'en'

/** The fiscal years the program's records may carry. */
export const FIRST_FY = 1980
export const LAST_FY = 2100

/** The fiscal year a date falls in: 2017-03-31 → 2016, 2017-04-01 → 2017. */
export function fiscalYearOf(date: Date | string): number {
  const [year, month] =
    typeof date === 'string' ? parseIsoDate(date) : [date.getUTCFullYear(), date.getUTCMonth() + 1]
  return month >= 4 ? year : year - 1
}

/** First and last day of a fiscal year, as ISO dates. */
export function fiscalYearRange(fy: number): { from: string; to: string } {
  return { from: `${fy}-04-01`, to: `${fy + 1}-03-31` }
}

interface Era {
  ja: string
  letter: string
  firstFy: number
}

// A fiscal year is named after the era in force on its April 1; FY2019 (April 2019) is 令和元年度
// although Reiwa began on May 1, as the government and the prefecture write it.
const ERAS: Era[] = [
  { ja: '令和', letter: 'R', firstFy: 2019 },
  { ja: '平成', letter: 'H', firstFy: 1989 },
  { ja: '昭和', letter: 'S', firstFy: 1926 },
]

export function eraOf(fy: number): { ja: string; letter: string; year: number } {
  const era = ERAS.find((e) => fy >= e.firstFy)
  if (!era) throw new RangeError(`fiscal year ${fy} is before the Showa era`)
  return { ja: era.ja, letter: era.letter, year: fy - era.firstFy + 1 }
}

/** The western year of an era's year: (平成, 28) → 2016, (R, 1) → 2019; undefined past the era's end (H32). */
export function westernYear(era: string, year: number): number | undefined {
  const index = ERAS.findIndex((e) => e.ja === era || e.letter === era.toUpperCase())
  const found = ERAS[index]
  if (!found || !Number.isInteger(year) || year < 1) return undefined
  // An era's last year is also the next one's first (平成31年 is 令和元年), as documents of the time wrote it.
  const next = ERAS[index - 1]
  if (next && found.firstFy + year - 1 > next.firstFy) return undefined
  return found.firstFy + year - 1
}

/**
 * A fiscal year as spreadsheets write it: `2016`, `FY2016`, `2016年度`, `FY2016 (H28)`, `H28`, `平成28年度`,
 * `R1`, `令和元年度`, with full-width characters too. undefined for anything else, or for a label whose two
 * forms disagree.
 */
export function parseFiscalYear(text: string): number | undefined {
  const value = text.normalize('NFKC').replace(/\s+/g, '')
  const era = (name: string, year: string) => westernYear(name, year === '元' ? 1 : Number(year))
  const western = /^(?:FY)?(\d{4})(?:年度?)?(?:\(([RHS])(\d{1,2}|元)\))?$/i.exec(value)
  if (western) {
    const fy = Number(western[1])
    if (western[2] && era(western[2], western[3] ?? '') !== fy) return undefined
    return fy
  }
  const japanese = /^(令和|平成|昭和|[RHS])(\d{1,2}|元)(?:年度?)?$/i.exec(value)
  return japanese ? era(japanese[1] ?? '', japanese[2] ?? '') : undefined
}

/** `FY2016 (H28)` in English, `平成28年度` (or `令和元年度`) in Japanese. */
export function fiscalYearLabel(fy: number, locale: Locale): string {
  const era = eraOf(fy)
  if (locale === 'en') return `FY${fy} (${era.letter}${era.year})`
  return `${era.ja}${era.year === 1 ? '元' : era.year}年度`
}

function parseIsoDate(value: string): [number, number] {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value)
  if (!match) throw new RangeError(`not an ISO date: ${value}`)
  return [Number(match[1]), Number(match[2])]
}
