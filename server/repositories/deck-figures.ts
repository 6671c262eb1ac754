import type { DeckFigures } from '../schemas/decks.ts'
import { NAMED_METABOLITE_RESULTS } from '../schemas/findings.ts'
import type { ProjectDetail } from '../schemas/projects.ts'
import {
  type AttendanceEvent,
  type AttendanceStats,
  type CityAttendance,
  NAMED_EVENTS,
  type ProductStats,
} from '../schemas/stats.ts'
import { byCity, namedProductsPerFy } from './stats/scope.ts'

// Decks frozen before the stats answers were bounded keep every product and event, without the counts of
// those not named or the attendance per city; those frozen before the project page was bounded keep every
// metabolite result of a finding, without their count. They are brought to today's shape when read, so that
// every deck, whenever frozen, is one shape for the API and the slides.

type ProductYear = ProductStats['years'][number]
type StoredProducts = { years: (Omit<ProductYear, 'moreCount'> & { moreCount?: number })[] }
type StoredAttendance = Pick<AttendanceStats, 'events' | 'years'> & Partial<AttendanceStats>
type ProjectFinding = ProjectDetail['findings'][number]
type StoredFinding = Omit<ProjectFinding, 'metaboliteCount'> & { metaboliteCount?: number }
type StoredProject = Omit<ProjectDetail, 'findings'> & { findings: StoredFinding[] }
export type StoredFigures = Omit<DeckFigures, 'products' | 'attendance' | 'projects'> & {
  products: StoredProducts
  attendance: StoredAttendance
  projects: StoredProject[]
}

export function currentFigures(stored: StoredFigures): DeckFigures {
  return {
    ...stored,
    products: currentProducts(stored.products),
    attendance: currentAttendance(stored.attendance),
    projects: stored.projects.map((project) => ({
      ...project,
      findings: project.findings.map(currentFinding),
    })),
  }
}

type Result = ProjectFinding['metaboliteResults'][number]
/** The order answers name results in (server/repositories/finding-metabolites-repository.ts, inResultOrder). */
const bySignificance = (a: Result, b: Result) =>
  (a.pValue ?? Number.POSITIVE_INFINITY) - (b.pValue ?? Number.POSITIVE_INFINITY) || a.id - b.id

function currentFinding(finding: StoredFinding): ProjectFinding {
  const { metaboliteCount, metaboliteResults } = finding
  if (metaboliteCount !== undefined) return { ...finding, metaboliteCount }
  return {
    ...finding,
    metaboliteResults: [...metaboliteResults].sort(bySignificance).slice(0, NAMED_METABOLITE_RESULTS),
    metaboliteCount: metaboliteResults.length,
  }
}

function currentProducts(products: StoredProducts): ProductStats {
  const named = namedProductsPerFy(products.years.length)
  return {
    years: products.years.map((year) => ({
      ...year,
      products: year.products.slice(0, named),
      moreCount: (year.moreCount ?? 0) + Math.max(0, year.products.length - named),
    })),
  }
}

/** The old answer listed every event of the range in the order held: the latest are the last. */
function currentAttendance(attendance: StoredAttendance): AttendanceStats {
  const { events, years, moreCount, cities } = attendance
  if (moreCount !== undefined && cities !== undefined) return { events, moreCount, years, cities }
  return {
    events: events.slice(-NAMED_EVENTS),
    moreCount: Math.max(0, events.length - NAMED_EVENTS),
    years,
    cities: attendanceByCity(events),
  }
}

function attendanceByCity(events: AttendanceEvent[]): CityAttendance[] {
  const cities = new Map<string | null, CityAttendance>()
  for (const { city, attendance } of events) {
    const row = cities.get(city) ?? { city, events: 0, attendance: 0, reported: 0 }
    row.events += 1
    if (attendance !== null) {
      row.attendance += attendance
      row.reported += 1
    }
    cities.set(city, row)
  }
  return [...cities.values()].sort((a, b) => byCity(a.city, b.city))
}
