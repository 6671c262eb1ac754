import { describe, expect, it } from 'vitest'
import { adoptionsOption, adoptionsTable, adoptionsTarget } from '../../client/charts/adoptions.ts'
import {
  attendanceEventsOption,
  attendanceEventsTable,
  attendanceEventsTarget,
  attendanceYearsOption,
  attendanceYearsTable,
} from '../../client/charts/attendance.ts'
import {
  productsOption,
  productsTable,
  productsTarget,
  productsTooltip,
} from '../../client/charts/products.ts'
import type { ChartOption } from '../../client/charts/types.ts'
import { adoptions, adoptionsByMenu, attendance, chartContext, products } from './fixtures.ts'

type Series = { type: string; id: string; name: string; stack?: string; yAxisIndex?: number; data: unknown[] }
const seriesOf = (option: ChartOption) => option.series as Series[]
const categoriesOf = (option: ChartOption) => (option.xAxis as { data: string[] }).data

describe('adoptions chart', () => {
  it('has one bar per fiscal year, labelled with the Japanese era, and the cumulative line', () => {
    const option = adoptionsOption(adoptions, chartContext('ja'))
    expect(categoriesOf(option)).toEqual([
      '平成24年度',
      '平成25年度',
      '平成26年度',
      '平成27年度',
      '平成28年度',
      '平成29年度',
    ])
    const series = seriesOf(option)
    expect(series.map((s) => [s.type, s.id, s.name])).toEqual([
      ['bar', 'menu:unknown', 'メニュー不明'],
      ['line', 'cumulative', '累計'],
    ])
    expect(series[0]?.data).toEqual([5, 8, 9, 9, 10, 9])
    expect(series[1]?.data).toEqual([5, 13, 22, 31, 41, 50])
    expect(series[1]?.yAxisIndex).toBe(1)
  })

  it('stacks one series per menu in display order, "menu not given" last, with English labels', () => {
    const option = adoptionsOption(adoptionsByMenu, chartContext('en'))
    expect(categoriesOf(option)).toEqual(['FY2014 (H26)', 'FY2015 (H27)'])
    const bars = seriesOf(option).filter((s) => s.type === 'bar')
    expect(bars.map((s) => s.name)).toEqual([
      'Seed exploration',
      'Commercialization promotion A',
      'Menu not given',
    ])
    expect(bars.every((s) => s.stack === 'adoptions')).toBe(true)
    expect(bars.map((s) => s.data)).toEqual([
      [2, 3],
      [1, 0],
      [1, 0],
    ])
  })

  it('leaves "menu not given" out when every adoption has a menu', () => {
    const known = { ...adoptionsByMenu, years: adoptionsByMenu.years.slice(1) }
    expect(seriesOf(adoptionsOption(known, chartContext('ja'))).map((s) => s.id)).toEqual([
      'menu:seed_exploration',
      'menu:commercialization_a',
      'cumulative',
    ])
  })

  it('shortens the FY labels on a phone', () => {
    expect(categoriesOf(adoptionsOption(adoptions, chartContext('ja', true))).slice(0, 2)).toEqual([
      '平成24',
      '平成25',
    ])
    expect(categoriesOf(adoptionsOption(adoptions, chartContext('en', true))).slice(0, 2)).toEqual([
      'FY2012',
      'FY2013',
    ])
  })

  it('opens the projects behind a bar: that FY, that menu, keeping the other filters', () => {
    const filters = { field: 'food' as const, fyFrom: 2012 }
    expect(
      adoptionsTarget(adoptionsByMenu, { seriesId: 'menu:seed_exploration', dataIndex: 1 }, filters),
    ).toEqual({
      path: '/projects',
      query: { field: 'food', fyFrom: '2015', fyTo: '2015', menu: 'seed_exploration' },
    })
    expect(adoptionsTarget(adoptions, { seriesId: 'menu:unknown', dataIndex: 0 }, {})).toEqual({
      path: '/projects',
      query: { fyFrom: '2012', fyTo: '2012' },
    })
    expect(adoptionsTarget(adoptions, { seriesId: 'cumulative', dataIndex: 2 }, filters)).toEqual({
      path: '/projects',
      query: { field: 'food', fyFrom: '2012', fyTo: '2014' },
    })
    expect(adoptionsTarget(adoptions, { seriesId: 'cumulative', dataIndex: 9 }, {})).toBeUndefined()
  })

  it('gives the same figures as a table, each FY linking to its projects', () => {
    const table = adoptionsTable(adoptions, chartContext('en'), {})
    expect(table.columns).toEqual(['Fiscal year', 'Menu not given', 'Total', 'Cumulative'])
    expect(table.rows).toHaveLength(6)
    expect(table.rows[4]).toEqual({
      header: 'FY2016 (H28)',
      link: { path: '/projects', query: { fyFrom: '2016', fyTo: '2016' } },
      cells: ['10', '10', '41'],
    })
  })
})

