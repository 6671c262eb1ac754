import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import ProjectGrants from '../../client/components/projects/ProjectGrants.vue'
import ProjectTable from '../../client/components/projects/ProjectTable.vue'
import { parseDescribed, parsePage, parseSort } from '../../client/composables/useProjectListQuery.ts'
import { resetSession } from '../../client/composables/useSession.ts'
import { createAppI18n, type Locale } from '../../client/i18n/index.ts'
import ProjectPage from '../../client/pages/ProjectPage.vue'
import { routes } from '../../client/router.ts'
import type { Grant, ProjectDetail, ProjectListItem } from '../../server/schemas/projects.ts'

const program = {
  id: 1,
  code: 'bio_cluster',
  nameJa: 'バイオクラスター形成促進事業',
  nameEn: 'Bio-cluster Program',
}

const listItem = (id: number, patch: Partial<ProjectListItem> = {}): ProjectListItem => ({
  id,
  ref: null,
  adoptedFy: 2013,
  startFy: 2013,
  endFy: 2015,
  themeJa: 'ピーナッツ胚芽の高付加価値化',
  themeEn: 'Adding value to peanut germ',
  field: 'food',
  status: 'completed',
  visibility: 'public',
  detailsKnown: true,
  version: 1,
  program,
  menu: null,
  company: { id: 6, nameJa: '㈱でん六', nameEn: 'Denroku Co., Ltd.', municipality: '山形市' },
  partnerCount: 4,
  ...patch,
})

const undescribed = listItem(12, {
  startFy: null,
  endFy: null,
  themeJa: null,
  themeEn: null,
  field: null,
  status: null,
  detailsKnown: false,
  company: null,
  partnerCount: 0,
})

async function plugins(locale: Locale = 'ja', path = '/projects') {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  return [createAppI18n(locale), router]
}

describe('the projects table in the URL', () => {
  it('reads the sort, the page and the described-only switch leniently, never sending a bad value on', () => {
    expect(parseSort({})).toBe('-adoptedFy')
    expect(parseSort({ sort: 'themeEn' })).toBe('themeEn')
    expect(parseSort({ sort: '-partnerCount' })).toBe('-partnerCount')
    expect(parseSort({ sort: 'password' })).toBe('-adoptedFy')
    expect(parseSort({ sort: ['companyNameJa', 'id'] })).toBe('companyNameJa')
    expect([
      parsePage({}),
      parsePage({ page: '3' }),
      parsePage({ page: '0' }),
      parsePage({ page: '2x' }),
    ]).toEqual([1, 3, 1, 1])
    expect([
      parseDescribed({ described: '1' }),
      parseDescribed({ described: 'yes' }),
      parseDescribed({}),
    ]).toEqual([true, false, false])
  })
})

describe('ProjectTable', () => {
  it('marks the sorted column for screen readers and turns the order round on a second press', async () => {
    const table = mount(ProjectTable, {
      props: { items: [listItem(1), undescribed], sort: 'themeJa' },
      global: { plugins: await plugins() },
    })
    expect(table.find('th.col-theme').attributes('aria-sort')).toBe('ascending')
    expect(table.find('th.col-adoptedFy').attributes('aria-sort')).toBeUndefined()
    expect(table.find('caption').text()).toContain('テーマの昇順で並べ替えています。')

    await table.find('[data-sort=theme]').trigger('click')
    await table.find('[data-sort=partners]').trigger('click')
    expect(table.emitted('sort')).toEqual([['-themeJa'], ['partnerCount']])
  })

  it('sorts by the names of the language shown', async () => {
    const table = mount(ProjectTable, {
      props: { items: [listItem(1)], sort: '-adoptedFy' },
      global: { plugins: await plugins('en') },
    })
    expect(table.find('th.col-adoptedFy').attributes('aria-sort')).toBe('descending')
    await table.find('[data-sort=company]').trigger('click')
    await table.find('[data-sort=adoptedFy]').trigger('click')
    expect(table.emitted('sort')).toEqual([['companyNameEn'], ['adoptedFy']])
    expect(table.find('[data-project-row="1"] .project-link').text()).toBe('Adding value to peanut germ')
  })

  it('links each row to its project, and says when the source gives no details instead of empty cells', async () => {
    const table = mount(ProjectTable, {
      props: { items: [listItem(1), undescribed], sort: '-adoptedFy' },
      global: { plugins: await plugins() },
    })
    const row = table.find('[data-project-row="1"]')
    expect(row.find('a').attributes('href')).toBe('/projects/1')
    expect(row.find('.col-company').text()).toBe('㈱でん六 山形市')
    expect(row.find('.col-menu').text()).toBe('記載なし')
    expect(row.find('.col-partners').text()).toBe('4')
    expect(row.find('.project-phone-line').text()).toBe('㈱でん六 · 食品 · 完了')

    const bare = table.find('[data-project-row="12"]')
    expect(bare.classes()).toContain('is-undescribed')
    expect(bare.find('a').text()).toBe('プロジェクト #12')
    expect(bare.find('.not-published-tag').text()).toBe('詳細の記載なし')
    expect(bare.findAll('td')).toHaveLength(2)
    expect(bare.find('.cell-note').attributes('colspan')).toBe('5')
  })
})

