import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type DefineComponent, defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '../../client/api/client.ts'
import { adoptionsOption, adoptionsTable, adoptionsTarget } from '../../client/charts/adoptions.ts'
import ChartPanel from '../../client/components/chart/ChartPanel.vue'
import { createAppI18n } from '../../client/i18n/index.ts'
import { routes } from '../../client/router.ts'
import { adoptions } from './fixtures.ts'

// ECharts itself is not drawn here (no layout engine): a stand-in for vue-echarts' component (named
// `Echarts`) shows the option it got and replays ECharts' events.
const VChart = defineComponent({
  props: { option: { type: Object, required: true } },
  emits: ['click', 'finished'],
  setup: (props) => () =>
    h('div', { class: 'chart-stub', 'data-series': (props.option.series as unknown[]).length }),
})

async function mountPanel(props: Record<string, unknown>) {
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push('/?field=food')
  // The panel is generic in its data; mounted here with the adoptions chart's.
  const panel = mount(ChartPanel as unknown as DefineComponent<Record<string, unknown>>, {
    props: {
      name: 'adoptions',
      title: '年度別の採択件数',
      data: adoptions,
      loading: false,
      error: undefined,
      filters: { field: 'food' },
      isEmpty: (data: typeof adoptions) => data.years.length === 0,
      option: adoptionsOption,
      table: adoptionsTable,
      target: adoptionsTarget,
      ...props,
    },
    global: { plugins: [createAppI18n('ja'), router], stubs: { Echarts: VChart } },
  })
  return { panel, router }
}

// vue-echarts and ECharts are imported for real on first use: seconds on a busy machine.
const LIVE_CHART_LOADED = { timeout: 20_000 }

/** Mounted, and the chart drawn by the stand-in once vue-echarts has loaded (ChartPanel loads it itself). */
async function mountDrawn(props: Record<string, unknown>) {
  const mounted = await mountPanel(props)
  await vi.waitFor(() => expect(mounted.panel.find('.chart-stub').exists()).toBe(true), LIVE_CHART_LOADED)
  return mounted
}

describe('ChartPanel', () => {
  it('draws the chart with its data as a table for screen readers, shown on request', async () => {
    const { panel } = await mountDrawn({})
    expect(panel.find('.chart-stub').attributes('data-series')).toBe('2')
    const table = panel.find('table')
    expect(table.find('caption').text()).toBe('年度別の採択件数（表）')
    expect(table.findAll('tbody tr')).toHaveLength(6)
    expect(panel.find('[id$=-table]').classes()).toContain('visually-hidden')
    expect(table.find('tbody a').attributes('tabindex')).toBe('-1')

    const toggle = panel.find('.panel-header button')
    expect(toggle.text()).toBe('表で表示')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(panel.find('[id$=-table]').classes()).not.toContain('visually-hidden')
    expect(table.find('tbody a').attributes('tabindex')).toBeUndefined()
  })

  it('is "rendering" until ECharts reports the chart finished', async () => {
    const { panel } = await mountDrawn({})
    expect(panel.attributes('data-state')).toBe('rendering')
    panel.findComponent(VChart).vm.$emit('finished')
    await flushPromises()
    expect(panel.attributes('data-state')).toBe('drawn')
  })

  it('opens the records behind a clicked bar', async () => {
    const { panel, router } = await mountDrawn({})
    panel
      .findComponent(VChart)
      .vm.$emit('click', { componentType: 'series', seriesId: 'menu:unknown', dataIndex: 2 })
    await vi.waitFor(() =>
      expect(router.currentRoute.value.fullPath).toBe('/projects?fyFrom=2014&fyTo=2014&field=food'),
    )
  })

  it('shows loading, empty and error states, and asks for a retry', async () => {
    const loading = (await mountPanel({ data: undefined, loading: true })).panel
    expect(loading.attributes('data-state')).toBe('loading')
    expect(loading.find('[role=status]').text()).toBe('読み込み中…')

    const empty = (await mountPanel({ data: { menus: [], years: [] } })).panel
    expect(empty.attributes('data-state')).toBe('empty')
    expect(empty.text()).toContain('条件に合う記録はありません。')
    expect(empty.find('table').exists()).toBe(false)

    const error = new ApiError({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The database is unavailable',
    })
    const failed = (await mountPanel({ error })).panel
    expect(failed.attributes('data-state')).toBe('error')
    expect(failed.find('[role=alert]').text()).toContain(
      'データを読み込めませんでした。 (503 The database is unavailable)',
    )
    await failed.find('[role=alert] button').trigger('click')
    expect(failed.emitted('retry')).toHaveLength(1)
  })

  describe('with the server’s image of the chart', () => {
    // No layout engine here: the box measures as a desktop chart's would.
    beforeEach(() => {
      vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(640)
      vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(320)
      performance.clearMarks()
    })
    afterEach(() => vi.restoreAllMocks())

    it('shows it before the data, until the live chart has drawn', async () => {
      const { panel } = await mountPanel({ image: 'adoptions', data: undefined, loading: true })
      const image = panel.find('.chart-image img')
      expect(image.attributes('src')).toBe(
        '/api/stats/charts/adoptions?field=food&height=320&locale=ja&width=640',
      )
      expect([image.attributes('width'), image.attributes('height')]).toEqual(['640', '320'])
      // The browser records when it painted it: the benchmark's measure of the chart on screen.
      expect(image.attributes('elementtiming')).toBe('chart-image:adoptions')
      // Measured in the browser: no phone drawing asked for beside it.
      expect(panel.find('.chart-image source').exists()).toBe(false)
      expect(panel.find('[role=status]').text()).toBe('読み込み中…')

      await image.trigger('load')
      expect(panel.find('[role=status]').exists()).toBe(false)
      expect(panel.find('.chart-image').isVisible()).toBe(true)

      await panel.setProps({ data: adoptions, loading: false })
      await vi.waitFor(() => expect(panel.find('.chart-stub').exists()).toBe(true), LIVE_CHART_LOADED)
      expect(panel.find('.chart-image img').exists()).toBe(true)
      panel.findComponent(VChart).vm.$emit('finished')
      await flushPromises()
      expect(panel.find('.chart-image').exists()).toBe(false)
      expect(panel.attributes('data-state')).toBe('drawn')
      expect(performance.getEntriesByName('chart-drawn:adoptions')).toHaveLength(1)
    })

    it('drops it when the answer is empty or an error', async () => {
      const { panel } = await mountPanel({ image: 'adoptions', data: undefined, loading: true })
      await panel.find('.chart-image img').trigger('load')
      await panel.setProps({ data: { menus: [], years: [] }, loading: false })
      expect(panel.find('.chart-image img').exists()).toBe(false)
      expect(panel.attributes('data-state')).toBe('empty')

      const failed = (await mountPanel({ image: 'adoptions', data: undefined, loading: true })).panel
      await failed.find('.chart-image img').trigger('load')
      await failed.setProps({
        loading: false,
        error: new ApiError({ statusCode: 503, error: 'Service Unavailable', message: 'down' }),
      })
      expect(failed.find('.chart-image img').exists()).toBe(false)
      expect(failed.attributes('data-state')).toBe('error')
    })

    it('asks for ECharts only once it is in: compiling ECharts would hold the image back', async () => {
      const { panel } = await mountPanel({ image: 'adoptions' })
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(panel.find('.chart-stub').exists()).toBe(false)
      await panel.find('.chart-image img').trigger('error')
      await vi.waitFor(() => expect(panel.find('.chart-stub').exists()).toBe(true), LIVE_CHART_LOADED)
    })
  })
})