describe('products chart', () => {
  it('has a bar per FY and the cumulative line', () => {
    const series = seriesOf(productsOption(products, chartContext('ja')))
    expect(series.map((s) => [s.type, s.data])).toEqual([
      ['bar', [1, 1, 2, 1]],
      ['line', [1, 2, 4, 5]],
    ])
  })

  it('names the products of the FY in the tooltip, in the current language, HTML escaped', () => {
    const ja = productsTooltip(products, chartContext('ja'))([{ dataIndex: 2 }, { dataIndex: 2 }])
    expect(ja).toContain('平成28年度')
    expect(ja).toContain('マッシュルームとオニオンのペペロンチーノ (㈲舟形マッシュルーム)')
    expect(ja).toContain('マッシュルームとクリームスープの素')
    expect(ja).toContain('商品化件数: 2')
    expect(ja).toContain('累計: 4')

    const en = productsTooltip(products, chartContext('en'))({ dataIndex: 3 })
    expect(en).toContain('FY2017 (H29)')
    expect(en).toContain('Prosciutto &#60;Nobile&#62;')
    expect(en).not.toContain('<Nobile>')
    // No English title: the Japanese one stands in.
    expect(productsTooltip(products, chartContext('en'))({ dataIndex: 2 })).toContain(
      'マッシュルームとクリームスープの素',
    )
  })

  it('opens the products of the FY among the outcomes', () => {
    expect(
      productsTarget(products, { seriesId: 'count', dataIndex: 0 }, { menu: 'seed_exploration' }),
    ).toEqual({
      path: '/outcomes',
      query: { menu: 'seed_exploration', kind: 'product', fyFrom: '2014', fyTo: '2014' },
    })
  })

  it('lists the product names in its table', () => {
    const table = productsTable(products, chartContext('en'), {})
    expect(table.rows.map((r) => r.cells[0])).toEqual(['1', '1', '2', '1'])
    expect(table.rows[2]?.cells[2]).toContain('Mushroom and onion peperoncino')
  })
})

describe('attendance charts', () => {
  it('draws one bar per event in the order held, coloured by kind', () => {
    const option = attendanceEventsOption(attendance, chartContext('ja'))
    expect(categoriesOf(option)).toHaveLength(8)
    expect(categoriesOf(option)[0]).toBe('平成24年度\n鶴岡市')
    const phone = attendanceEventsOption(attendance, chartContext('ja', true))
    expect(categoriesOf(phone)[3]).toBe('平成26 米沢市')
    expect((phone.xAxis as { axisLabel: { rotate: number } }).axisLabel.rotate).toBe(45)
    const series = seriesOf(option)
    expect(series.map((s) => s.name)).toEqual(['研究発表会', '技術セミナー'])
    // Each event is drawn once: by its own kind's series, the other series leaves a gap.
    const drawn = series[0]?.data.map((value, i) => value ?? series[1]?.data[i])
    expect(drawn).toEqual([135, 160, 134, 120, 180, 87, 250, 138])
  })

  it('links an event to the seminars of its FY and tables every event', () => {
    expect(attendanceEventsTarget(attendance, { dataIndex: 3 }, {})).toEqual({
      path: '/seminars',
      query: { fyFrom: '2014', fyTo: '2014' },
    })
    const table = attendanceEventsTable(attendance, chartContext('en'), {})
    expect(table.rows.map((r) => r.cells.at(-1))).toEqual([
      '135',
      '160',
      '134',
      '120',
      '180',
      '87',
      '250',
      '138',
    ])
  })

  it('sums attendance per FY, with the number of events in the tooltip', () => {
    const option = attendanceYearsOption(attendance, chartContext('en'))
    expect(seriesOf(option).map((s) => s.data)).toEqual([[135, 160, 254, 180, 337, 138]])
    const tooltip = (option.tooltip as { formatter: (params: unknown) => string }).formatter([
      { dataIndex: 4 },
    ])
    expect(tooltip).toBe('<strong>FY2016 (H28)</strong><br>Attendance: 337<br>Events: 2')
    const total = attendanceYearsTable(attendance, chartContext('en'), {}).rows.reduce(
      (sum, row) => sum + Number(row.cells[0]?.replace(/,/g, '')),
      0,
    )
    expect(total).toBe(1204)
  })
})
