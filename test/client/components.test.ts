import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import FilterBar from '../../client/components/filters/FilterBar.vue'
import LanguageSwitch from '../../client/components/layout/LanguageSwitch.vue'
import KpiCard from '../../client/components/overview/KpiCard.vue'
import { formatNumber } from '../../client/i18n/format.ts'
import { createAppI18n, type Locale } from '../../client/i18n/index.ts'
import { routes } from '../../client/router.ts'
import { adoptions, overview } from './fixtures.ts'

const plugins = async (locale: Locale = 'ja', path = '/') => {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  return { i18n: createAppI18n(locale), router }
}

describe('KpiCard', () => {
  const props = {
    name: 'adoptions',
    label: '採択件数',
    unit: '件',
    latestFy: 2017,
    previousFy: 2016,
    format: formatNumber,
  }

  it('shows the total, the latest FY, the change from the previous FY and the progress to target', async () => {
    const card = mount(KpiCard, {
      props: { ...props, kpi: overview.kpis.adoptions },
      global: { plugins: [(await plugins()).i18n] },
    })
    expect(card.find('.kpi-value').text()).toBe('50')
    expect(card.find('.kpi-latest').text()).toBe('平成29年度9件')
    expect(card.find('.kpi-change').text()).toContain('前年度比 -1')
    expect(card.find('.kpi-change').attributes('data-trend')).toBe('down')
    expect(card.find('.kpi-target').text()).toBe('目標 10件・達成率 90%')
  })

  it('says when no target is set, in English too', async () => {
    const card = mount(KpiCard, {
      props: { ...props, label: 'Seminar attendance', unit: '', kpi: overview.kpis.attendance },
      global: { plugins: [(await plugins('en')).i18n] },
    })
    expect(card.find('.kpi-value').text()).toBe('1,204')
    expect(card.find('.kpi-latest').text()).toBe('FY2017 (H29)138')
    expect(card.find('.kpi-change').text()).toContain('-199 on the previous FY')
    expect(card.find('.kpi-target').text()).toBe('No target set')
  })

  it('says a figure is not recorded instead of showing a zero', async () => {
    const card = mount(KpiCard, {
      props: { ...props, unrecorded: true, kpi: overview.kpis.grantsYen },
      global: { plugins: [(await plugins()).i18n] },
    })
    expect(card.find('.kpi-value').exists()).toBe(false)
    expect(card.find('.kpi-unrecorded').text()).toBe('未登録')
    expect(card.text()).not.toContain('0')
  })
})

describe('FilterBar', () => {
  beforeEach(() => {
    const answers: Record<string, unknown> = {
      '/api/stats/filter-options': {
        fiscalYears: adoptions.years.map((y) => y.fy),
        menus: [{ code: 'seed_exploration', name: { ja: 'シーズ探索型', en: null } }],
        institutions: [{ id: 7, kind: 'university', name: { ja: '山形大学農学部', en: null } }],
        municipalities: ['舟形町', '鶴岡市'],
      },
    }
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const body = answers[new URL(url, 'http://localhost').pathname]
        return new Response(JSON.stringify(body), { status: body ? 200 : 404 })
      }),
    )
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('offers the FYs on record and keeps every choice in the URL', async () => {
    const { i18n, router } = await plugins('ja', '/?field=food')
    const bar = mount(FilterBar, { global: { plugins: [i18n, router] } })
    await flushPromises()

    const fyFrom = bar.find('select[name=fyFrom]')
    expect(fyFrom.findAll('option').map((o) => o.text())).toEqual([
      'すべて',
      '平成24年度',
      '平成25年度',
      '平成26年度',
      '平成27年度',
      '平成28年度',
      '平成29年度',
    ])
    expect((bar.find('select[name=field]').element as HTMLSelectElement).value).toBe('food')
    // As the API sends them: lead companies' seats, in code-point order.
    expect(
      bar
        .find('select[name=municipality]')
        .findAll('option')
        .map((o) => o.text()),
    ).toEqual(['すべて', '舟形町', '鶴岡市'])

    await fyFrom.setValue('2014')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ fyFrom: '2014', field: 'food' })

    await bar.find('button[data-pick=last3]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ fyFrom: '2015', fyTo: '2017', field: 'food' })
    expect(bar.find('button[data-pick=last3]').attributes('aria-pressed')).toBe('true')

    await bar.find('button[data-pick=latest]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ fyFrom: '2017', fyTo: '2017', field: 'food' })

    await bar.find('select[name=institution]').setValue('7')
    await flushPromises()
    expect(router.currentRoute.value.query.institution).toBe('7')

    await bar.find('button[data-pick=all]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ field: 'food', institution: '7' })
  })

  it('drags the other end of the range along rather than emptying it', async () => {
    const { i18n, router } = await plugins('ja', '/?fyFrom=2013&fyTo=2014')
    const bar = mount(FilterBar, { global: { plugins: [i18n, router] } })
    await flushPromises()
    await bar.find('select[name=fyFrom]').setValue('2016')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ fyFrom: '2016', fyTo: '2016' })
  })
})

// biome-ignore lint/suspicious/noDocumentCookie: happy-dom's document, as the app sets it
const forgetLocaleCookie = () => (document.cookie = 'locale=; path=/; max-age=0')

describe('LanguageSwitch', () => {
  it('switches the language and remembers it in a cookie, which the server renders pages by', async () => {
    forgetLocaleCookie()
    localStorage.clear()
    const { i18n } = await plugins('ja')
    const language = mount(LanguageSwitch, { global: { plugins: [i18n] } })
    expect(language.find('[data-locale=ja]').attributes('aria-pressed')).toBe('true')
    await language.find('[data-locale=en]').trigger('click')
    expect(i18n.global.locale.value).toBe('en')
    expect(document.cookie).toContain('locale=en')
    expect(language.find('[data-locale=en]').attributes('aria-pressed')).toBe('true')
    expect(createAppI18n().global.locale.value).toBe('en')
    forgetLocaleCookie()
  })

  it('still reads a choice made before the cookie, from the browser storage', () => {
    localStorage.setItem('locale', 'en')
    expect(createAppI18n().global.locale.value).toBe('en')
    localStorage.clear()
    expect(createAppI18n().global.locale.value).toBe('ja')
  })
})
