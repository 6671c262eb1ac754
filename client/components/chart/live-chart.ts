import { type Component, defineAsyncComponent } from 'vue'

// ECharts and its Vue component (~190 KB gzip, client/charts/register.ts) load beside a page with charts, not
// before it: the page, its data requests and the charts the server drew as images (ChartPanel's `image`)
// need none of it. Loaded once, on the first chart panel's setup.
let loading: Promise<Component> | undefined

export function loadLiveChart(): Promise<Component> {
  loading ??= Promise.all([import('vue-echarts'), import('../../charts/register.ts')]).then(
    ([module]) => module.default,
    (error: unknown) => {
      // A failed load (the network, or a release that replaced the files) is tried again by the next panel.
      loading = undefined
      throw error
    },
  )
  return loading
}

/** vue-echarts' chart, rendered once loaded: the load starts earlier, with loadLiveChart() in a panel's setup. */
export const LiveChart = defineAsyncComponent(loadLiveChart)
