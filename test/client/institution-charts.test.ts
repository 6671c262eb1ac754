import { describe, expect, it } from 'vitest'
import {
  institutionOutcomesOption,
  institutionOutcomesTable,
  institutionOutcomesTarget,
  institutionProjectsOption,
  institutionProjectsTable,
  institutionProjectsTarget,
  projectsByAdoptedFy,
} from '../../client/charts/institution.ts'
import type { ChartOption } from '../../client/charts/types.ts'
import type { OutcomeKind } from '../../server/schemas/outcomes.ts'
import { chartContext } from './fixtures.ts'

const categoriesOf = (option: ChartOption) => (option.xAxis as { data: string[] }).data
const valuesOf = (option: ChartOption) =>
  (option.series as { data: { value: number }[] }[])[0]?.data.map((d) => d.value)

const project = (
  id: number,
  adoptedFy: number | null,
  themeJa: string | null,
  company: string | null = null,
) => ({
  id,
  adoptedFy,
  themeJa,
  themeEn: themeJa ? `Theme ${id}` : null,
  company: company ? { id: 100 + id, nameJa: company, nameEn: null, municipality: null } : null,
})

// The metabolomics institute's four brochure projects (FY2013 ×2, FY2014, FY2016), plus one undated.
const projects = [
  project(1, 2013, 'ピーナッツ胚芽'),
  project(3, 2014, 'マッシュルーム'),
  project(4, 2013, '短期熟成生ハム'),
  project(5, 2016, '長期熟成生ハム'),
  project(51, null, null),
]
const filters = { institution: 1 }

describe("an institution's projects per adoption FY", () => {
  it('counts them per FY with the years between kept, and those without an FY last', () => {
    expect(projectsByAdoptedFy(projects).map((y) => [y.fy, y.projects.map((p) => p.id)])).toEqual([
      [2013, [1, 4]],
      [2014, [3]],
      [2015, []],
      [2016, [5]],
      [null, [51]],
    ])
    const option = institutionProjectsOption(projects, chartContext('ja'))
    expect(categoriesOf(option)).toEqual(['平成25年度', '平成26年度', '平成27年度', '平成28年度', '年度不明'])
    expect(valuesOf(option)).toEqual([2, 1, 0, 1, 1])
    expect(categoriesOf(institutionProjectsOption(projects, chartContext('en', true)))[0]).toBe('FY2013')
  })

  it('opens the projects list for a bar’s FY, keeping the institution', () => {
    expect(institutionProjectsTarget(projects, { dataIndex: 0, componentType: 'series' }, filters)).toEqual({
      path: '/projects',
      query: { fyFrom: '2013', fyTo: '2013', institution: '1' },
    })
    expect(institutionProjectsTarget(projects, { dataIndex: 4 }, filters)).toBeUndefined()
  })

  it('gives the same as a table, naming the projects (by theme, else company, else number)', () => {
    const table = institutionProjectsTable(
      [...projects, project(6, 2016, null, '㈱東北ハム')],
      chartContext('en'),
      filters,
    )
    expect(table.columns).toEqual(['Adopted', 'Projects', 'Themes'])
    expect(table.rows[0]).toEqual({
      header: 'FY2013 (H25)',
      link: { path: '/projects', query: { fyFrom: '2013', fyTo: '2013', institution: '1' } },
      cells: ['2', 'Theme 1, Theme 4'],
    })
    expect(table.rows[3]?.cells).toEqual(['2', 'Theme 5, ㈱東北ハム'])
    expect(table.rows[4]).toEqual({ header: 'FY not given', cells: ['1', 'Project #51 (details not given)'] })
  })
})

describe("an institution's outcomes per kind", () => {
  const outcomes: { id: number; kind: OutcomeKind }[] = [
    { id: 3, kind: 'test_sale' },
    { id: 4, kind: 'product' },
    { id: 5, kind: 'product' },
    { id: 6, kind: 'product' },
  ]

  it('draws a bar per kind in display order, each in its kind’s colour', () => {
    const option = institutionOutcomesOption(outcomes, chartContext('ja'))
    expect(categoriesOf(option)).toEqual(['商品化', 'テスト販売'])
    expect(valuesOf(option)).toEqual([3, 1])
    const colors = (option.series as { data: { itemStyle: { color: string } }[] }[])[0]?.data.map(
      (d) => d.itemStyle.color,
    )
    expect(new Set(colors).size).toBe(2)
  })

  it('links a kind to the outcomes page with the institution kept', () => {
    expect(institutionOutcomesTarget(outcomes, { dataIndex: 1 }, filters)).toEqual({
      path: '/outcomes',
      query: { institution: '1', kind: 'test_sale' },
    })
    const table = institutionOutcomesTable(outcomes, chartContext('en'), filters)
    expect(table.rows.map((r) => [r.header, r.cells])).toEqual([
      ['Product launched', ['3']],
      ['Test sale', ['1']],
    ])
  })
})
