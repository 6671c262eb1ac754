import { describe, expect, it } from 'vitest'
import {
  attendanceByCity,
  seminarCitiesOption,
  seminarCitiesTable,
} from '../../client/charts/seminar-cities.ts'
import type { ChartOption } from '../../client/charts/types.ts'
import type { AttendanceStats } from '../../server/schemas/stats.ts'
import { attendance, chartContext } from './fixtures.ts'

const categoriesOf = (option: ChartOption) => (option.yAxis as { data: string[] }).data
const seriesOf = (option: ChartOption) => option.series as { type: string; data: unknown[] }[]

describe('seminar attendance by city', () => {
  it('shows the brochure’s four cities, the largest first', () => {
    expect(attendanceByCity(attendance)).toEqual([
      { city: '鶴岡市', events: 4, attendance: 679, unknownAttendance: 0 },
      { city: '山形市', events: 2, attendance: 318, unknownAttendance: 0 },
      { city: '米沢市', events: 1, attendance: 120, unknownAttendance: 0 },
      { city: '新庄市', events: 1, attendance: 87, unknownAttendance: 0 },
    ])
    const total = attendanceByCity(attendance).reduce((sum, row) => sum + row.attendance, 0)
    expect(total).toBe(1204)
  })

  it('draws one horizontal bar per city, top to bottom', () => {
    const option = seminarCitiesOption(attendance, chartContext('ja'))
    expect(categoriesOf(option)).toEqual(['鶴岡市', '山形市', '米沢市', '新庄市'])
    expect((option.yAxis as { type: string; inverse: boolean }).type).toBe('category')
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true)
    expect(seriesOf(option)).toHaveLength(1)
    expect(seriesOf(option)[0]?.data).toEqual([679, 318, 120, 87])
  })

  it('counts an event with no attendance given as an event, and a missing city under its own name', () => {
    const data: AttendanceStats = {
      years: [],
      events: [],
      moreCount: 0,
      cities: [
        { city: '酒田市', events: 1, attendance: 0, reported: 0 },
        { city: null, events: 1, attendance: 40, reported: 1 },
      ],
    }
    const table = seminarCitiesTable(data, chartContext('en'))
    expect(table.columns).toEqual(['City', 'Events', 'Attendance'])
    expect(table.rows).toEqual([
      { header: 'City not given', cells: ['1', '40'] },
      { header: '酒田市', cells: ['1', '—'] },
    ])
  })

  it('formats the figures per locale in the table', () => {
    const many: AttendanceStats = {
      years: [],
      events: [],
      moreCount: 0,
      cities: [{ city: '山形市', events: 1, attendance: 1250, reported: 1 }],
    }
    expect(seminarCitiesTable(many, chartContext('ja')).rows[0]?.cells).toEqual(['1', '1,250'])
  })
})
