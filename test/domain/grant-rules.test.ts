import { describe, expect, it } from 'vitest'
import {
  applicableRate,
  formatYen,
  type GrantMenu,
  type GrantTerms,
  grantProblems,
  grantRefusal,
  projectYearOf,
  rateLimitYen,
} from '../../server/domain/grant-rules.ts'

// シーズ探索型 as the brochure gives it: 2 years, 2/3 for SMEs and 1/3 for large companies, ¥500,000 then ¥1,000,000.
const seed: GrantMenu = {
  nameJa: 'シーズ探索型',
  maxYears: 2,
  rates: { sme: { numerator: 2, denominator: 3 }, large: { numerator: 1, denominator: 3 } },
  capsYen: new Map([
    [1, 500_000],
    [2, 1_000_000],
  ]),
}
const terms = (overrides: Partial<GrantTerms> = {}): GrantTerms => ({
  menu: seed,
  startFy: 2016,
  endFy: 2017,
  companySize: 'sme',
  ...overrides,
})
const grant = (fy: number, amountYen: number, eligibleCostYen: number | null = null) => ({
  fy,
  amountYen,
  eligibleCostYen,
})

describe('projectYearOf', () => {
  it('counts the start year as year 1', () => {
    expect(projectYearOf(2016, 2016)).toBe(1)
    expect(projectYearOf(2016, 2017)).toBe(2)
    expect(projectYearOf(2016, 2015)).toBe(0)
  })
})

