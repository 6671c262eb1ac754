import type { DeckFigures } from '../schemas/decks.ts'
import {
  type AttendanceEvent,
  type AttendanceStats,
  type CityAttendance,
  NAMED_EVENTS,
  type ProductStats,
} from '../schemas/stats.ts'
import { byCity, namedProductsPerFy } from './stats/scope.ts'

// Decks frozen before the stats answers were bounded keep every product and event, without the counts of
// those not named or the attendance per city. They are brought to today's shape when read, so that every
// deck, whenever frozen, is one shape for the API and the slides.

type ProductYear = ProductStats['years'][number]
type StoredProducts = { years: (Omit<ProductYear, 'moreCount'> & { moreCount?: number })[] }
type StoredAttendance = Pick<AttendanceStats, 'events' | 'years'> & Partial<AttendanceStats>
export type StoredFigures = Omit<DeckFigures, 'products' | 'attendance'> & {
  products: StoredProducts
  attendance: StoredAttendance
}

export function currentFigures(stored: StoredFigures): DeckFigures {
  return {
    ...stored,
    products: currentProducts(stored.products),
    attendance: currentAttendance(stored.attendance),
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