describe('ProjectGrants', () => {
  const grant = (id: number, fy: number, amountYen: number, eligibleCostYen: number | null): Grant => ({
    id,
    projectId: 1,
    fy,
    projectYear: fy - 2013 + 1,
    amountYen,
    eligibleCostYen,
    version: 1,
  })

  it('says "not recorded" when the source gives no amounts, never zero', async () => {
    const grants = mount(ProjectGrants, {
      props: { grants: [], projectId: 1 },
      global: { plugins: await plugins() },
    })
    expect(grants.find('[data-grants=unrecorded]').text()).toContain('未登録')
    expect(grants.text()).not.toMatch(/[¥￥]\s*0|0円(?!という)/)
    expect(grants.find('table').exists()).toBe(false)
  })

  it('lists the grants by FY in both forms, in full yen, with their total', async () => {
    const grants = mount(ProjectGrants, {
      props: {
        grants: [grant(2, 2014, 2_000_000, null), grant(1, 2013, 1_500_000, 3_000_000)],
        projectId: 1,
      },
      global: { plugins: await plugins() },
    })
    const rows = grants.findAll('tbody tr').map((row) => row.findAll('th, td').map((cell) => cell.text()))
    expect(rows).toEqual([
      ['平成25年度 FY2013 (H25)', '1年目', '￥1,500,000', '￥3,000,000'],
      ['平成26年度 FY2014 (H26)', '2年目', '￥2,000,000', '記載なし'],
    ])
    expect(grants.find('[data-total]').text()).toBe('￥3,500,000')
  })
})

