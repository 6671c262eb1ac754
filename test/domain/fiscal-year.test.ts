import { describe, expect, it } from 'vitest'
import { eraOf, fiscalYearLabel, fiscalYearOf, fiscalYearRange } from '../../server/domain/fiscal-year.ts'

describe('fiscalYearOf', () => {
  it('turns over on April 1', () => {
    expect(fiscalYearOf('2017-03-31')).toBe(2016)
    expect(fiscalYearOf('2017-04-01')).toBe(2017)
    expect(fiscalYearOf('2018-01-01')).toBe(2017)
    expect(fiscalYearOf('2016-12-31')).toBe(2016)
  })

  it('reads Date objects by their UTC calendar day', () => {
    expect(fiscalYearOf(new Date(Date.UTC(2019, 2, 31, 23, 59)))).toBe(2018)
    expect(fiscalYearOf(new Date(Date.UTC(2019, 3, 1, 0, 0)))).toBe(2019)
  })

  it('refuses what is not a date', () => {
    expect(() => fiscalYearOf('31/03/2017')).toThrow(RangeError)
  })

  it('gives the range of a fiscal year', () => {
    expect(fiscalYearRange(2016)).toEqual({ from: '2016-04-01', to: '2017-03-31' })
  })
})

describe('fiscal-year labels', () => {
  it('names Heisei fiscal years', () => {
    expect(fiscalYearLabel(2016, 'ja')).toBe('平成28年度')
    expect(fiscalYearLabel(2016, 'en')).toBe('FY2016 (H28)')
    expect(fiscalYearLabel(2012, 'ja')).toBe('平成24年度')
  })

  it('ends Heisei with FY2018 and starts Reiwa with FY2019', () => {
    expect(fiscalYearLabel(2018, 'ja')).toBe('平成30年度')
    expect(fiscalYearLabel(2018, 'en')).toBe('FY2018 (H30)')
    expect(fiscalYearLabel(2019, 'ja')).toBe('令和元年度')
    expect(fiscalYearLabel(2019, 'en')).toBe('FY2019 (R1)')
    expect(fiscalYearLabel(2026, 'ja')).toBe('令和8年度')
  })

  it('writes the first year of an era as 元', () => {
    expect(fiscalYearLabel(1989, 'ja')).toBe('平成元年度')
    expect(fiscalYearLabel(1988, 'ja')).toBe('昭和63年度')
    expect(eraOf(1989)).toEqual({ ja: '平成', letter: 'H', year: 1 })
  })
})
