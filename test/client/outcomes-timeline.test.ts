import { describe, expect, it } from 'vitest'
import { kindColor, kindName, kindsIn } from '../../client/charts/outcome-kinds.ts'
import {
  outcomesByFy,
  outcomesTimelineOption,
  outcomesTimelineTable,
} from '../../client/charts/outcomes-timeline.ts'
import type { ChartOption } from '../../client/charts/types.ts'
import { parseKinds } from '../../client/composables/useOutcomeKinds.ts'
import { chartContext } from './fixtures.ts'

type Series = { type: string; id: string; name: string; stack?: string; data: unknown[] }
const seriesOf = (option: ChartOption) => option.series as Series[]
const categoriesOf = (option: ChartOption) => (option.xAxis as { data: string[] }).data

const outcome = (
  id: number,
  kind: string,
  fy: number | null,
  titleJa: string,
  titleEn: string | null = null,
) => ({
  id,
  kind: kind as 'product',
  fy,
  titleJa,
  titleEn,
})

// Shaped like the brochure's: an award in FY2013, the five launches and test sales in FY2014–2017 (none in
// FY2018 here), and the earlier program's outcomes without a year.
const outcomes = [
  outcome(1, 'award', 2013, 'FOODEX美食女子 金賞', 'FOODEX gold prize'),
  outcome(2, 'product', 2014, 'ベジスープあまざけ', 'Vegi-soup Amazake'),
  outcome(3, 'test_sale', 2015, 'ピーナッツ胚芽チョコ', 'Peanut Germ Chocolate'),
  outcome(4, 'product', 2016, 'ペペロンチーノ', null),
  outcome(5, 'product', 2016, 'クリームスープの素', 'Cream soup base'),
  outcome(6, 'product', 2017, '生ハム<ノービレ>', 'Prosciutto <Nobile>'),
  outcome(7, 'variety_application', null, '春音 品種登録出願'),
  outcome(9, 'product', null, '柿酢'),
]

describe('outcomes timeline', () => {
  it('puts the dated outcomes on a run of fiscal years, leaving the undated off it', () => {
    const years = outcomesByFy(outcomes)
    expect(years.map((y) => [y.fy, y.outcomes.map((o) => o.id)])).toEqual([
      [2013, [1]],
      [2014, [2]],
      [2015, [3]],
      [2016, [4, 5]],
      [2017, [6]],
    ])
    // A year without outcomes stays on the axis, as a gap.
    expect(
      outcomesByFy([outcome(1, 'product', 2012, 'a'), outcome(2, 'product', 2015, 'b')]).map((y) => y.fy),
    ).toEqual([2012, 2013, 2014, 2015])
    expect(outcomesByFy([outcome(7, 'product', null, 'x')])).toEqual([])
  })

  it('stacks one series per kind in display order, each year counted, in Japanese FY labels', () => {
    const option = outcomesTimelineOption(outcomes, chartContext('ja'))
    expect(categoriesOf(option)).toEqual([
      '平成25年度',
      '平成26年度',
      '平成27年度',
      '平成28年度',
      '平成29年度',
    ])
    const series = seriesOf(option)
    expect(series.map((s) => [s.id, s.name])).toEqual([
      ['kind:product', '商品化'],
      ['kind:test_sale', 'テスト販売'],
      ['kind:award', '受賞'],
    ])
    expect(series.every((s) => s.type === 'bar' && s.stack === 'outcomes')).toBe(true)
    expect(series[0]?.data).toEqual([null, 1, null, 2, 1])
    expect(series[1]?.data).toEqual([null, null, 1, null, null])
    expect(series[2]?.data).toEqual([1, null, null, null, null])
  })

  it('names each FY’s outcomes in the tooltip, escaped, in English where given', () => {
    const option = outcomesTimelineOption(outcomes, chartContext('en'))
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    const html = formatter([{ dataIndex: 4 }])
    expect(html).toContain('FY2017 (H29)')
    expect(html).toContain('Product launched: Prosciutto &#60;Nobile&#62;')
    expect(html).not.toContain('<Nobile>')
    expect(formatter([{ dataIndex: 3 }])).toContain('Product launched: ペペロンチーノ')
  })

  it('gives the same figures as a table: counts per kind, the total and the titles', () => {
    const table = outcomesTimelineTable(outcomes, chartContext('en'))
    expect(table.columns).toEqual([
      'Fiscal year',
      'Product launched',
      'Test sale',
      'Award',
      'Total',
      'Outcomes',
    ])
    expect(table.rows).toHaveLength(5)
    expect(table.rows[3]).toEqual({
      header: 'FY2016 (H28)',
      cells: ['2', '0', '0', '2', 'ペペロンチーノ, Cream soup base'],
    })
  })

  it('draws only the kinds shown (the kind filter narrows the series)', () => {
    const launches = outcomes.filter((o) => o.kind === 'product' || o.kind === 'test_sale')
    const option = outcomesTimelineOption(launches, chartContext('ja'))
    expect(categoriesOf(option)).toEqual(['平成26年度', '平成27年度', '平成28年度', '平成29年度'])
    expect(seriesOf(option).map((s) => s.id)).toEqual(['kind:product', 'kind:test_sale'])
  })
})

describe('outcome kinds', () => {
  it('orders kinds for display, unknown ones last under their own name', () => {
    expect(kindsIn([{ kind: 'award' }, { kind: 'mystery' }, { kind: 'product' }, { kind: 'award' }])).toEqual(
      ['product', 'award', 'mystery'],
    )
    const ctx = chartContext('ja')
    expect(kindName('variety_registration', ctx)).toBe('品種登録')
    expect(kindName('mystery', ctx)).toBe('mystery')
    expect(kindColor('product')).not.toBe(kindColor('test_sale'))
  })

  it('reads the kinds from the URL: known ones, once each, in display order', () => {
    expect(parseKinds({ kind: 'product' })).toEqual(['product'])
    expect(parseKinds({ kind: ['test_sale', 'bribe', 'product', 'test_sale'] })).toEqual([
      'product',
      'test_sale',
    ])
    expect(parseKinds({ kind: null })).toEqual([])
    expect(parseKinds({})).toEqual([])
  })
})
