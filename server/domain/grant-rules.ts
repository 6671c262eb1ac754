import type { FieldProblem } from './errors.ts'
import { beforeStart } from './problems.ts'

// The subsidy rules a grant must keep: the project year it falls in, the menu's cap for that year, and the
// menu's rate of the eligible cost. Pure: the repositories gather the terms and act on the answer.

export interface Rate {
  numerator: number
  denominator: number
}

export type CompanySize = 'sme' | 'large'

export interface GrantMenu {
  nameJa: string
  maxYears: number
  rates: { sme: Rate; large: Rate }
  /** The cap in yen for each project year (1 = the first). */
  capsYen: ReadonlyMap<number, number>
}

/** What a grant is checked against: the project's menu and period, and its lead company's size. */
export interface GrantTerms {
  menu: GrantMenu | null
  startFy: number | null
  endFy: number | null
  companySize: CompanySize | null
}

export interface GrantAmounts {
  fy: number
  amountYen: number
  eligibleCostYen: number | null
}

export const formatYen = (yen: number | bigint) => `¥${yen.toLocaleString('en-US')}`

/** The year of the project a fiscal year falls in: its start year is year 1. */
export const projectYearOf = (startFy: number, fy: number) => fy - startFy + 1

/**
 * The rate that applies to the lead company. When its size is unknown (the brochure gives no company's size)
 * the SME rate applies: it is the higher one, so a grant is refused only when it exceeds every rate the
 * program could have applied, and records of companies of unknown size can still be entered.
 */
export function applicableRate(menu: GrantMenu, size: CompanySize | null): { rate: Rate; label: string } {
  if (size === 'large') return { rate: menu.rates.large, label: `the large-company rate of ${menu.nameJa}` }
  if (size === 'sme') return { rate: menu.rates.sme, label: `the SME rate of ${menu.nameJa}` }
  return {
    rate: menu.rates.sme,
    label: `the SME rate of ${menu.nameJa}, applied because the lead company's size is unknown`,
  }
}

/** The most a rate allows of an eligible cost, rounded down to the yen; exact (integer arithmetic). */
export const rateLimitYen = (eligibleCostYen: number, rate: Rate): bigint =>
  (BigInt(eligibleCostYen) * BigInt(rate.numerator)) / BigInt(rate.denominator)

/** Why the project cannot take any grant, or undefined when it can. */
export function grantRefusal(terms: GrantTerms): FieldProblem | undefined {
  if (!terms.menu) {
    return {
      field: 'project.menuId',
      message: 'the project has no subsidy menu, so no cap or rate applies to a grant; set its menu first',
      keyword: 'projectLacks',
      params: { missing: 'menuId' },
    }
  }
  if (terms.startFy === null) {
    return {
      field: 'project.startFy',
      message:
        'the project has no start year, so the project year of a grant is unknown; set its startFy first',
      keyword: 'projectLacks',
      params: { missing: 'startFy' },
    }
  }
  return undefined
}

/** Every rule the grant breaks, each naming the field and the limit; empty when it may be made. */
export function grantProblems(terms: GrantTerms, grant: GrantAmounts): FieldProblem[] {
  const refusal = grantRefusal(terms)
  if (refusal) return [refusal]
  const menu = terms.menu as GrantMenu
  const startFy = terms.startFy as number
  const problems: FieldProblem[] = []

  const year = projectYearOf(startFy, grant.fy)
  let yearValid = true
  if (year < 1) {
    problems.push(
      beforeStart('body.fy', `FY${grant.fy} is before the project starts (FY${startFy})`, {
        fy: grant.fy,
        startFy,
      }),
    )
    yearValid = false
  } else if (terms.endFy !== null && grant.fy > terms.endFy) {
    const lastYear = projectYearOf(startFy, terms.endFy)
    problems.push({
      field: 'body.fy',
      message: `FY${grant.fy} is after the project ends (FY${terms.endFy}, year ${lastYear})`,
      keyword: 'afterEnd',
      params: { fy: grant.fy, endFy: terms.endFy, lastYear },
    })
    yearValid = false
  }
  if (yearValid && year > menu.maxYears) {
    problems.push({
      field: 'body.fy',
      message: `FY${grant.fy} would be year ${year} of the project; ${menu.nameJa} runs at most ${menu.maxYears} year${menu.maxYears === 1 ? '' : 's'}`,
      keyword: 'yearBeyondMenu',
      params: { fy: grant.fy, year, maxYears: menu.maxYears, menu: menu.nameJa },
    })
    yearValid = false
  }

  if (yearValid) {
    const cap = menu.capsYen.get(year)
    if (cap === undefined) {
      problems.push({
        field: 'body.amountYen',
        message: `${menu.nameJa} sets no cap for year ${year}`,
        keyword: 'noCap',
        params: { year, menu: menu.nameJa },
      })
    } else if (grant.amountYen > cap) {
      problems.push({
        field: 'body.amountYen',
        message: `${formatYen(grant.amountYen)} exceeds the ${formatYen(cap)} cap for year ${year} of ${menu.nameJa}`,
        keyword: 'overCap',
        params: { amountYen: grant.amountYen, capYen: cap, year, menu: menu.nameJa },
      })
    }
  }

  if (grant.eligibleCostYen !== null) {
    const { rate, label } = applicableRate(menu, terms.companySize)
    // amount ≤ eligible × n/d, compared as amount × d ≤ eligible × n: no rounding anywhere.
    if (
      BigInt(grant.amountYen) * BigInt(rate.denominator) >
      BigInt(grant.eligibleCostYen) * BigInt(rate.numerator)
    ) {
      const maxYen = rateLimitYen(grant.eligibleCostYen, rate)
      problems.push({
        field: 'body.amountYen',
        message:
          `${formatYen(grant.amountYen)} exceeds ${rate.numerator}/${rate.denominator} of the eligible cost ` +
          `${formatYen(grant.eligibleCostYen)} (at most ${formatYen(maxYen)}), ${label}`,
        keyword: 'overRate',
        params: {
          amountYen: grant.amountYen,
          eligibleCostYen: grant.eligibleCostYen,
          // A share of the eligible cost, itself a safe integer: exact as a number.
          maxYen: Number(maxYen),
          rate,
          // null: the lead company's size is unknown, and the SME rate applied.
          size: terms.companySize,
          menu: menu.nameJa,
        },
      })
    }
  }
  return problems
}
