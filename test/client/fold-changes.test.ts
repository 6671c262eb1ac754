import { describe, expect, it } from 'vitest'
import {
  DOWN_COLOR,
  foldChangeRows,
  foldChangesOption,
  foldChangesTable,
  type MetaboliteResult,
  metaboliteName,
  UP_COLOR,
} from '../../client/charts/fold-changes.ts'
import { chartContext } from './fixtures.ts'

const result = (id: number, fields: Partial<MetaboliteResult>): MetaboliteResult => ({
  id,
  name: null,
  hmdbId: null,
  keggId: null,
  chebiId: null,
  pubchemCid: null,
  inchikey: null,
  direction: null,
  foldChange: null,
  pValue: null,
  ...fields,
})

// A finding's results as the API gives them: deliberately out of order, one without a fold change, one without
// a name.
const results: MetaboliteResult[] = [
  result(1, { name: 'スクロース', direction: 'down', foldChange: 0.25, pValue: 0.02 }),
  result(2, { name: 'GABA', keggId: 'C00334', direction: 'up', foldChange: 2, pValue: 0.0004 }),
  result(3, { name: 'アルギニン', direction: 'up' }),
  result(4, { keggId: 'C00327', direction: 'up', foldChange: 8 }),
  result(5, { name: 'クエン酸', direction: 'down', foldChange: 0.8 }),
]

type Bar = { id: string; name: string; stack: string; itemStyle: { color: string }; data: (number | null)[] }
const seriesOf = (option: ReturnType<typeof foldChangesOption>) => option.series as Bar[]
const categoriesOf = (option: ReturnType<typeof foldChangesOption>) =>
  (option.yAxis as { data: string[] }).data

describe('fold-change chart', () => {
  it('draws log2 of each fold change, the largest increase first and the largest decrease last', () => {
    const option = foldChangesOption(results, chartContext('ja'))
    expect(categoriesOf(option)).toEqual(['C00327', 'GABA', 'クエン酸', 'スクロース'])
    const [up, down] = seriesOf(option)
    expect(up?.data).toEqual([3, 1, null, null])
    expect(down?.data[2]).toBeCloseTo(Math.log2(0.8))
    expect(down?.data).toEqual([null, null, expect.any(Number), -2])
  })

  it('colours increases and decreases apart, on one stack so that each metabolite has one bar', () => {
    const [up, down] = seriesOf(foldChangesOption(results, chartContext('ja')))
    expect([up?.id, up?.name, up?.itemStyle.color]).toEqual(['up', '増加', UP_COLOR])
    expect([down?.id, down?.name, down?.itemStyle.color]).toEqual(['down', '減少', DOWN_COLOR])
    expect(up?.stack).toBe(down?.stack)
    expect(UP_COLOR).not.toBe(DOWN_COLOR)
  })

  it('leaves out a result without a fold change (or an impossible one) rather than inventing a length', () => {
    const rows = foldChangeRows(
      [...results, result(6, { name: 'ゼロ', foldChange: 0 }), result(7, { name: '負', foldChange: -1.5 })],
      chartContext('ja').t,
    )
    expect(rows.map((r) => r.id)).toEqual([4, 2, 5, 1])
    // What the page says beside the chart: how many results the bars leave out.
    expect(results.length - foldChangeRows(results, chartContext('ja').t).length).toBe(1)
  })

  it('keeps zero in the middle of a symmetric axis that reaches the longest bar', () => {
    const axis = foldChangesOption(results, chartContext('ja')).xAxis as { min: number; max: number }
    expect([axis.min, axis.max]).toEqual([-3, 3])
    const small = foldChangesOption([result(1, { name: 'x', foldChange: 1.1 })], chartContext('ja'))
    expect((small.xAxis as { min: number; max: number }).max).toBe(1)
  })

  it('gives the same bars as a table, in English too', () => {
    const table = foldChangesTable(results, chartContext('en'))
    expect(table.columns).toEqual(['Metabolite', 'Change', 'Fold change', 'log₂ fold change', 'p-value'])
    expect(table.rows.map((r) => r.header)).toEqual(['C00327', 'GABA', 'クエン酸', 'スクロース'])
    expect(table.rows[0]?.cells).toEqual(['Increased', '×8.00', '+3.00', '—'])
    expect(table.rows[1]?.cells).toEqual(['Increased', '×2.00', '+1.00', '< 0.001'])
    expect(table.rows[3]?.cells).toEqual(['Decreased', '×0.25', '-2.00', '0.02'])
  })

  it('names a result by its name, else its first identifier, else says the name is not given', () => {
    const t = chartContext('ja').t
    expect(metaboliteName(result(1, { name: 'GABA', keggId: 'C00334' }), t)).toBe('GABA')
    expect(metaboliteName(result(1, { pubchemCid: 119 }), t)).toBe('CID 119')
    expect(metaboliteName(result(1, {}), t)).toBe('名前の記載なし')
  })
})