describe('ProjectPage', () => {
  const results = [
    { name: 'GABA', direction: 'up' as const, foldChange: 2, pValue: 0.01 },
    { name: 'スクロース', direction: 'down' as const, foldChange: 0.5, pValue: null },
    { name: 'アルギニン', direction: 'up' as const, foldChange: null, pValue: null },
  ].map((r, i) => ({
    id: i + 1,
    hmdbId: null,
    keggId: null,
    chebiId: null,
    pubchemCid: null,
    inchikey: null,
    ...r,
  }))

  const finding = (
    id: number,
    statementJa: string,
    metaboliteResults: typeof results = [],
    metaboliteCount = metaboliteResults.length,
  ) => ({
    id,
    ref: null,
    statementJa,
    statementEn: null,
    materialJa: null,
    materialEn: null,
    comparisonJa: null,
    comparisonEn: null,
    platform: null,
    evidenceLevel: 'analytical' as const,
    reportedOn: null,
    visibility: 'public' as const,
    embargoUntil: null,
    version: 1,
    metaboliteResults,
    metaboliteCount,
  })

  const outcome = (id: number, titleJa: string, fy: number | null, restsOn: number[]) => ({
    id,
    ref: null,
    kind: 'product',
    titleJa,
    titleEn: null,
    descriptionJa: null,
    descriptionEn: null,
    fy,
    occurredOn: null,
    datePrecision: null,
    visibility: 'public' as const,
    embargoUntil: null,
    version: 1,
    restsOn,
  })

  const detail = (patch: Partial<ProjectDetail> = {}): ProjectDetail => {
    const { partnerCount: _, menu: __, company, ...item } = listItem(1)
    return {
      ...item,
      embargoUntil: null,
      sourceNote: null,
      createdAt: '2024-05-01T00:00:00.000Z',
      updatedAt: '2024-05-01T00:00:00.000Z',
      menu: null,
      company: company && { ...company, kind: 'company', size: 'sme' },
      partners: [{ org: { id: 2, kind: 'university', nameJa: '山形大学農学部', nameEn: null }, role: null }],
      grants: [],
      findings: [finding(10, '胚芽のGABAが増加した', results), finding(11, '加工条件を評価した')],
      outcomes: [outcome(20, 'ピーナッツ胚芽チョコ', 2015, [10]), outcome(21, '新商品', 2016, [10, 11])],
      events: [],
      ...patch,
    }
  }

  let answers: Record<string, { status: number; body: unknown }>
  beforeEach(() => {
    resetSession()
    answers = { '/api/auth/session': { status: 200, body: { user: null, csrfToken: null, idleMinutes: 60 } } }
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const answer = answers[new URL(url, 'http://localhost').pathname] ?? {
          status: 404,
          body: { statusCode: 404, error: 'Not Found', message: 'Not found' },
        }
        return new Response(JSON.stringify(answer.body), { status: answer.status })
      }),
    )
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  // ECharts is not drawn here (no layout engine): the chart's data table is what is checked.
  const Echarts = defineComponent({ setup: () => () => h('div', { class: 'chart-stub' }) })
  async function mountPage(id: number) {
    const page = mount(ProjectPage, {
      global: { plugins: await plugins('ja', `/projects/${id}`), stubs: { Echarts } },
    })
    await flushPromises()
    return page
  }

  it('traces each finding to the outcomes resting on it, and each outcome back', async () => {
    answers['/api/projects/1'] = { status: 200, body: detail() }
    const page = await mountPage(1)
    expect(page.find('h1').text()).toBe('ピーナッツ胚芽の高付加価値化')
    expect(
      page
        .find('[data-led-to]')
        .findAll('a')
        .map((a) => a.attributes('href')),
    ).toEqual(['#outcome-20', '#outcome-21'])
    expect(page.find('[data-finding="11"] [data-led-to]').text()).toContain('新商品')
    expect(
      page
        .find('[data-outcome="21"] [data-rests-on]')
        .findAll('a')
        .map((a) => a.text()),
    ).toEqual(['胚芽のGABAが増加した', '加工条件を評価した'])
    // Three results in the table; two with a fold change in the chart's table; the one left out is counted.
    expect(page.findAll('[data-finding="10"] [data-table=metabolites] tbody tr')).toHaveLength(3)
    expect(page.findAll('[data-chart=fold-changes-10] table tbody tr')).toHaveLength(2)
    expect(page.find('[data-chart=fold-changes-10] .panel-note').text()).toContain('倍率の記載がない1件')
    expect(page.find('[data-finding="11"] [data-chart]').exists()).toBe(false)
    expect(page.find('[data-grants=unrecorded]').exists()).toBe(true)
    expect(page.find('[data-section=events]').text()).toContain('登録されていません')
  })

  it('charts the 30 most significant of many results and lists them all in the table', async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({
      ...results[0],
      id: i + 1,
      name: `代謝物${i + 1}`,
      foldChange: 1 + (i + 1) / 10,
      pValue: (i + 1) / 1000,
    })) as typeof results
    answers['/api/projects/1'] = {
      status: 200,
      body: detail({ findings: [finding(10, '胚芽のGABAが増加した', many)] }),
    }
    const page = await mountPage(1)
    expect(page.findAll('[data-finding="10"] [data-table=metabolites] tbody tr')).toHaveLength(45)
    const charted = page.findAll('[data-chart=fold-changes-10] table tbody th').map((c) => c.text())
    expect(charted).toHaveLength(30)
    expect(charted).not.toContain('代謝物31')
    expect(page.find('[data-chart=fold-changes-10] .panel-note').text()).toContain(
      'グラフは有意性の高い30件を示します。',
    )
  })

  it('names "N of M" results of a finding that has more, and pages through the rest in the same order', async () => {
    answers['/api/projects/1'] = {
      status: 200,
      body: detail({ findings: [finding(10, '胚芽のGABAが増加した', results, 7)] }),
    }
    const rest = (offset: number) =>
      results.map((r, i) => ({ ...r, id: 100 + offset + i, name: `代謝物${offset + i + 1}` }))
    answers['/api/findings/10/metabolites'] = { status: 200, body: { items: rest(3), total: 7 } }
    const page = await mountPage(1)
    const finding10 = page.find('[data-finding="10"]')
    expect(finding10.find('[data-metabolites-named]').text()).toBe(
      '7件のうち、有意性の高い（p値の小さい）3件を示しています。',
    )
    expect(finding10.find('[data-metabolites-range]').text()).toBe('7件中 1〜3件目')
    expect(finding10.find('[data-chart=fold-changes-10] .panel-note').text()).toContain(
      'グラフは有意性の高い3件を示します。',
    )

    await finding10.find('[data-page=next]').trigger('click')
    await flushPromises()
    const requested = vi.mocked(fetch).mock.calls.map(([url]) => String(url))
    expect(requested).toContain('/api/findings/10/metabolites?limit=3&offset=3')
    expect(
      finding10.findAll('[data-table=metabolites] tbody th .metabolite-name').map((c) => c.text()),
    ).toEqual(['代謝物4', '代謝物5', '代謝物6'])
    expect(finding10.find('[data-metabolites-range]').text()).toBe('7件中 4〜6件目')
    await finding10.find('[data-page=prev]').trigger('click')
    await flushPromises()
    expect(finding10.findAll('[data-table=metabolites] tbody tr')).toHaveLength(3)
    expect(finding10.find('[data-metabolites-range]').text()).toBe('7件中 1〜3件目')
  })

  it('names every result of a finding that has no more, without "N of M" or pages', async () => {
    answers['/api/projects/1'] = { status: 200, body: detail() }
    const page = await mountPage(1)
    expect(page.find('[data-finding="10"] [data-metabolites-named]').exists()).toBe(false)
    expect(page.find('[data-finding="10"] [data-metabolite-pages]').exists()).toBe(false)
  })

  it('shows only what the source gives for a record it does not describe', async () => {
    answers['/api/projects/12'] = {
      status: 200,
      body: detail({
        id: 12,
        startFy: null,
        endFy: null,
        themeJa: null,
        themeEn: null,
        field: null,
        status: null,
        detailsKnown: false,
        company: null,
        partners: [],
        findings: [],
        outcomes: [],
        events: [],
      }),
    }
    const page = await mountPage(12)
    expect(page.find('h1').text()).toBe('プロジェクト #12')
    expect(page.find('[data-no-details]').text()).toContain('記載がありません')
    expect(page.findAll('[data-section]')).toHaveLength(0)
    expect(page.findAll('.project-facts [data-fact]').map((f) => f.attributes('data-fact'))).toEqual([
      'adoptedFy',
      'program',
    ])
  })

  it('says when there is no such project, and offers a retry when the request fails', async () => {
    const missing = await mountPage(404)
    expect(missing.find('[data-not-found]').text()).toBe(
      'プロジェクト #404 は登録されていないか、閲覧する権限がありません。',
    )

    answers['/api/projects/5'] = {
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' },
    }
    const failed = await mountPage(5)
    expect(failed.find('[role=alert]').text()).toContain('データを読み込めませんでした。')
    answers['/api/projects/5'] = { status: 200, body: detail({ id: 5 }) }
    await failed.find('[role=alert] button').trigger('click')
    await flushPromises()
    expect(failed.find('h1').text()).toBe('ピーナッツ胚芽の高付加価値化')
  })
})