describe('grantProblems', () => {
  it('accepts grants up to the cap of each project year', () => {
    expect(grantProblems(terms(), grant(2016, 500_000))).toEqual([])
    expect(grantProblems(terms(), grant(2017, 1_000_000))).toEqual([])
  })

  it('refuses a grant above the cap of its project year, naming the cap, year and menu', () => {
    expect(grantProblems(terms(), grant(2016, 500_001))).toEqual([
      {
        field: 'body.amountYen',
        message: '¥500,001 exceeds the ¥500,000 cap for year 1 of シーズ探索型',
        keyword: 'overCap',
        params: { amountYen: 500_001, capYen: 500_000, year: 1, menu: 'シーズ探索型' },
      },
    ])
    expect(grantProblems(terms(), grant(2017, 1_000_001))[0]?.message).toBe(
      '¥1,000,001 exceeds the ¥1,000,000 cap for year 2 of シーズ探索型',
    )
  })

  it('refuses fiscal years outside the period or beyond the menu’s years', () => {
    expect(grantProblems(terms(), grant(2015, 1))).toEqual([
      {
        field: 'body.fy',
        message: 'FY2015 is before the project starts (FY2016)',
        keyword: 'beforeStart',
        params: { fy: 2015, startFy: 2016 },
      },
    ])
    expect(grantProblems(terms(), grant(2018, 1))).toEqual([
      {
        field: 'body.fy',
        message: 'FY2018 is after the project ends (FY2017, year 2)',
        keyword: 'afterEnd',
        params: { fy: 2018, endFy: 2017, lastYear: 2 },
      },
    ])
    expect(grantProblems(terms({ endFy: null }), grant(2018, 1))).toEqual([
      {
        field: 'body.fy',
        message: 'FY2018 would be year 3 of the project; シーズ探索型 runs at most 2 years',
        keyword: 'yearBeyondMenu',
        params: { fy: 2018, year: 3, maxYears: 2, menu: 'シーズ探索型' },
      },
    ])
  })

  it('refuses a year the menu sets no cap for', () => {
    const gappy = { ...seed, capsYen: new Map([[1, 500_000]]) }
    expect(grantProblems(terms({ menu: gappy }), grant(2017, 1))).toEqual([
      {
        field: 'body.amountYen',
        message: 'シーズ探索型 sets no cap for year 2',
        keyword: 'noCap',
        params: { year: 2, menu: 'シーズ探索型' },
      },
    ])
  })

  it('holds the amount to the SME rate of the eligible cost', () => {
    expect(grantProblems(terms(), grant(2017, 600_000, 900_000))).toEqual([])
    expect(grantProblems(terms(), grant(2017, 600_001, 900_000))).toEqual([
      {
        field: 'body.amountYen',
        message:
          '¥600,001 exceeds 2/3 of the eligible cost ¥900,000 (at most ¥600,000), the SME rate of シーズ探索型',
        keyword: 'overRate',
        params: {
          amountYen: 600_001,
          eligibleCostYen: 900_000,
          maxYen: 600_000,
          rate: { numerator: 2, denominator: 3 },
          size: 'sme',
          menu: 'シーズ探索型',
        },
      },
    ])
  })

  it('holds a large company to the large-company rate', () => {
    expect(grantProblems(terms({ companySize: 'large' }), grant(2017, 300_000, 900_000))).toEqual([])
    const [problem] = grantProblems(terms({ companySize: 'large' }), grant(2017, 300_001, 900_000))
    expect(problem?.message).toContain('exceeds 1/3 of the eligible cost ¥900,000 (at most ¥300,000)')
    expect(problem?.message).toContain('the large-company rate of シーズ探索型')
  })

  it('applies the SME rate when the company’s size is unknown, and says so', () => {
    expect(grantProblems(terms({ companySize: null }), grant(2017, 600_000, 900_000))).toEqual([])
    const [problem] = grantProblems(terms({ companySize: null }), grant(2017, 600_001, 900_000))
    expect(problem?.message).toMatch(
      /the SME rate of シーズ探索型, applied because the lead company's size is unknown$/,
    )
    expect(applicableRate(seed, null).rate).toEqual(seed.rates.sme)
  })

  it('compares with the rate exactly, where floating point would not', () => {
    const odd = {
      ...seed,
      rates: { sme: { numerator: 29, denominator: 100 }, large: { numerator: 1, denominator: 3 } },
    }
    // 100 × 0.29 is 28.999999999999996 in floating point; 29 yen is exactly 29% of 100.
    expect(100 * 0.29).toBeLessThan(29)
    expect(grantProblems(terms({ menu: odd }), grant(2016, 29, 100))).toEqual([])
    expect(grantProblems(terms({ menu: odd }), grant(2016, 30, 100))).toHaveLength(1)
    // Rounded down to the yen: 2/3 of 1,000,001 is 666,667.33…
    expect(rateLimitYen(1_000_001, seed.rates.sme)).toBe(666_667n)
    const big = { ...seed, capsYen: new Map([[1, 1_000_000_000_000]]) }
    expect(grantProblems(terms({ menu: big }), grant(2016, 666_666_666_667, 1_000_000_000_000))).toHaveLength(
      1,
    )
    expect(grantProblems(terms({ menu: big }), grant(2016, 666_666_666_666, 1_000_000_000_000))).toEqual([])
  })

  it('reports the cap and the rate together when both are broken', () => {
    const problems = grantProblems(terms(), grant(2016, 700_000, 900_000))
    expect(problems.map((p) => p.field)).toEqual(['body.amountYen', 'body.amountYen'])
  })

  it('refuses every grant to a project without a menu or a start year, saying why', () => {
    expect(grantRefusal(terms())).toBeUndefined()
    expect(grantProblems(terms({ menu: null }), grant(2016, 1))).toEqual([
      {
        field: 'project.menuId',
        message: 'the project has no subsidy menu, so no cap or rate applies to a grant; set its menu first',
        keyword: 'projectLacks',
        params: { missing: 'menuId' },
      },
    ])
    expect(grantProblems(terms({ startFy: null }), grant(2016, 1))[0]).toMatchObject({
      field: 'project.startFy',
      keyword: 'projectLacks',
      params: { missing: 'startFy' },
    })
  })
})

describe('formatYen', () => {
  it('writes yen with thousands separators', () => {
    expect(formatYen(1_500_000)).toBe('¥1,500,000')
    expect(formatYen(666_667n)).toBe('¥666,667')
  })
})
